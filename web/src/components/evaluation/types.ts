/** Shapes of the 民主评议 API's answers (src/modules/evaluation/routes.ts). */

/** A campaign's state, in the order of the procedure. */
export type EvalState = 'draft' | 'open' | 'closed' | 'counted' | 'published';

/** The two constituencies: party members, and non-party residents' representatives. */
export type Constituency = 'members' | 'residents';

/** Ballots cast so far and voters, per constituency. */
export type Turnout = Record<Constituency, { voters: number; cast: number }>;

/** A step the caller may take on a campaign, as the server lists it in `actions`. */
export type EvalAction = 'issueCodes' | 'open' | 'collectShare' | 'close' | 'enterPaper' | 'bringShare' | 'count' | 'publish';

/** A row of GET /eval/campaigns. */
export type CampaignRow = {
  id: number; orgId: number; name: string; year: number; state: EvalState; opensAt: string; closesAt: string; turnout: Turnout; actions: string[];
};

/** A member on the ballot; probationary members (`graded` false) take part but get no grade. */
export type Subject = { memberId: number; name: string; graded: boolean };

/** Grade counts of one member, per constituency. */
export type Counts = Record<Constituency, Record<string, number>>;

/** One graded member's result after the count. */
export type ResultRow = { memberId: number; name: string; counts: Counts; score: number | null; grade: string | null; reasons: string[] };

/** The combination rule a campaign was set up with. */
export type Rule = {
  gradeSet: 'seed003' | 'national';
  points: Record<string, number>;
  weights: Record<Constituency, number>;
  bands: { grade: string; minScore: number }[];
  thresholds: { constituency: Constituency; grades: string[]; below: number; then: string; name: string }[];
  quotas: { grade: string; maxShare: number }[];
};

/** GET /eval/campaigns/:id */
export type CampaignDetail = {
  id: number; countyId: number; orgId: number; orgPath: string; year: number; name: string; state: EvalState;
  opensAt: string; closesAt: string; threshold: number; rowVersion: number; hasKey: boolean;
  rule: Rule; grades: string[]; tellers: number; teller: boolean; subjects: Subject[]; turnout: Turnout; paperWaiting: number;
  results: ResultRow[] | null; actions: string[];
  /** Where the tellers' shares stand: collected while voting, brought after the close. */
  shares?: { tellers: number; threshold: number; collected: number; brought: number; mineCollected: boolean; mineBrought: boolean };
};

/** One voter's slip, as POST …/codes answers it once (never stored). */
export type Sheet = { constituency: Constituency; name: string; code: string };

/** POST /public/eval/ballot: what a code may see before voting. */
export type Ballot = {
  campaign: { id: number; name: string; year: number; closesAt: string };
  constituency: Constituency;
  grades: string[];
  subjects: Subject[];
};

/** A ballot's grades and comments by member id. */
export type BallotContent = { grades: Record<string, string>; comments?: Record<string, string> };

/** GET /public/eval/:id/receipts/:receipt */
export type OpenedBallot = { campaign: { id: number; name: string }; counted: boolean; constituency: Constituency; content: BallotContent | null; subjects?: { memberId: number; name: string }[] };

/** A user who may be a teller (GET /eval/teller-options). */
export type TellerOption = { id: number; displayName: string; username: string; orgName: string };

/** A member the set-up may put on the ballot (a row of GET /members). */
export type MemberOption = { id: number; name: string; orgName: string; category: string; partyState: string };

/** One campaign of GET /eval/summary: members per grade as recounted, and how many differ from the stored results. */
export type SummaryItem = { id: number; name: string; orgId: number; orgName: string; state: EvalState; members: number; grades: Record<string, number>; mismatches: number };

/** GET /eval/summary: a year's results under an organisation, recounted from the opened ballots. */
export type Summary = {
  org: { id: number; name: string }; year: number; campaigns: number; members: number; byGrade: Record<string, number>; mismatches: number; items: SummaryItem[];
};
