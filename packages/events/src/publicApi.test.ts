import { describe, expect, it } from 'vitest';

// The value exports of each entry, sorted: a change here is a change of the package's public surface, made on
// purpose (and told in the README or the changelog), never by a stray `export`.
const PUBLIC: Record<string, string[]> = {
  index: [
    'CorruptLogDataError',
    'CursorAheadError',
    'DedupeStoreUnavailableError',
    'EventNotSerialisableError',
    'EventsError',
    'EventsErrorCode',
    'InvalidOptionError',
    'LeaseLostError',
    'LocalOwnership',
    'MeetingStateReducer',
    'MeetingStreams',
    'MeetingSubscriber',
    'MeetingSubscriberError',
    'MemoryMeetingLog',
    'MemoryPubSub',
    'NEWEST_SUBSCRIBE_TYPES',
    'PUSH_TYPES',
    'PubSubOverflowError',
    'RedisPubSubMessageError',
    'SUBSCRIBE_TYPES',
    'SnapshotMirror',
    'createWebhookReceiver',
    'cursorSchema',
    'emptyStateUpdates',
    'enterpriseTopic',
    'filter',
    'map',
    'meetingTopic',
    'parseCursor',
    'parseServerFrame',
    'pipe',
    'webhookSignature',
  ],
  wire: [
    'LEAVE_REASONS',
    'NEWEST_SUBSCRIBE_TYPES',
    'PUSH_SOCKET_PATH',
    'PUSH_TYPES',
    'SUBSCRIBE_TYPES',
    'WEBHOOK_EVENTS',
    'attendeeNotifySchema',
    'attendeesNotifySchema',
    'clientFrameSchema',
    'confBasicInfoNotifySchema',
    'confControlFrameSchema',
    'confDynamicInfoNotifySchema',
    'eventInfoSchema',
    'heartBeatFrameSchema',
    'interpreterGroupNotifySchema',
    'interpreterGroupSchema',
    'inviteResultNotifySchema',
    'netConditionNotifySchema',
    'parseServerFrame',
    'participantsNotifySchema',
    'pidEntrySchema',
    'pushMessageSchema',
    'rawJsonValue',
    'realTimeSubtitleNotifySchema',
    'sameSignature',
    'speakerChangeNotifySchema',
    'subscribeAnswerSchema',
    'subscribeDataSchema',
    'subscribeFrameSchema',
    'subtitleControlDataSchema',
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

describe('public exports', () => {
  for (const [entry, names] of Object.entries(PUBLIC)) {
    it(`@hwmeeting/events${entry === 'index' ? '' : `/${entry}`} exports exactly its listed values`, async () => {
      const module = (await import(`./${entry}.js`)) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual(names);
    });
  }

  it('keeps internals internal', async () => {
    const module = (await import('./index.js')) as Record<string, unknown>;
    for (const internal of ['deepFreeze', 'participantView', 'MeetingUpdateFold', 'refuseCursorAhead'])
      expect(module).not.toHaveProperty(internal);
  });
});
