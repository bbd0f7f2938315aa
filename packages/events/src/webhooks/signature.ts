import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a webhook signature covers. */
export interface WebhookSignedParts {
  appID: string;
  timestamp: number;
  nonce: string;
  /** The `eventInfo` object as the JSON text that was signed. */
  eventInfoJson: string;
}

/**
 * The webhook signature: `hex(HMAC-SHA256(key = appkey, appID + String(timestamp) + nonce + eventInfoJson))`
 * (reference README decision; the sender serialises `eventInfo` with plain `JSON.stringify`).
 */
export function webhookSignature(parts: WebhookSignedParts, appKey: string): string {
  return createHmac('sha256', appKey)
    .update(`${parts.appID}${String(parts.timestamp)}${parts.nonce}${parts.eventInfoJson}`)
    .digest('hex');
}

/** Compares two hex signatures in constant time, in either case. */
export function sameSignature(expected: string, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given) || expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected.toLowerCase(), 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

/**
 * Returns the raw JSON text of a top-level key's value in a JSON object text (so that a signature can be checked
 * over the bytes the sender signed), or undefined when the key is absent or the text is malformed.
 */
export function rawJsonValue(text: string, key: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  const skipString = (start: number): number => {
    let j = start + 1;
    while (j < n) {
      const ch = text[j];
      if (ch === '\\') j += 2;
      else if (ch === '"') return j + 1;
      else j++;
    }
    return -1;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      const end = skipString(i);
      if (end < 0) return undefined;
      if (depth === 1) {
        let k = end;
        while (k < n && /\s/.test(text[k] ?? '')) k++;
        if (text[k] === ':' && JSON.parse(text.slice(i, end)) === key) {
          k++;
          while (k < n && /\s/.test(text[k] ?? '')) k++;
          return valueEnd(text, k, skipString);
        }
      }
      i = end;
    } else {
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      i++;
    }
  }
  return undefined;
}

function valueEnd(text: string, start: number, skipString: (start: number) => number): string | undefined {
  const first = text[start];
  if (first === '"') {
    const end = skipString(start);
    return end < 0 ? undefined : text.slice(start, end);
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        const end = skipString(i);
        if (end < 0) return undefined;
        i = end;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return text.slice(start, i + 1);
      }
      i++;
    }
    return undefined;
  }
  const match = /^[^,}\]\s]+/.exec(text.slice(start));
  return match?.[0];
}
