import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { GatewaySocket, SerialisedPayload, serialisedPayload, spliceNext } from './nextPayloads.js';

const result = {
  data: { participants: { reason: 'CHANGE', changed: [{ participantId: '1', name: 'Zoë "Z" \u2028' }] } },
};

describe('serialised next payloads', () => {
  it("makes graphql-ws's own message, with only the operation id per socket", () => {
    const payload = serialisedPayload(result);
    expect(serialisedPayload(result)).toBe(payload);
    for (const id of ['1', 'a9f0c2de-0000-4000-8000-000000000000', 'id with "quotes"']) {
      const spliced = spliceNext(
        stringifyMessage({ id, type: MessageType.Next, payload: payload as unknown as typeof result }),
      );
      expect(spliced.toString()).toBe(stringifyMessage({ id, type: MessageType.Next, payload: result }));
    }
  });

  it('leaves the errors out (they are formatted per operation) and other messages alone', () => {
    expect(new SerialisedPayload({ ...result, errors: [] }).json).toBe(JSON.stringify(result));
    const complete = stringifyMessage({ id: '1', type: MessageType.Complete });
    expect(spliceNext(complete)).toBe(complete);
    // A payload serialised elsewhere (say, logged) does not leak into the next message sent.
    JSON.stringify({ logged: serialisedPayload(result) });
    expect(spliceNext(complete)).toBe(complete);
  });

  it('is spliced in by the server socket as it is sent', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: GatewaySocket });
    await once(server, 'listening');
    server.on('connection', (socket) => {
      // As graphql-ws sends: the message and a callback.
      socket.send(
        stringifyMessage({ id: '7', type: MessageType.Next, payload: serialisedPayload(result) as never }),
        () => undefined,
      );
    });
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const [message, isBinary] = await once(client, 'message');
    expect(isBinary).toBe(false);
    expect(JSON.parse(String(message))).toEqual({ id: '7', type: 'next', payload: result });
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
