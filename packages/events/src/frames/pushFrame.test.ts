import { describe, expect, it } from 'vitest';
import { parseServerFrame, subscribeFrameSchema, trimKeys } from './index.js';

// Frames as published (control-and-push.md B.5), trimmed.
const participants = `{"data":[{"pid":"uzr571a9brwu11cvcibvru5a7r7rryiy","mode":0,"pinfoMap":{"NAME":"张三","TEL":"+86571299676493248","ROLE":"1","STATE":"0","MUTE":"1","HAND":"0","VIDEO":"1","CAMERASTATE":"1","IS_COHOST":"0","ADDTIME":"1611988486336","CLIENT_LOGIN_TYPE":"Desktop"}}],"confID":"900487914","msgID":"23a429e862d111eb980a11b5be5aab3c","msgMode":0,"version":1611993595058,"createTime":1611993595058,"action":"ParticipantsNotify"}`;
const speaker = `{"data":[{"pid":"w5v17oiroco5zy9boia91yar1a17wzvy","name":"张三","speakingVolume":45}],"confID":"900151350","msgID":"a","msgMode":0,"version":1612178330127,"createTime":1612178330127,"action":"SpeakerChangeNotify"}`;
const subtitle = `{"action":"RealTimeSubtitleNotify","version":"1612178330127","createTime":"1612178330127","msgMode":0,"confID":"1","data":{"msgs ":[{"subtitleLang":"Original","translateText":"hello","id ":"1"}],"isFinal ":true,"timestamp ":1612178330000,"participantID":"p1"}}`;

describe('parseServerFrame', () => {
  it('parses a published ParticipantsNotify sample', () => {
    const parsed = parseServerFrame(participants);
    expect(parsed.ok).toBe(true);
    if (
      !parsed.ok ||
      parsed.frame.kind !== 'message' ||
      parsed.frame.message.action !== 'ParticipantsNotify'
    ) {
      throw new Error('not a participants message');
    }
    expect(parsed.frame.message.data[0]?.pinfoMap?.NAME).toBe('张三');
    expect(parsed.frame.message.msgMode).toBe(0);
    expect(parsed.frame.message.version).toBe(1611993595058);
  });

  it('reads stringified numbers and keys with stray spaces', () => {
    const parsed = parseServerFrame(subtitle);
    if (
      !parsed.ok ||
      parsed.frame.kind !== 'message' ||
      parsed.frame.message.action !== 'RealTimeSubtitleNotify'
    ) {
      throw new Error(`not a subtitle message: ${JSON.stringify(parsed)}`);
    }
    expect(parsed.frame.message.version).toBe(1612178330127);
    expect(parsed.frame.message.data?.msgs[0]?.translateText).toBe('hello');
    expect(parsed.frame.message.data?.isFinal).toBe(true);
    expect(parsed.frame.message.data?.timestamp).toBe(1612178330000);
  });

  it('reads errorCode or resultCode of invite results into resultCode', () => {
    for (const key of ['errorCode', 'resultCode']) {
      const parsed = parseServerFrame(
        `{"action":"InviteResultNotify","data":[{"callNumber":"+1","${key}":"11076010"}]}`,
      );
      if (
        !parsed.ok ||
        parsed.frame.kind !== 'message' ||
        parsed.frame.message.action !== 'InviteResultNotify'
      ) {
        throw new Error('not an invite result');
      }
      expect(parsed.frame.message.data[0]?.resultCode).toBe('11076010');
    }
  });

  it('treats a missing speaker list as silence', () => {
    const parsed = parseServerFrame('{"action":"SpeakerChangeNotify","msgMode":0,"version":1}');
    expect(parsed.ok && parsed.frame.kind === 'message' && parsed.frame.message).toMatchObject({ data: [] });
    expect(parseServerFrame(speaker).ok).toBe(true);
  });

  it('passes frames of unknown type through raw', () => {
    const parsed = parseServerFrame('{"action":"BreakoutSettingNotify","data":{"x":1}}');
    expect(parsed).toEqual({
      ok: true,
      frame: {
        kind: 'unknown',
        action: 'BreakoutSettingNotify',
        raw: { action: 'BreakoutSettingNotify', data: { x: 1 } },
      },
    });
  });

  it('recognises heartbeats and subscribe answers, with the sample returnDesc key', () => {
    expect(parseServerFrame('{"action":"HeartBeat","sequence":"0001"}')).toEqual({
      ok: true,
      frame: { kind: 'heartbeat', sequence: '0001' },
    });
    const answer = parseServerFrame(
      '{"action":"Subscribe","sequence":"1","data":{"returnCode":0,"returnDesc ":"SUCCESS"}}',
    );
    expect(answer).toEqual({ ok: true, frame: { kind: 'subscribed', returnCode: 0, returnDesc: 'SUCCESS' } });
  });

  it.each([
    ['not JSON', '{"action":', 'not-json'],
    ['an array', '[1]', 'no-action'],
    ['no action', '{"data":[]}', 'no-action'],
    ['a bad participant list', '{"action":"ParticipantsNotify","data":[{"mode":0}]}', 'schema'],
    ['a bad msgMode', '{"action":"ConfDynamicInfoNotify","msgMode":7}', 'schema'],
  ])('refuses %s without throwing', (_, text, reason) => {
    const parsed = parseServerFrame(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.reason).toBe(reason);
  });
});

describe('trimKeys', () => {
  it('returns the same object when nothing needs trimming', () => {
    const value = { a: [{ b: 1 }], c: { d: 'x' } };
    expect(trimKeys(value)).toBe(value);
  });

  it('trims nested keys without touching the input', () => {
    const value = { 'a ': [{ ' b': 1 }], c: 2 };
    expect(trimKeys(value)).toEqual({ a: [{ b: 1 }], c: 2 });
    expect(value).toEqual({ 'a ': [{ ' b': 1 }], c: 2 });
  });
});

describe('subscribeFrameSchema', () => {
  it('accepts data as a JSON string (as sent) or as an object', () => {
    const data = { subscribeType: ['ParticipantsNotify'], confToken: 'Basic dG9r' };
    const asString = subscribeFrameSchema.parse({
      action: 'Subscribe',
      sequence: '1',
      data: JSON.stringify(data),
    });
    const asObject = subscribeFrameSchema.parse({ action: 'Subscribe', sequence: '1', data });
    expect(asString.data).toEqual(data);
    expect(asObject.data).toEqual(data);
    expect(
      subscribeFrameSchema.safeParse({ action: 'Subscribe', sequence: '1', data: '{oops' }).success,
    ).toBe(false);
  });
});
