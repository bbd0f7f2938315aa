import type { CallOptions, ConferenceInfo, MeetingClient } from '@hwmeeting/client';
import DataLoader from 'dataloader';

/** Per-request DataLoaders: repeated lookups in one query hit the upstream once. */
export interface Loaders {
  /** Meeting details by conference ID (M6), as the request's identity. */
  meeting: DataLoader<string, ConferenceInfo>;
}

/** Creates the loaders of one request. */
export function createLoaders(client: MeetingClient, identity: CallOptions): Loaders {
  return {
    meeting: new DataLoader(
      async (ids) =>
        Promise.all(
          ids.map((id) =>
            client.meetings.get({ conferenceID: id }, undefined, identity).then(
              (detail) => detail.conferenceData,
              (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
            ),
          ),
        ),
      { maxBatchSize: 20 },
    ),
  };
}
