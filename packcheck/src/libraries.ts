// The libraries a customer installs from npm, and what the check expects of each: the README's runnable example
// (its first ```js block, saved under the name the README gives it) and the values each entry must export.

/** One published library. */
export interface Library {
  /** The package name. */
  name: string;
  /** The file the README tells a reader to save its example as. */
  exampleFile: string;
  /** Whether the example runs without a meeting server (it is then run, not only type-checked). */
  runsOffline: boolean;
  /** Per entry (`.` or a subpath), values that must be exported: the README's and the integration's. */
  entries: Readonly<Record<string, readonly string[]>>;
}

/** The three libraries, in dependency order. Their Redis entries need the optional peer ioredis: not imported. */
export const LIBRARIES: readonly Library[] = [
  {
    name: '@hwmeeting/signer',
    exampleFile: 'sign.mjs',
    runsOffline: true,
    entries: {
      '.': [
        'createSignature',
        'createNonce',
        'signAppAuth',
        'issueClientLogin',
        'verifySignature',
        'SignerError',
      ],
    },
  },
  {
    name: '@hwmeeting/client',
    exampleFile: 'quickstart.mjs',
    runsOffline: false,
    entries: {
      '.': ['createMeetingClient', 'MeetingApiError', 'ClientErrorCode', 'MemoryTokenStore'],
      './wire': ['collectDropped'],
    },
  },
  {
    name: '@hwmeeting/events',
    exampleFile: 'watch.mjs',
    runsOffline: false,
    entries: {
      '.': [
        'MeetingStreams',
        'MeetingSubscriber',
        'MeetingStateReducer',
        'createWebhookReceiver',
        'EventsErrorCode',
      ],
      './wire': ['parseServerFrame', 'PUSH_TYPES', 'SUBSCRIBE_TYPES', 'webhookSignature'],
    },
  },
];
