import { AuthApi } from './api/auth.js';
import { ControlApi } from './api/control.js';
import { DepartmentsApi } from './api/departments.js';
import { MeetingsApi } from './api/meetings.js';
import { UsersApi } from './api/users.js';
import { WebhooksApi } from './api/webhooks.js';
import { ClientCore, type MeetingClientOptions } from './core.js';
import type { MeetingApiError } from './errors.js';
import type { ControlTokenManagerOptions } from './tokens/control.js';

/** Options of {@link createMeetingClient}: the core options plus control-token settings. */
export interface CreateMeetingClientOptions extends MeetingClientOptions {
  control?: ControlTokenManagerOptions | undefined;
}

/**
 * The typed REST client of the meeting server, by area. Every call takes `{ userId }` in its options to act
 * for that third-party user; without it the client acts as the enterprise administrator.
 */
export class MeetingClient {
  /** Transport, token cache and the generic `call` of any published operation. */
  readonly core: ClientCore;
  readonly auth: AuthApi;
  readonly meetings: MeetingsApi;
  readonly users: UsersApi;
  readonly departments: DepartmentsApi;
  readonly control: ControlApi;
  readonly webhooks: WebhooksApi;

  constructor(options: CreateMeetingClientOptions) {
    this.core = new ClientCore(options);
    this.auth = new AuthApi(this.core);
    this.meetings = new MeetingsApi(this.core);
    this.users = new UsersApi(this.core);
    this.departments = new DepartmentsApi(this.core);
    this.control = new ControlApi(this.core, options.control);
    this.webhooks = new WebhooksApi(this.core);
  }

  /** Logs out every cached token (with a `tokenStore`: forgets them) and closes the connection pool. */
  dispose(): Promise<{ loggedOut: number; failed: MeetingApiError[] }> {
    return this.core.dispose();
  }
}

/** Creates a {@link MeetingClient}; options are validated and a bad one is named in the error. */
export function createMeetingClient(options: CreateMeetingClientOptions): MeetingClient {
  return new MeetingClient(options);
}
