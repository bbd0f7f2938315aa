/**
 * A webhook body read without parsing it: how deep it nests, and the envelope's top-level fields. A body nested
 * too deep to parse safely (a parser or validator that recurses would overflow the stack) is still answered from
 * these, with its signature checked first, so that an unsigned one is refused as such.
 */
import { rawJsonValue } from './signature.js';

/** The signed parts of a delivery as its raw text gives them; a field absent or not of its type is undefined. */
export interface RawEnvelope {
  appID: string | undefined;
  timestamp: number | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  /** The raw text of `eventInfo`, as signed. */
  eventInfoJson: string | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** True when a JSON text nests arrays and objects deeper than `max` levels; brackets inside strings do not count. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string, escapes included; an unterminated one ends the text.
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
      }
    } else if (OPENERS.has(code)) {
      depth++;
      if (depth > max) return true;
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return false;
}

/** A top-level string field of a JSON object text, parsed only when its raw value is a string literal. */
function stringField(text: string, key: string): string | undefined {
  const raw = rawJsonValue(text, key);
  if (raw === undefined || !raw.startsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A top-level integer field, as a number or a string of digits (as the body schema's `looseInt` takes it). */
function integerField(text: string, key: string): number | undefined {
  const raw = rawJsonValue(text, key);
  const digits = raw?.startsWith('"') ? stringField(text, key) : raw;
  return digits !== undefined && /^-?\d{1,16}$/.test(digits) ? Number(digits) : undefined;
}

/** Reads the envelope of a delivery from its raw text, parsing nothing but the small top-level values. */
export function rawEnvelope(text: string): RawEnvelope {
  return {
    appID: stringField(text, 'appID'),
    timestamp: integerField(text, 'timestamp'),
    nonce: stringField(text, 'nonce'),
    signature: stringField(text, 'signature'),
    eventInfoJson: rawJsonValue(text, 'eventInfo'),
  };
}
