import { type PinfoMap, type PinfoPerson, PinfoReader, readPerson } from './pinfo.js';

/** One waiting-room member (B.5.9), mapped from `pid` and its merged `pinfoMap`. */
export type WaitingEntryView = Readonly<
  PinfoPerson & {
    /** WAITINGSTATE "0" waiting, "1" admitted and joining. */
    state: 'waiting' | 'admitted';
    anonymous: boolean;
    orgId: string | undefined;
    extra: PinfoMap;
  }
>;

const WAITING_STATES: Readonly<Record<string, 'waiting' | 'admitted'>> = { '0': 'waiting', '1': 'admitted' };

/** Maps a waiting-room member's `pid` and merged `pinfoMap` to its view (B.5.9); absent WAITINGSTATE = waiting. */
export function waitingEntryView(pid: string, map: PinfoMap): WaitingEntryView {
  const read = new PinfoReader(map);
  const view: WaitingEntryView = {
    ...readPerson(pid, read),
    state: read.oneOf('WAITINGSTATE', WAITING_STATES) ?? 'waiting',
    anonymous: read.flag('ANONYMOUS') ?? false,
    orgId: read.text('ORG_ID'),
    extra: read.extra(),
  };
  return Object.freeze(view);
}
