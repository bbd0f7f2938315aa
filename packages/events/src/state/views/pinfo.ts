// Reading a participant's or waiting-room member's `pinfoMap` (A.8): string flags and codes, mapped to typed
// values; whatever is unmapped or unpublished is kept in `extra`.

/** A `pinfoMap`: the participant's keys and string values, merged key by key across increments. */
export type PinfoMap = Readonly<Record<string, string>>;

/** The published `CLIENT_LOGIN_TYPE` values. */
export type ClientType = 'Desktop' | 'Mobile' | 'Pad' | 'OtherType';

/** Reads `pinfoMap` keys, recording those it consumed and those whose values it could not map. */
export class PinfoReader {
  private readonly used = new Set<string>();
  private readonly odd: Array<[string, string]> = [];

  constructor(private readonly map: PinfoMap) {}

  /** The raw string, or undefined. */
  text(...keys: string[]): string | undefined {
    for (const key of keys) {
      this.used.add(key);
      const value = this.map[key];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** "1" true, "0" false; absent undefined; anything else undefined and kept in `extra`. */
  flag(key: string): boolean | undefined {
    return this.oneOf(key, { '0': false, '1': true });
  }

  /** A value looked up in a table of the published values; anything else is kept in `extra`. */
  oneOf<V>(key: string, table: Readonly<Record<string, V>>, ...aliases: string[]): V | undefined {
    const keys = [key, ...aliases];
    const raw = this.text(...keys);
    if (raw === undefined) return undefined;
    if (Object.hasOwn(table, raw)) return table[raw];
    this.odd.push([keys.find((k) => this.map[k] !== undefined) ?? key, raw]);
    return undefined;
  }

  /** Epoch ms from a decimal string; anything else is kept in `extra`. */
  millis(key: string): number | undefined {
    const raw = this.text(key);
    if (raw === undefined) return undefined;
    if (/^\d+$/.test(raw)) return Number(raw);
    this.odd.push([key, raw]);
    return undefined;
  }

  /** Unmapped keys plus mapped keys with unpublished values, frozen. */
  extra(): PinfoMap {
    // fromEntries defines own properties, so even a key named `__proto__` is kept as data.
    const unused = Object.entries(this.map).filter(([key]) => !this.used.has(key));
    return Object.freeze(Object.fromEntries([...unused, ...this.odd]));
  }
}

/** The published client types, by their wire value. */
export const CLIENT_TYPES: Readonly<Record<string, ClientType>> = {
  Desktop: 'Desktop',
  Mobile: 'Mobile',
  Pad: 'Pad',
  OtherType: 'OtherType',
};
// The doc table misspells the key `CLICENT_LOGIN_TYPE`; the samples use CLIENT_LOGIN_TYPE. Both are read.
/** The key of the client type. */
export const CLIENT_TYPE_KEY = 'CLIENT_LOGIN_TYPE';
/** The key of the client type as the doc table misspells it. */
export const CLIENT_TYPE_TYPO = 'CLICENT_LOGIN_TYPE';

/**
 * What a participant (A.8) and a waiting-room member (B.5.9) both say about the person, under the same keys:
 * read once here for both views.
 */
export type PinfoPerson = {
  participantId: string;
  name: string | undefined;
  number: string | undefined;
  /** Join (or arrival) time, epoch ms (`ADDTIME`). */
  joinedAt: number | undefined;
  /**
   * The Meeting account (`ACCOUNT`; the waiting-list table calls it the USG account). UNVERIFIED for participants:
   * the key is only in the published sample; read as the enterprise user's Meeting account, absent for guests.
   */
  account: string | undefined;
  /** The user's UUID (`ACCOUNT_ID`): the enterprise user's ID, absent for guests and people outside. */
  userUUID: string | undefined;
  /** The third-party user ID of App ID integrations (`THIRDACCOUNT`). UNVERIFIED: only in the published sample. */
  thirdAccount: string | undefined;
  clientType: ClientType | undefined;
};

/** Reads the {@link PinfoPerson} fields of `pid`'s map; call `read.extra()` after every other field. */
export function readPerson(pid: string, read: PinfoReader): PinfoPerson {
  return {
    participantId: pid,
    name: read.text('NAME'),
    number: read.text('TEL'),
    joinedAt: read.millis('ADDTIME'),
    account: read.text('ACCOUNT'),
    userUUID: read.text('ACCOUNT_ID'),
    thirdAccount: read.text('THIRDACCOUNT'),
    clientType: read.oneOf(CLIENT_TYPE_KEY, CLIENT_TYPES, CLIENT_TYPE_TYPO),
  };
}
