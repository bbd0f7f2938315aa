/** A socket close: its code and a reason a developer can read (at most 123 bytes, the WebSocket limit). */
export interface SocketClose {
  code: number;
  reason: string;
}

/** Most bytes of a close reason (RFC 6455: a control frame's 125-byte payload less the 2-byte code). */
const CLOSE_REASON_BYTES = 123;

/** `text` cut to fit a close frame, on a character boundary. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= CLOSE_REASON_BYTES) return text;
  const characters = Array.from(text);
  while (Buffer.byteLength(`${characters.join('')}…`) > CLOSE_REASON_BYTES) characters.pop();
  return `${characters.join('')}…`;
}
