import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /console/ (and by `vite` at the same path in development).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, strictPort: false },
});
