// graphql-ws `next` messages whose payload is serialised once, however many sockets it goes to.
//
// graphql-ws builds each message as `{"id":<operation>,"type":"next","payload":<result>}` and serialises it for
// every subscriber. Thousands of viewers of one meeting receive the same shared result (see
// live/sharedResults.ts): its JSON is made once here, and each socket's message is only its own short
// head with that JSON spliced in. graphql-ws is used as it is: the hook that formats a result (`onNext`) answers a
// SerialisedPayload, which serialises to a marker; the socket class of the server (GatewaySocket) puts the
// payload's JSON in the marker's place as the message is sent. graphql-ws serialises a message and hands it to
// the socket in one synchronous step, so the payload that serialised last is the one of the message being sent.
import { WebSocket } from 'ws';

/** What a SerialisedPayload serialises to, inside graphql-ws's message. */
const MARKER = '\u0000hwmeeting:payload';
const FIELD = '"payload":';
/** How a message carrying a SerialisedPayload ends. */
const TAIL = `${FIELD}${JSON.stringify(MARKER)}}`;

/** The payload serialised last (in the message graphql-ws is about to send). */
let handedOff: SerialisedPayload | undefined;

/** A result's payload as JSON, made once; stands in for the payload in graphql-ws's message. */
export class SerialisedPayload {
  /** The payload's JSON (graphql-ws's payload for a result without errors: the result, errors left out). */
  readonly json: string;
  /** The same as UTF-8, with the message's closing brace: what goes on every socket as it is. */
  readonly tail: Buffer;

  constructor(result: object) {
    const { errors: _errors, ...payload } = result as { errors?: unknown };
    this.json = JSON.stringify(payload);
    this.tail = Buffer.from(`${this.json}}`);
  }

  /** Serialises to the marker; the socket puts {@link json} in its place. */
  toJSON(): string {
    handedOff = this;
    return MARKER;
  }
}

const serialised = new WeakMap<object, SerialisedPayload>();

/**
 * The payload of a result without errors, serialised once per result object: the shared results of a meeting's
 * subscribers are one object for all of them (results with errors are formatted per operation, not here).
 */
export function serialisedPayload(result: object): SerialisedPayload {
  let payload = serialised.get(result);
  if (!payload) {
    payload = new SerialisedPayload(result);
    serialised.set(result, payload);
  }
  return payload;
}

/**
 * A graphql-ws message with the serialised payload it carries put in its marker's place, as UTF-8 bytes: the
 * socket's short head, then the payload's bytes copied as they are (no string is built, flattened or encoded
 * per socket). Any other message comes back unchanged.
 */
export function spliceNext(message: string): string | Buffer {
  const payload = handedOff;
  if (payload === undefined) return message;
  handedOff = undefined;
  if (!message.endsWith(TAIL)) return message;
  const head = `${message.slice(0, message.length - TAIL.length)}${FIELD}`;
  const size = Buffer.byteLength(head);
  const bytes = Buffer.allocUnsafe(size + payload.tail.length);
  bytes.write(head, 0);
  payload.tail.copy(bytes, size);
  return bytes;
}

/** graphql-ws messages are text frames, also when spliced into bytes. */
const TEXT = Object.freeze({ binary: false });

/** The server's sockets: a message carrying a serialised payload gets it spliced in as it is sent. */
export class GatewaySocket extends WebSocket {
  /** Sends `data` as `ws` does, a graphql-ws message carrying a serialised payload with it spliced in. */
  override send(data: unknown, options?: unknown, cb?: unknown): void {
    const send = super.send as (data: unknown, options?: unknown, cb?: unknown) => void;
    const message = typeof data === 'string' ? spliceNext(data) : data;
    if (message === data) {
      send.call(this, data, options, cb);
      return;
    }
    // graphql-ws passes the callback alone; a spliced message is still text.
    if (typeof options === 'function') send.call(this, message, TEXT, options);
    else send.call(this, message, { ...(options as object | undefined), ...TEXT }, cb);
  }
}
