// The P2 baseline's server: a bare `ws` server that sends one message to every open socket when asked, the
// cheapest fan-out Node can do (one serialised buffer, one write per socket; no GraphQL, no protocol state).
// Run as its own process by fanout.ts; prints `listening on <port>`.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/emit')) {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    const message = Buffer.from(body);
    for (const socket of sockets.clients) socket.send(message);
    res.writeHead(204).end();
  });
});
const sockets = new WebSocketServer({ server });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
