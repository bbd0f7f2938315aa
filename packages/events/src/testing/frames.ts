// Shared by the state tests: push messages built from frame objects, as the wire would carry them.
// Test-only: excluded from the build and from the package's exports.
import { type PushMessage, parseServerFrame } from '../frames/index.js';

/** The push message of a frame object for meeting `confID` (the test fails on a frame the parser refuses). */
export function parsedFrame(confID: string, frame: object): PushMessage {
  const result = parseServerFrame(JSON.stringify({ confID, ...frame }));
  if (!result.ok || result.frame.kind !== 'message')
    throw new Error(`bad test frame: ${JSON.stringify(result)}`);
  return result.frame.message;
}
