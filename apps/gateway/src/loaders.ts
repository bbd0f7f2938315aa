import type {
  CallOptions,
  ConferenceInfo,
  DeptWithChildren,
  MeetingClient,
  UserDto,
} from '@hwmeeting/client';
import DataLoader from 'dataloader';
import { MemberDepartmentTree } from './memberDepartments.js';

/** Per-request DataLoaders: repeated lookups in one query hit the upstream once. */
export interface Loaders {
  /** Meeting details by conference ID (M6), as the request's identity. */
  meeting: DataLoader<string, ConferenceInfo>;
  /** Directory entries by user UUID (U9, one call per batch); null when not found or not visible. */
  userById: DataLoader<string, UserDto | null>;
  /**
   * A department with its first-level children by code, as the request's identity: D5 for administrators; for
   * members (to whom D5 is refused) what the open D4 and the tree's shape tell (see MemberDepartmentTree).
   */
  department: DataLoader<string, DeptWithChildren>;
}

/**
 * Creates the loaders of one request, each on first use: a subscription's context lives as long as its socket,
 * and most never look anything up, so thousands of idle loaders would be memory for nothing.
 */
export function createLoaders(client: MeetingClient, identity: CallOptions, isAdmin: boolean): Loaders {
  const make: { [K in keyof Loaders]: () => Loaders[K] } = {
    meeting: () =>
      new DataLoader(
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
    userById: () =>
      new DataLoader(
        async (ids) => {
          const found = await client.users.lookup([...ids], { by: 'userId' }, identity);
          // statusCode 0: found; 1 (unchanged, only the id), 2 (not found) and 3 (no permission) carry no entry.
          const byId = new Map(
            found
              .filter((entry) => (entry.statusCode ?? 0) === 0 && entry.id)
              .map((entry) => [entry.id, entry]),
          );
          return ids.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: 100 },
      ),
    department: () => {
      const tree = isAdmin ? undefined : new MemberDepartmentTree(client, identity);
      return new DataLoader(
        async (codes) =>
          Promise.all(
            codes.map((code) =>
              (tree ? tree.department(code) : client.departments.getWithChildren(code, identity)).catch(
                (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
              ),
            ),
          ),
        { maxBatchSize: 20 },
      );
    },
  };
  const made: Partial<Loaders> = {};
  return {
    get meeting() {
      made.meeting ??= make.meeting();
      return made.meeting;
    },
    get userById() {
      made.userById ??= make.userById();
      return made.userById;
    },
    get department() {
      made.department ??= make.department();
      return made.department;
    },
  };
}
