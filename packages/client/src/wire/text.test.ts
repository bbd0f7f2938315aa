import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainText, lineText, multiLineText } from './text.js';

/** Code units the rules refuse on one line: C0 controls, DEL, C1 controls, lone surrogates. */
const forbiddenOnOneLine = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
);

describe('free text', () => {
  it('takes ordinary text of any script, emoji (surrogate pairs) included', () => {
    for (const text of ['Design review', '周会 Q3', 'Zoë — café', 'Launch 🚀 party', '']) {
      expect(isPlainText(text), text).toBe(true);
      expect(lineText().parse(text)).toBe(text);
    }
  });

  it('refuses NUL, control characters and lone surrogates wherever they are', () => {
    fc.assert(
      fc.property(fc.string(), forbiddenOnOneLine, fc.string(), (before, code, after) => {
        // A high surrogate followed by a low one would be a pair: keep what follows apart.
        const text = `${before}${String.fromCharCode(code)}${code >= 0xd800 && code <= 0xdbff ? 'x' : ''}${after}`;
        expect(isPlainText(text)).toBe(false);
        expect(lineText().safeParse(text).success).toBe(false);
      }),
      { seed: 20_261_206, numRuns: 2000 },
    );
  });

  it('allows tabs and line breaks only in multi-line text', () => {
    for (const text of ['line one\nline two', 'a\tb', 'a\r\nb']) {
      expect(lineText().safeParse(text).success, JSON.stringify(text)).toBe(false);
      expect(multiLineText().parse(text)).toBe(text);
    }
    for (const text of ['a\u0000b', 'a\u000bb', 'a\u007fb', 'a\u0085b', 'a\ud800b', 'a\udc00b', 'a\ud83d']) {
      expect(multiLineText().safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
  });

  it('names the rule in its message and keeps working when chained', () => {
    const subject = lineText().trim().min(1).max(8);
    expect(subject.parse('  ok  ')).toBe('ok');
    expect(subject.safeParse('a\u0000').error?.issues[0]?.message).toMatch(/control characters/);
    expect(subject.safeParse('123456789').success).toBe(false);
  });
});
