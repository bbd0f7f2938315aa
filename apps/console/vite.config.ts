import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` (pnpm dev) proxies the gateway's GraphQL path (HTTP and WebSocket) and its development users to the
// gateway at GATEWAY_URL, so the console calls its own origin as it does when the gateway serves it.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

// Served by the gateway under /console/ (and by the dev server at the same path).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // React, Apollo Client and graphql make one chunk of about 530 kB (155 kB compressed): loaded once, cached.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/console/dev-users': { target: gateway },
    },
  },
});
