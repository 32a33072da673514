/** Shapes of the JSON the points, runs and tasks API sends, as these pages use them. */

/** GET /schemes item. */
export type SchemeRow = {
  id: number;
  orgId: number;
  orgPath: string;
  code: string;
  name: string;
  subject: 'member' | 'org';
  archived: boolean;
  orgName: string;
  latestVersion: number;
  latestYear: number;
  actions: string[];
};

/** One indicator of a scheme definition. */
export type IndicatorDef = {
  code: string;
  name: string;
  dimension?: string | null;
  kind: 'add' | 'subtract';
  points: number;
  adjustable?: boolean;
  capPerEntry?: number | null;
  capPerMonth?: number | null;
  capPerYear?: number | null;
  evidenceRequired?: boolean;
  recorderRoles: string[];
  tiers?: string[] | null;
  description?: string | null;
};

/** One grade band of a scheme definition. */
export type BandDef = {
  code: string;
  name: string;
  from: number | null;
  fromInclusive: boolean;
  to: number | null;
  toInclusive: boolean;
  award?: number | null;
  actions: string[];
  opensTask?: boolean;
  classification?: '先进' | '中间' | '后进' | null;
};

/** A scheme definition (the parts these pages read). */
export type SchemeDefinition = {
  subject: 'member' | 'org';
  orgKinds: string[];
  baseScore: number;
  minScore?: number | null;
  maxScore?: number | null;
  dimensions: { code: string; name: string }[];
  tiers: { code: string; name: string; description?: string | null }[];
  indicators: IndicatorDef[];
  bands: BandDef[];
};

/** GET /schemes/:id */
export type SchemeDetail = SchemeRow & {
  versions: { id: number; version: number; year: number }[];
  current: { id: number; version: number; year: number; definition: SchemeDefinition };
};

/** An entry of the ledger. */
export type Entry = {
  id: number;
  schemeId: number;
  versionId: number;
  year: number;
  subjectKind: 'member' | 'org';
  subjectId: number;
  memberId: number | null;
  subjectName: string;
  orgId: number;
  orgName: string;
  indicator: string;
  dimension: string;
  points: number;
  occurredOn: string;
  evidence: string | null;
  fileId: number | null;
  source: 'manual' | 'excel' | 'award';
  sourceKey: string | null;
  correctsId: number | null;
  correctedBy: number | null;
  status: 'confirmed' | 'pending' | 'rejected';
  recordedBy: number | null;
  recordedByName: string | null;
  recordedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  actions: string[];
};

/** GET /points/subject-options */
export type SubjectOptions = { tier: string | null; tierName: string | null; version: number; indicators: IndicatorDef[] };

/** GET /points/stats */
export type PointsStats = {
  months: { month: number; add: number; subtract: number; entries: number; net: number }[];
  indicators: { indicator: string; points: number; entries: number }[];
  children: { orgId: number; name: string; points: number; entries: number; subjects: number }[];
};

/** What a run's summary holds. */
export type RunSummary = {
  tasks: number;
  awards: number;
  grades: Record<string, number>;
  byChild: { orgId: number; name: string; grades: Record<string, number> }[];
  ungraded: number;
  quotaAdjusted: number;
  classification: Record<string, number>;
};

/** GET /runs item. */
export type Run = {
  id: number;
  schemeId: number;
  schemeName: string;
  subject: 'member' | 'org';
  versionId: number;
  version: number;
  year: number;
  orgId: number;
  orgName: string;
  status: 'draft' | 'published';
  subjects: number;
  entries: number;
  ledgerSum: number;
  resultHash: string;
  summary: RunSummary;
  comparesWith: number | null;
  createdAt: string;
  createdByName: string | null;
  ms: number;
  publishedAt: string | null;
  publishedByName: string | null;
  actions: string[];
};

/** A band as GET /runs/:id shows it. */
export type RunBand = { code: string; name: string; interval: string; award: number; actions: string[]; classification: string | null };

/** GET /runs/:id */
export type RunDetail = Run & { changed: number | null; bands: RunBand[]; tiers: { code: string; name: string }[] };

/** One row of GET /runs/:id/results */
export type RunResultRow = {
  subjectId: number;
  name: string;
  orgId: number;
  orgName: string;
  tier: string | null;
  total: number;
  grade: string | null;
  scoreGrade: string | null;
  rank: number;
  groupRank: number;
  quotaAdjusted: boolean;
  award: number;
  actions: string[];
  flags: string[];
  publishedTotal: number | null;
  publishedGrade: string | null;
};

/** One name of the top or bottom ten. */
export type RankRow = { subjectId: number; name: string; orgName: string; total: number; grade: string | null; rank: number };

/** GET /runs/:id/charts */
export type RunCharts = { histogram: { from: number; to: number; count: number }[]; top: RankRow[]; bottom: RankRow[] };

/** GET /runs/:id/results/:subjectId */
export type Explanation = {
  result: RunResultRow;
  year: number;
  version: number;
  lines: { kind: 'base' | 'dimension' | 'clamp'; label: string; cents: number; points: number; note?: string }[];
  recomputedTotal: number;
  matches: boolean;
  reason: string;
  band: { name: string; interval: string; award: number; actions: string[] } | null;
  multiYear: string[];
  entries: {
    id: number; occurredOn: string; indicator: string; indicatorName: string; dimension: string; points: number;
    status: Entry['status']; counted: boolean; evidence: string | null; correctsId: number | null; recordedByName: string | null;
  }[];
};

/** A tracked task (整改 / 组织处置). */
export type Task = {
  id: number;
  orgId: number;
  orgName: string;
  kind: 'rectification' | 'disposal' | 'accountability';
  title: string;
  subjectKind: 'member' | 'org';
  subjectId: number;
  /** The year-end run that opened the task, or null when a 民主评议 campaign did. */
  runId: number | null;
  evalCampaignId?: number | null;
  commitmentId?: number | null;
  evalName?: string | null;
  year: number;
  options: string[];
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  dueOn: string | null;
  outcome: string | null;
  resolution: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  actions: string[];
};
