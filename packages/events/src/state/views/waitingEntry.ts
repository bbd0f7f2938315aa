import {
  CLIENT_TYPE_KEY,
  CLIENT_TYPE_TYPO,
  CLIENT_TYPES,
  type ClientType,
  type PinfoMap,
  PinfoReader,
} from './pinfo.js';

/** One waiting-room member (B.5.9), mapped from `pid` and its merged `pinfoMap`. */
export type WaitingEntryView = Readonly<{
  participantId: string;
  name: string | undefined;
  number: string | undefined;
  /** WAITINGSTATE "0" waiting, "1" admitted and joining. */
  state: 'waiting' | 'admitted';
  anonymous: boolean;
  /** Arrival time, epoch ms (`ADDTIME`). */
  joinedAt: number | undefined;
  account: string | undefined;
  userUUID: string | undefined;
  thirdAccount: string | undefined;
  orgId: string | undefined;
  clientType: ClientType | undefined;
  extra: PinfoMap;
}>;

const WAITING_STATES: Readonly<Record<string, 'waiting' | 'admitted'>> = { '0': 'waiting', '1': 'admitted' };

/** Maps a waiting-room member's `pid` and merged `pinfoMap` to its view (B.5.9); absent WAITINGSTATE = waiting. */
export function waitingEntryView(pid: string, map: PinfoMap): WaitingEntryView {
  const read = new PinfoReader(map);
  const view: WaitingEntryView = {
    participantId: pid,
    name: read.text('NAME'),
    number: read.text('TEL'),
    state: read.oneOf('WAITINGSTATE', WAITING_STATES) ?? 'waiting',
    anonymous: read.flag('ANONYMOUS') ?? false,
    joinedAt: read.millis('ADDTIME'),
    account: read.text('ACCOUNT'),
    userUUID: read.text('ACCOUNT_ID'),
    thirdAccount: read.text('THIRDACCOUNT'),
    orgId: read.text('ORG_ID'),
    clientType: read.oneOf(CLIENT_TYPE_KEY, CLIENT_TYPES, CLIENT_TYPE_TYPO),
    extra: read.extra(),
  };
  return Object.freeze(view);
}
