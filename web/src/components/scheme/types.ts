/** Shapes of the JSON the scheme API sends and takes (mirrors src/modules/scheme/model.ts). */

/** The roles that may be allowed to record points. */
export const RECORDER_ROLES = ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison', 'inspector'] as const;
/** The organisation kinds an organisation scheme may score. */
export const SCORED_ORG_KINDS = ['street', 'town', 'community', 'village', 'party_committee', 'general_branch', 'branch', 'joint_branch'] as const;
/** Facts about a member a tier rule may test. */
export const MEMBER_FACTS = ['age', 'partyYears', 'gender', 'category', 'workState', 'post', 'flowing', 'education', 'tierLabel', 'partyState'] as const;
export const CONDITION_OPS = ['eq', 'ne', 'in', 'nin', 'gte', 'gt', 'lte', 'lt', 'contains', 'empty', 'notEmpty'] as const;
export const CLASSIFICATIONS = ['先进', '中间', '后进'] as const;

export type Subject = 'member' | 'org';
export type MemberFact = (typeof MEMBER_FACTS)[number];
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A tier rule: facts combined with all/any/not. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: MemberFact; op: ConditionOp; value?: string | number | boolean | (string | number)[] };

export type Dimension = { code: string; name: string; maxPoints?: number | null; minPoints?: number | null };
export type Tier = { code: string; name: string; description?: string | null; rule: Condition };
export type Indicator = {
  code: string;
  name: string;
  dimension?: string | null;
  kind: 'add' | 'subtract';
  points: number | null;
  adjustable: boolean;
  capPerEntry?: number | null;
  capPerMonth?: number | null;
  capPerYear?: number | null;
  evidenceRequired: boolean;
  recorderRoles: string[];
  tiers?: string[] | null;
  description?: string | null;
};
export type Band = {
  code: string;
  name: string;
  from: number | null;
  fromInclusive: boolean;
  to: number | null;
  toInclusive: boolean;
  award?: number | null;
  actions: string[];
  opensTask: boolean;
  classification?: (typeof CLASSIFICATIONS)[number] | null;
};
export type Quota = { band: string; maxShare: number | null; per: 'run' | 'org'; demoteTo: string };
export type MultiYearRule = { band: string; consecutiveYears: number | null; action: string; options: string[] };

/** A whole scheme definition, with every default filled in (as the server stores it). */
export type SchemeDefinition = {
  subject: Subject;
  orgKinds: string[];
  baseScore: number | null;
  minScore?: number | null;
  maxScore?: number | null;
  dimensions: Dimension[];
  tiers: Tier[];
  indicators: Indicator[];
  bands: Band[];
  quotas: Quota[];
  multiYear: MultiYearRule[];
  gradeProbationary: boolean;
  board: { visibleTo: 'admins' | 'branch'; showNames: boolean };
};

/** One problem (or warning) of a definition, with the path of the field concerned. */
export type Problem = { path: (string | number)[]; message: string; messageEn?: string };

/** POST /schemes/validate */
export type ValidateResult = { ok: boolean; problems: Problem[]; warnings: Problem[] };

/** GET /schemes item. */
export type SchemeRow = {
  id: number;
  orgId: number;
  orgPath: string;
  code: string;
  name: string;
  subject: Subject;
  templateKey: string | null;
  archived: boolean;
  createdAt: string;
  orgName: string;
  latestVersion: number;
  latestYear: number;
  actions: string[];
};

/** One saved version, as listed. */
export type VersionInfo = { id: number; version: number; year: number; source: string | null; note: string | null; createdAt: string; createdBy: number | null };

/** GET /schemes/:id */
export type SchemeDetail = Omit<SchemeRow, 'orgName' | 'latestVersion' | 'latestYear'> & {
  versions: VersionInfo[];
  current: { id: number; version: number; year: number; source: string | null; note: string | null; definition: SchemeDefinition; inUse: boolean };
};

/** GET /schemes/templates item. */
export type SchemeTemplate = {
  key: string;
  name: string;
  nameEn: string;
  source: string;
  sourceEn: string;
  year: number;
  description: string;
  subject: Subject;
  indicators: number;
  tiers: number;
  definition: Partial<SchemeDefinition>;
};

/** POST /schemes and POST /schemes/:id/versions answer with these warnings. */
export type CreateResult = { id: number; versionId: number; warnings: Problem[] };
export type VersionResult = { versionId: number; version: number; warnings: Problem[] };

/** A problem of an imported workbook: sheet, 1-based row (0: the sheet as a whole) and message. */
export type SheetProblem = { sheet: string; row: number; message: string };

/** POST /schemes/parse-xlsx */
export type ParsedXlsx = {
  meta: { name?: string; code?: string; source?: string | null; year?: number; version?: number };
  definition: unknown;
  fileProblems: SheetProblem[];
  problems: Problem[];
};

/** What the detail page may receive from the page that sent the user there. */
export type SchemeNavState = { warnings?: Problem[]; edit?: boolean; created?: boolean };
