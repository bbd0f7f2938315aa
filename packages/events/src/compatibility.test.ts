import { describe, expect, it } from 'vitest';

// The value exports of each entry before they were named one by one (commit 45d8544, the parent of the change
// that named them; the same as at the start of that day), as `export *` made them. Every one stays importable
// from the same entry, unless DROPPED says why not. The types of that surface are checked by
// compatibility.typecheck.ts.
const BEFORE: Record<string, readonly string[]> = {
  index: [
    'CLIENT_TYPES',
    'CLIENT_TYPE_KEY',
    'CLIENT_TYPE_TYPO',
    'CursorAheadError',
    'DEFAULT_BUFFER_SIZE',
    'DEFAULT_SUBSCRIBE_TYPES',
    'ENVELOPE_KEYS',
    'EVENT_KINDS',
    'LEAVE_REASONS',
    'LIST_TYPES',
    'LeaseLostError',
    'LocalOwnership',
    'MEETING_GONE_CODES',
    'MeetingStateReducer',
    'MeetingStreams',
    'MeetingSubscriber',
    'MeetingSubscriberError',
    'MeetingUpdateFold',
    'MemoryDedupeStore',
    'MemoryMeetingLog',
    'MemoryPubSub',
    'NEWEST_SUBSCRIBE_TYPES',
    'PUSH_SOCKET_PATH',
    'PUSH_TYPES',
    'PinfoReader',
    'PubSubOverflowError',
    'STATE_MESSAGE_TYPES',
    'SUBSCRIBE_TYPES',
    'SnapshotMirror',
    'UNKNOWN_STATUS',
    'VALUE_TYPES',
    'WEBHOOK_EVENTS',
    'attendeeKey',
    'attendeeNotifySchema',
    'attendeeView',
    'attendeesNotifySchema',
    'clientFrameSchema',
    'confBasicInfoNotifySchema',
    'confControlFrameSchema',
    'confDynamicInfoNotifySchema',
    'createWebhookReceiver',
    'cursorSchema',
    'deepFreeze',
    'enterpriseTopic',
    'envelopeShape',
    'eventInfoSchema',
    'filter',
    'formatCursor',
    'frozenCopy',
    'heartBeatFrameSchema',
    'interpreterGroupNotifySchema',
    'interpreterGroupSchema',
    'interpreterGroupViews',
    'inviteResultNotifySchema',
    'inviteResultViews',
    'isStateMessageType',
    'looseFlag',
    'looseInt',
    'map',
    'meetingBasicView',
    'meetingGone',
    'meetingStatusView',
    'meetingStreamStatusSchema',
    'meetingTopic',
    'msgModeSchema',
    'netConditionNotifySchema',
    'netConditionView',
    'newEpoch',
    'newSequence',
    'parseCursor',
    'parseServerFrame',
    'participantView',
    'participantsNotifySchema',
    'pidEntrySchema',
    'pipe',
    'positionOf',
    'pushMessageSchema',
    'pushTypeOf',
    'rawJsonValue',
    'realTimeSubtitleNotifySchema',
    'refuseCursorAhead',
    'sameSignature',
    'speakerChangeNotifySchema',
    'speakerViews',
    'storedSnapshotSchema',
    'subscribeAnswerSchema',
    'subscribeDataSchema',
    'subscribeFrameSchema',
    'subtitleControlDataSchema',
    'subtitleView',
    'trimKeys',
    'verifyAnswerSchema',
    'waitingEntryView',
    'waitingListNotifySchema',
    'webhookAttendeeInfoSchema',
    'webhookBodySchema',
    'webhookMeetingInfoSchema',
    'webhookSignature',
    'withoutEnvelope',
  ],
  wire: [
    'EVENT_KINDS',
    'LEAVE_REASONS',
    'LIST_TYPES',
    'NEWEST_SUBSCRIBE_TYPES',
    'PUSH_SOCKET_PATH',
    'PUSH_TYPES',
    'STATE_MESSAGE_TYPES',
    'SUBSCRIBE_TYPES',
    'VALUE_TYPES',
    'WEBHOOK_EVENTS',
    'attendeeKey',
    'attendeeNotifySchema',
    'attendeesNotifySchema',
    'clientFrameSchema',
    'confBasicInfoNotifySchema',
    'confControlFrameSchema',
    'confDynamicInfoNotifySchema',
    'envelopeShape',
    'eventInfoSchema',
    'heartBeatFrameSchema',
    'interpreterGroupNotifySchema',
    'interpreterGroupSchema',
    'inviteResultNotifySchema',
    'looseFlag',
    'looseInt',
    'msgModeSchema',
    'netConditionNotifySchema',
    'newSequence',
    'parseServerFrame',
    'participantsNotifySchema',
    'pidEntrySchema',
    'pushMessageSchema',
    'pushTypeOf',
    'rawJsonValue',
    'realTimeSubtitleNotifySchema',
    'sameSignature',
    'speakerChangeNotifySchema',
    'subscribeAnswerSchema',
    'subscribeDataSchema',
    'subscribeFrameSchema',
    'subtitleControlDataSchema',
    'trimKeys',
    'verifyAnswerSchema',
    'waitingListNotifySchema',
    'webhookAttendeeInfoSchema',
    'webhookBodySchema',
    'webhookMeetingInfoSchema',
    'webhookSignature',
  ],
  redis: [
    'CorruptLogDataError',
    'DedupeStoreUnavailableError',
    'RedisDedupeStore',
    'RedisMeetingLog',
    'RedisOwnership',
    'RedisPubSub',
    'RedisPubSubMessageError',
  ],
};

// Internals `export *` leaked from the main entry, no longer exported: none is in the README, and no package of
// the workspace imported any.
const DROPPED: Record<string, string> = {
  deepFreeze: 'a generic freezing helper of the views, not about meetings',
  frozenCopy: 'structuredClone plus deepFreeze, the same generic helper',
  withoutEnvelope:
    "a view-building helper: a copy without ENVELOPE_KEYS (still exported), one line of the caller's",
  PinfoReader: 'the mutable reader behind the participant views, whose extra() must be called last',
};

const ENTRIES: Record<string, () => Promise<Record<string, unknown>>> = {
  index: () => import('./index.js'),
  wire: () => import('./wire.js'),
  redis: () => import('./redis.js'),
};

async function entry(name: string): Promise<Record<string, unknown>> {
  const load = ENTRIES[name];
  if (!load) throw new Error(`no entry ${name}`);
  return load();
}

describe('compatibility with the surface before the named exports', () => {
  for (const [name, before] of Object.entries(BEFORE)) {
    it(`@hwmeeting/events${name === 'index' ? '' : `/${name}`} still exports every earlier value not dropped`, async () => {
      const module = await entry(name);
      const missing = before.filter((value) => !(value in DROPPED) && !(value in module));
      expect(missing).toEqual([]);
    });
  }

  it('drops only names that were exported before, and no longer exports them', async () => {
    const main = await entry('index');
    for (const name of Object.keys(DROPPED)) {
      expect(BEFORE.index).toContain(name);
      expect(main).not.toHaveProperty(name);
    }
  });

  it('re-exports the names that moved to /wire as the same objects, not copies', async () => {
    const [main, wire] = await Promise.all([entry('index'), entry('wire')]);
    const moved = (BEFORE.wire ?? []).filter((name) => name in main);
    expect(moved).toEqual(BEFORE.wire);
    for (const name of moved) expect(main[name], name).toBe(wire[name]);
  });
});
