import { EventEmitter } from 'node:events';
import type { SimClock } from './clock.js';
import type { IdFactory } from './ids.js';
import type { MeetingRecord } from './meetings.js';
import { Timers } from './timers.js';

/** One enterprise user. Internal state; REST modules map it to the published objects. */
export interface UserRecord {
  id: string;
  userAccount: string;
  name: string;
  englishName?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  email?: string | undefined;
  deptCode: string;
  /** Third-party user ID (App ID integrations). */
  thirdAccount?: string | undefined;
  /** 0 default (super) admin, 1 admin, 2 member. */
  adminType: 0 | 1 | 2;
  /** 0 normal, 1 disabled. */
  status: 0 | 1;
  password?: string | undefined;
  sipNum: string;
  vmrId: string;
  sortLevel: number;
  hidePhone: boolean;
  signature?: string | undefined;
  title?: string | undefined;
  desc?: string | undefined;
  activeTime: number;
}

/** One department. The root has code `1`. */
export interface DeptRecord {
  deptCode: string;
  deptName: string;
  parentDeptCode: string | undefined;
  note?: string | undefined;
  inPermission?: string | undefined;
  outPermission?: string | undefined;
  designatedOutDeptCodes?: string[] | undefined;
  sortLevel: number;
}

/** An access token (tokenType 0) issued by a login. */
export interface TokenRecord {
  accessToken: string;
  refreshToken: string;
  userId: string;
  clientType: number;
  createdAtMs: number;
  expiresAtMs: number;
  refreshExpiresAtMs: number;
  appId?: string | undefined;
}

/** A meeting-control token (tokenType 1), valid 30 minutes, for one meeting. */
export interface ControlTokenRecord {
  token: string;
  conferenceID: string;
  /** 0 guest, 1 host. */
  role: 0 | 1;
  createdAtMs: number;
  expiresAtMs: number;
}

/** A one-minute, single-use WebSocket token. */
export interface WsTokenRecord {
  token: string;
  conferenceID: string;
  expiresAtMs: number;
}

/** An app allowed to log in with App ID authentication. */
export interface AppRecord {
  appId: string;
  appKey: string;
  tenancy: 'single' | 'multi';
}

/** What changed, for the push side and tests; `conferenceID` is set for meeting changes. */
export interface StoreChange {
  kind: string;
  conferenceID?: string | undefined;
  detail?: unknown;
}

/** Options of a {@link Store}. */
export interface StoreOptions {
  clock: SimClock;
  ids: IdFactory;
  /** Access-token lifetime in seconds (default 43200, twelve hours). */
  tokenLifetimeSeconds?: number | undefined;
  /** Refresh-token lifetime in seconds (default 2592000, thirty days). */
  refreshLifetimeSeconds?: number | undefined;
}

/** Most tokens of clientType 72 valid at once per account; a new one evicts the oldest. */
export const API_TOKENS_PER_ACCOUNT = 64;

/** The whole in-memory state of one simulated enterprise. */
export class Store {
  readonly clock: SimClock;
  readonly ids: IdFactory;
  readonly events = new EventEmitter<{ change: [StoreChange] }>();
  readonly corp = { id: '651543334', name: 'Demo Corp', spId: 'sp-demo', domain: 'demo.example' };
  readonly apps = new Map<string, AppRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly departments = new Map<string, DeptRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, string>();
  /** Nonces already used by App ID logins, kept until their signature would have expired. */
  readonly usedNonces = new Map<string, number>();
  readonly meetings = new Map<string, MeetingRecord>();
  /**
   * Ended runs, oldest first (M8, M9): snapshots of a meeting as it ran, each with its run's own confUUID, so a
   * meeting run twice and every sub-meeting of a series held stay in history.
   */
  readonly history: MeetingRecord[] = [];
  readonly controlTokens = new Map<string, ControlTokenRecord>();
  readonly wsTokens = new Map<string, WsTokenRecord>();
  readonly timers = new Timers();
  /** Behaviour settings: how long an invitee takes to answer, in ms. */
  readonly settings = { answerDelayMs: 2000 };
  tokenLifetimeSeconds: number;
  refreshLifetimeSeconds: number;

  constructor(options: StoreOptions) {
    this.clock = options.clock;
    this.ids = options.ids;
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 43_200;
    this.refreshLifetimeSeconds = options.refreshLifetimeSeconds ?? 2_592_000;
    this.departments.set('1', {
      deptCode: '1',
      deptName: this.corp.name,
      parentDeptCode: undefined,
      sortLevel: 0,
    });
  }

  /** Tells listeners that something changed. */
  emit(change: StoreChange): void {
    this.events.emit('change', change);
  }

  /** The enterprise default administrator. */
  defaultAdmin(): UserRecord {
    for (const user of this.users.values()) if (user.adminType === 0) return user;
    throw new Error('the enterprise has no default administrator');
  }

  /** Finds a user by third-party account. */
  userByThirdAccount(thirdAccount: string): UserRecord | undefined {
    for (const user of this.users.values()) if (user.thirdAccount === thirdAccount) return user;
    return undefined;
  }

  /** Finds a user by Meeting account. */
  userByAccount(account: string): UserRecord | undefined {
    for (const user of this.users.values()) if (user.userAccount === account) return user;
    return undefined;
  }

  /** Adds a user with generated IDs and numbers; fields given override the defaults. */
  addUser(fields: Partial<UserRecord> & { name: string }): UserRecord {
    const id = fields.id ?? this.ids.uuid();
    const user: UserRecord = {
      userAccount: fields.userAccount ?? `Auto-${id}`,
      deptCode: '1',
      adminType: 2,
      status: 0,
      sipNum: `+99111${this.ids.digits(9)}`,
      vmrId: this.ids.digits(9),
      sortLevel: 10_000,
      hidePhone: false,
      activeTime: this.clock.now(),
      ...fields,
      id,
    };
    this.users.set(id, user);
    this.emit({ kind: 'user.added', detail: { id } });
    return user;
  }

  /** Issues an access token for a user, evicting the oldest beyond the per-account limit. */
  issueToken(user: UserRecord, clientType: number, appId?: string): TokenRecord {
    const now = this.clock.now();
    const mine = [...this.tokens.values()]
      .filter((t) => t.userId === user.id && (clientType !== 72 || t.clientType === 72))
      .sort((a, b) => a.createdAtMs - b.createdAtMs);
    const limit = clientType === 72 ? API_TOKENS_PER_ACCOUNT : 1;
    for (const old of mine.slice(0, Math.max(0, mine.length - limit + 1))) this.revokeToken(old.accessToken);
    const token: TokenRecord = {
      accessToken: this.ids.token(40),
      refreshToken: this.ids.token(40),
      userId: user.id,
      clientType,
      createdAtMs: now,
      expiresAtMs: now + this.tokenLifetimeSeconds * 1000,
      refreshExpiresAtMs: now + this.refreshLifetimeSeconds * 1000,
      appId,
    };
    this.tokens.set(token.accessToken, token);
    this.refreshTokens.set(token.refreshToken, token.accessToken);
    return token;
  }

  /** Revokes a token (logout, eviction, test control). */
  revokeToken(accessToken: string): boolean {
    const token = this.tokens.get(accessToken);
    if (!token) return false;
    this.tokens.delete(accessToken);
    this.refreshTokens.delete(token.refreshToken);
    return true;
  }

  /** A token that exists and has not expired, or undefined. */
  validToken(accessToken: string | undefined): TokenRecord | undefined {
    if (!accessToken) return undefined;
    const token = this.tokens.get(accessToken);
    if (!token) return undefined;
    if (this.clock.now() >= token.expiresAtMs) {
      this.revokeToken(accessToken);
      return undefined;
    }
    return token;
  }
}
