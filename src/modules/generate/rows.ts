/**
 * Rows produced by the generator, keyed by database column name so that the loader can send
 * them as they are. Members and residents carry their ID and phone numbers in clear; the
 * loader protects them before they reach the database.
 */

/** A row of `orgs`. */
export type OrgRow = {
  id: number;
  county_id: number | null;
  parent_id: number | null;
  path: string;
  depth: number;
  kind: string;
  name: string;
  short_name: string | null;
  code: string | null;
  established_on: string | null;
  unit_name: string | null;
  unit_nature: string | null;
  secretary_name: string | null;
  contact_phone: string | null;
  address: string | null;
  elected_on: string | null;
  term_years: number | null;
};

/** A row of `grids` (片 or 组). */
export type GridRow = {
  county_id: number;
  id: number;
  community_id: number;
  parent_grid_id: number | null;
  kind: '片' | '组';
  name: string;
  households: number;
};

/** A row of `units` (驻区单位). */
export type UnitRow = {
  county_id: number;
  id: number;
  community_id: number;
  name: string;
  kind: string;
  party_org_id: number | null;
  address: string;
  contact_name: string;
};

/** A member as generated: the `members` row with clear `id_number` and `phone` instead of the protected columns. */
export type MemberRow = {
  county_id: number;
  id: number;
  org_id: number;
  org_path: string;
  home_community_id: number;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birth_date: string;
  id_number: string;
  phone: string | null;
  education: string;
  category: '正式党员' | '预备党员';
  join_date: string;
  full_date: string | null;
  post: string | null;
  workplace: string | null;
  party_state: string;
  party_state_date: string | null;
  work_state: string;
  flowing: boolean;
};

/** A resident as generated, with clear `id_number` and `phone`. */
export type ResidentRow = {
  county_id: number;
  id: number;
  community_id: number;
  community_path: string;
  grid_id: number;
  name: string;
  gender: '男' | '女';
  birth_date: string;
  id_number: string;
  phone: string | null;
  address: string;
  is_representative: boolean;
  is_nonparty_rep: boolean;
};

/** A row of `teams`. */
export type TeamRow = {
  county_id: number;
  id: number;
  org_id: number;
  org_path: string;
  grid_id: number | null;
  kind: string;
  name: string;
};

/** A row of `team_members`. */
export type TeamMemberRow = {
  county_id: number;
  team_id: number;
  person_kind: 'member' | 'resident';
  person_id: number;
  role: string;
};

/** One unit of generated output, in foreign-key order: orgs first, then what refers to them. */
export type Chunk = {
  orgs: OrgRow[];
  grids: GridRow[];
  units: UnitRow[];
  members: MemberRow[];
  residents: ResidentRow[];
  teams: TeamRow[];
  teamMembers: TeamMemberRow[];
};

/** An empty chunk. */
export function emptyChunk(): Chunk {
  return { orgs: [], grids: [], units: [], members: [], residents: [], teams: [], teamMembers: [] };
}

/** The next id to use in each table with generated ids. */
export type IdBases = { org: number; grid: number; unit: number; member: number; resident: number; team: number };

/** Hands out ids from the bases, table by table. */
export class IdAllocator {
  readonly next: IdBases;

  /** Starts at `bases` (1 everywhere for an empty database). */
  constructor(bases: IdBases) {
    this.next = { ...bases };
  }

  /** The next id of `table`. */
  take(table: keyof IdBases): number {
    return this.next[table]++;
  }
}
