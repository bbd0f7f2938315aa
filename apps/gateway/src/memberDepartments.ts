// A member's view of the department tree. D5 and D6 are administrator calls (published-behaviour.md §1); D4
// (a department by code, with its first-level children) is open to every member, but tells neither the
// department's parent nor its place. That place is found here by reading the tree down from the root with D4.
import type {
  CallOptions,
  ChildDept,
  DeptWithChildren,
  MeetingClient,
  ShowDepartmentResponse,
} from '@hwmeeting/client';
import DataLoader from 'dataloader';

/** Code of the root department (the enterprise itself). */
export const ROOT_DEPARTMENT_CODE = '1';

/**
 * Most departments a member's lookup reads (one D4 call each) to find where one department sits. Beyond it the
 * place fields (parentCode, level, namePath, codePath) stay unknown rather than cost more upstream calls.
 */
export const MEMBER_TREE_WALK_LIMIT = 200;

/** Separator of the paths the gateway answers (namePath "Demo/Engineering/Web", codePath "1/eng/eng-web"). */
const PATH_SEPARATOR = '/';

/**
 * Where a department sits: the codes and names from the root down to it. A name is undefined where the
 * meeting server's answer left it out (every field but the code is optional): the place is still known.
 */
interface Place {
  codes: string[];
  names: (string | undefined)[];
}

/**
 * The department tree as one member may read it (one per request: its answers are cached for the request).
 * `department` answers the same shape as D5 (`DeptWithChildren`) with what D4 and the tree's shape tell:
 * code, name, leaf, children and the place fields. What only administrators read (note, visibility, reach,
 * designated departments, sort level) is absent.
 */
export class MemberDepartmentTree {
  private readonly brief: DataLoader<string, ShowDepartmentResponse>;
  /** Parent of every department some D4 answer listed as a child. */
  private readonly parents = new Map<string, string>();
  /** Name of every department read or listed with one. */
  private readonly names = new Map<string, string>();

  /** A tree read upstream as `identity`. */
  constructor(client: MeetingClient, identity: CallOptions) {
    this.brief = new DataLoader(
      async (codes) =>
        Promise.all(
          codes.map((code) =>
            client.departments
              .get(code, identity)
              .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
          ),
        ),
      { maxBatchSize: 20 },
    );
  }

  /** A department with its first-level children, in the shape of D5, as far as a member may know it. */
  async department(code: string): Promise<DeptWithChildren> {
    const dept = await this.read(code);
    const place = await this.placeOf(dept.deptCode);
    const children = dept.childDepts ?? [];
    return {
      deptCode: dept.deptCode,
      deptName: dept.deptName,
      isLeafNode: dept.isLeafNodes ?? children.length === 0,
      ...placeFields(place),
      childDepts: children.map((child) => ({
        deptCode: child.deptCode,
        deptName: child.deptName,
        ...(child.isLeafNodes === undefined ? {} : { isLeafNode: child.isLeafNodes }),
        ...placeFields(
          place && { codes: [...place.codes, child.deptCode], names: [...place.names, child.deptName] },
        ),
      })),
    };
  }

  /** D4 of one department (cached for the request); what it lists is remembered. */
  private async read(code: string): Promise<ShowDepartmentResponse> {
    const dept = await this.brief.load(code);
    this.remember(dept.deptCode, dept.deptName);
    for (const child of dept.childDepts ?? []) this.learn(dept.deptCode, child);
    return dept;
  }

  private learn(parentCode: string, child: ChildDept): void {
    this.parents.set(child.deptCode, parentCode);
    this.remember(child.deptCode, child.deptName);
  }

  private remember(code: string, name: string | undefined): void {
    if (name !== undefined) this.names.set(code, name);
  }

  /**
   * The codes and names from the root down to `code`, climbing known parents and reading the tree from the root
   * (breadth first, at most MEMBER_TREE_WALK_LIMIT departments) when a link is missing; undefined when the
   * department was not found within the limit.
   */
  private async placeOf(code: string): Promise<Place | undefined> {
    const codes = [code];
    let searched = false;
    for (let current = code; current !== ROOT_DEPARTMENT_CODE; ) {
      let parent = this.parents.get(current);
      if (parent === undefined && !searched) {
        // One walk from the root learns every link above any department it reaches.
        searched = true;
        await this.search(current);
        parent = this.parents.get(current);
      }
      // A department outside the walk, or a cycle in what the upstream answered.
      if (parent === undefined || codes.length > MEMBER_TREE_WALK_LIMIT) return undefined;
      codes.unshift(parent);
      current = parent;
    }
    // A parent link is learnt only by reading the parent, which records its name when the answer gives one.
    return { codes, names: codes.map((c) => this.names.get(c)) };
  }

  /** Reads the tree from the root, level by level, until `code` is listed as someone's child. */
  private async search(code: string): Promise<void> {
    let frontier = [ROOT_DEPARTMENT_CODE];
    let read = 0;
    while (frontier.length > 0 && read < MEMBER_TREE_WALK_LIMIT) {
      const level = frontier.slice(0, MEMBER_TREE_WALK_LIMIT - read);
      read += level.length;
      const answers = await Promise.all(level.map((c) => this.read(c)));
      if (this.parents.has(code)) return;
      frontier = answers.flatMap((dept) =>
        (dept.childDepts ?? []).filter((child) => child.isLeafNodes !== true).map((child) => child.deptCode),
      );
    }
  }
}

/**
 * The place fields of D5 for a place, or none when the place is unknown; the name path only when every
 * department on the way has a name.
 */
function placeFields(place: Place | undefined): Partial<DeptWithChildren> {
  if (!place) return {};
  const parent = place.codes.at(-2);
  const names = place.names.filter((name) => name !== undefined);
  return {
    deptLevel: place.codes.length,
    deptCodePath: place.codes.join(PATH_SEPARATOR),
    ...(names.length === place.names.length ? { deptNamePath: names.join(PATH_SEPARATOR) } : {}),
    ...(parent === undefined ? {} : { parentDeptCode: parent }),
  };
}
