import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redisServer.js';

/** Sends one inline command and resolves with the first reply line. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (data) => {
      resolve(data.toString().split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.write(`${line}\r\n`);
  });
}

describe('startRedisServer', () => {
  let server: RedisServer;
  afterAll(async () => server?.stop());

  it('runs a real redis-server on loopback that loses its data on restart', async () => {
    server = await startRedisServer();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await command(server.port, 'SET k v')).toBe('+OK');
    expect(await command(server.port, 'GET k')).toBe('$1');
    await server.restart();
    expect(await command(server.port, 'GET k')).toBe('$-1');
  });

  it('names the missing binary', async () => {
    await expect(startRedisServer({ binary: 'no-such-redis-server' })).rejects.toThrow(/redis-server/);
  });
});
