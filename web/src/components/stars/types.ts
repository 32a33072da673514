/** Shapes of the JSON the 评星晋级 API sends (/stars, /public/stars), as these pages use them. */

/** Where an application stands. */
export type StarState = 'draft' | 'submitted' | 'returned' | 'assessed' | 'approved' | 'notice' | 'published' | 'refused';

/** The steps of the procedure (what `actions` may name besides selfAssess). */
export type StarStep = 'submit' | 'return' | 'assess' | 'refuse' | 'sendBack' | 'approve' | 'accept' | 'publish';

/** A name in both languages, as the server sends it. */
export type Named = { zh: string; en: string };

/** GET /stars/applications item. */
export type StarApplicationRow = {
  countyId: number;
  id: number;
  orgId: number;
  orgName: string;
  streetName: string | null;
  year: number;
  appliedLevel: number;
  level: number;
  state: StarState;
  stateName: Named;
  noticeFirst: string | null;
  noticeLast: string | null;
  docNumber: string | null;
  dueOn: string | null;
  rowVersion: number;
  publishedAt: string | null;
  /** Last year's published level, which this year starts from; null when not rated last year. */
  previousLevel: number | null;
  objections: number;
  openObjections: number;
  actions: string[];
};

/** A title rank, or for culture a grade 3/2/1; 'none' when not held. */
export type TitleLevel = 'none' | 'county' | 'city' | 'province' | 'national' | 1 | 2 | 3;

/** How far the furthest collective petition went. */
export type PetitionLevel = 'none' | 'county' | 'city' | 'province' | 'beijing';

/** The measurable facts of a community's year (any part may be absent). */
export type StarFacts = {
  metrics?: { mediationRate?: number | null; mediationSuccessRate?: number | null };
  disclosureMonths?: number[];
  titles?: Partial<Record<string, TitleLevel | null>>;
  incidents?: Partial<Record<string, number | null>>;
  safetyAccident?: { deaths: number; seriousInjuries: number } | null;
  petitions?: { furthestCollective: PetitionLevel; beijingIndividual: boolean } | null;
};

/** One piece of evidence. */
export type Evidence =
  | { kind: 'text'; text: string }
  | { kind: 'link'; url: string; title?: string | null }
  | { kind: 'file'; fileId: number; name?: string | null };

/** The applicant's word on one criterion. */
export type Claim = { met: boolean; note?: string | null; evidence?: Evidence[] };

/** A criterion (one clause of a group's paragraph). */
export type Criterion = { code: string; group: number; text: string; checks: { kind: string }[] };

/** A star level of the standard. */
export type StarLevelDef = { stars: number; groups: { group: number; text: string }[]; criteria: Criterion[] };

/** A one-vote veto item. */
export type Veto = { code: string; text: string };

/** How one criterion fares against the facts and claims. */
export type CriterionOutcome = { code: string; met: boolean | null; reasons: string[]; measurable: boolean };

/** One entry of 办理记录. */
export type StepRecord = {
  step: string;
  fromState: StarState;
  toState: StarState;
  level: number | null;
  comment: string | null;
  assessment: unknown;
  at: string;
  actorName: string | null;
};

/** An upheld objection's effect. */
export type Outcome = { kind: 'refuse' } | { kind: 'lower'; level: number };

/** An objection as the county sees it (contact only for those who answer). */
export type Objection = {
  id: number;
  name: string | null;
  contact: string | null;
  content: string;
  state: 'open' | 'upheld' | 'dismissed';
  answer: string | null;
  outcome: Outcome | null;
  lodgedAt: string;
  answeredAt: string | null;
  actions: string[];
};

/** GET /stars/applications/:id */
export type StarDetail = StarApplicationRow & {
  facts: StarFacts;
  claims: Record<string, Claim>;
  vetoes: string[];
  today: string;
  standard: {
    year: number;
    version: number;
    name: string;
    level: StarLevelDef;
    vetoes: Veto[];
    vetoFrom: number;
    noticeWorkingDays: number;
    payCoefficient: number;
  };
  evaluation: { criteria: CriterionOutcome[]; unmet: string[]; missing: string[]; highestMet: number };
  steps: StepRecord[];
  objections: Objection[];
};

/** GET /public/stars/:id */
export type PublicBoard = {
  county: { id: number; name: string };
  today: string;
  orgs: { orgId: number; orgName: string; streetName: string | null; history: { year: number; level: number }[]; current: { year: number; level: number } }[];
  notices: { id: number; orgName: string; streetName: string | null; year: number; level: number; noticeFirst: string; noticeLast: string; open: boolean }[];
};

/** GET /public/stars/objections/:receipt */
export type ObjectionStatus = { state: 'open' | 'upheld' | 'dismissed'; answer: string | null; lodgedAt: string; answeredAt: string | null; orgName: string; level: number };

/** The standard's targets (shares from 0 to 1). */
export type StarTargets = { threeStarShare: number; fiveStarShare: number; fiveGoodCommunityShare: number; fiveGoodOrganShare: number };

/** One 五好 target group's count in a year: the organisations that existed, those that met it, and the share (null when none existed). */
export type FiveGoodShare = { orgs: number; met: number; share: number | null };

/** One year of one organisation in GET /stars/targets (shares null when there are no communities). */
export type TargetYear = {
  year: number; communities: number; rated: number; threePlus: number; five: number; threePlusShare: number | null; fiveShare: number | null;
  fiveGood: { community: FiveGoodShare; organ: FiveGoodShare };
};

/** One organisation (a child, or `all` for the chosen one) in GET /stars/targets. */
export type TargetRow = { orgId: number; name: string; communities: number; years: TargetYear[] };

/** GET /stars/targets */
export type TargetsResult = {
  node: { id: number; name: string; kind: string };
  targets: StarTargets;
  years: number[];
  rows: TargetRow[];
  all: TargetRow;
};

/** How a level compares with last year's. */
export type LevelChange = 'new' | 'up' | 'down' | 'same';

/** One organisation in the 通报. */
export type ReportOrg = { orgId: number; orgName: string; streetName: string | null; level: number; previous: number | null; change: LevelChange; docNumber: string | null };

/** The organisation a result covers: a county, or a street or community in one. */
export type Scope = { id: number; name: string; kind: string };

/** A 党建创新奖 given to a community for a year. */
export type Award = { id: number; orgId: number; orgName: string; streetName: string | null; year: number; title: string; amount: number; note: string | null; awardedAt: string };

/** GET /stars/report */
export type StarReport = {
  county: { id: number; name: string };
  scope: Scope;
  awards: Award[];
  year: number;
  communities: number;
  rated: number;
  threePlusShare: number | null;
  fiveShare: number | null;
  targets: StarTargets;
  commended: { orgId: number; orgName: string; streetName: string | null }[];
  innovationAward: { enabled: boolean; amount: number };
  byLevel: { level: number; orgs: ReportOrg[] }[];
};

/** GET /stars/pay */
export type StarPay = {
  county: { id: number; name: string };
  scope: Scope;
  year: number;
  base: number;
  coefficients: Record<string, number>;
  items: { orgId: number; orgName: string; level: number; coefficient: number; memberId: number; name: string; post: string }[];
};

/** One community in GET /stars/funds (level null: awarded but not rated that year). */
export type FundItem = {
  orgId: number; orgName: string; streetName: string | null; level: number | null; projectFund: number;
  award: { id: number; title: string; amount: number } | null; total: number;
};

/** GET /stars/funds */
export type StarFunds = {
  county: { id: number; name: string };
  scope: Scope;
  year: number;
  projectFunds: Record<string, number>;
  innovationAward: { enabled: boolean; amount: number };
  items: FundItem[];
  totals: { projectFunds: number; awards: number };
  actions: string[];
};

/** The five parts of the 五好 standard, in order. */
export const FIVE_GOOD_PARTS = ['leadership', 'members', 'mechanism', 'performance', 'reputation'] as const;
/** One part of the 五好 standard. */
export type FiveGoodPart = (typeof FIVE_GOOD_PARTS)[number];
/** The kinds of organisation the 五好 shares count. */
export type FiveGoodCategory = 'community' | 'enterprise' | 'organ' | 'institution';

/** One organisation in GET /stars/five-good (the parts null while not assessed). */
export type FiveGoodItem = {
  orgId: number; orgName: string; parentName: string | null; category: FiveGoodCategory; assessed: boolean; met: boolean | null;
  note: string | null; rowVersion: number | null; updatedAt: string | null; assessorName: string | null; actions: string[];
} & Record<FiveGoodPart, boolean | null>;

/** A 五好 target group's year: organisations, assessed, met and the share. */
export type FiveGoodGroup = { orgs: number; assessed: number; met: number; share: number | null };

/** GET /stars/five-good */
export type FiveGoodList = {
  node: Scope;
  year: number;
  byCategory: { category: FiveGoodCategory; name: string; orgs: number; assessed: number; met: number }[];
  groups: { community: FiveGoodGroup; organ: FiveGoodGroup };
  items: FiveGoodItem[];
  total: number;
  page: number;
  pageSize: number;
  /** 'import' when the caller may import the year's results here. */
  actions: string[];
};
