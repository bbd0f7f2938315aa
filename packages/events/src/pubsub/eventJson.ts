import { EventNotSerialisableError } from '../errors.js';

/**
 * The JSON text of an event published on `topic`; an event JSON cannot write (a bigint, a cycle, `undefined`)
 * is refused with {@link EventNotSerialisableError}, whichever way JSON.stringify refuses it.
 */
export function eventJson(topic: string, event: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(event);
  } catch (error) {
    throw new EventNotSerialisableError(topic, error);
  }
  if (text === undefined) throw new EventNotSerialisableError(topic);
  return text;
}
