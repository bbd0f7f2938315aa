/**
 * Free text as the client sends it: subjects, names, titles, remarks, search keys, user IDs. NUL and the other
 * control characters (C0, DEL, C1) and unpaired UTF-16 surrogates are refused: the meeting server's handling of
 * them is unpublished, they cannot be shown, and a lone surrogate is not even valid UTF-8 once encoded. Tabs and
 * line breaks pass only in fields the meeting server shows on several lines (remarks, notes, descriptions).
 * The gateway validates its inputs with the same schemas, so a refusal names the GraphQL field.
 */
import { z } from 'zod';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** True when `text` has no control character (tab and line breaks allowed when `multiLine`) and no lone surrogate. */
export function isPlainText(text: string, multiLine = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (!multiLine || (code !== TAB && code !== LINE_FEED && code !== CARRIAGE_RETURN)) return false;
    } else if (code >= 0x7f && code <= 0x9f) {
      return false;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A high surrogate must be followed by a low one; the pair is one code point.
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** A string of one line: no control characters at all, no lone surrogates. Chain `.trim()`, `.max()` etc. */
export const lineText = () =>
  z.string().refine((text) => isPlainText(text), {
    error: 'must not contain control characters or unpaired surrogates',
  });

/** A string that may run over several lines: tabs and line breaks allowed, other control characters not. */
export const multiLineText = () =>
  z.string().refine((text) => isPlainText(text, true), {
    error: 'must not contain control characters (other than tabs and line breaks) or unpaired surrogates',
  });
