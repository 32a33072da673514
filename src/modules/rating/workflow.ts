/**
 * The 评星晋级 procedure as a state machine (seed 003): which step may follow which, who takes
 * it, and what it needs. One to three stars: 自评申报 → 街道考核评定 → 县办审定 → 发文公布. Four and
 * five stars: 街道考核评定 → 县办验收 → 向社会公示 (objections answered) → 发文公布. No I/O: the
 * store applies a step only when `nextState` allows it.
 */

/** Where an application stands. */
export const STATES = ['draft', 'submitted', 'returned', 'assessed', 'approved', 'notice', 'published', 'refused'] as const;
export type State = (typeof STATES)[number];

/** The steps, each taken by one role. */
export const STEPS = ['submit', 'return', 'assess', 'refuse', 'sendBack', 'approve', 'accept', 'publish'] as const;
export type Step = (typeof STEPS)[number];

/** Who takes a step: the applying community, the street committee above it, the county office. */
export type StepRole = 'community' | 'street' | 'county';

export const STEP_ROLE: Record<Step, StepRole> = {
  submit: 'community', return: 'street', assess: 'street', refuse: 'county', sendBack: 'county', approve: 'county', accept: 'county', publish: 'county',
};

/** The first level that goes through 验收 and a public notice. */
export const NOTICE_FROM = 4;

/** What the machine needs to know besides the state. */
export type Situation = {
  state: State;
  /** The level as it stands now: applied for, then as the street or the county set it. */
  level: number;
  /** Veto items that hold (only levels from NOTICE_FROM are affected). */
  vetoes: number;
  /** Objections not yet answered. */
  openObjections: number;
  /** Whether the public notice period has ended (today is after its last day). */
  noticeOver: boolean;
};

export type Refusal = { zh: string; en: string };

export const STATE_NAMES: Record<State, { zh: string; en: string }> = {
  draft: { zh: '自评中', en: 'self-assessment' },
  submitted: { zh: '已申报，待街道考核', en: 'submitted, awaiting the street' },
  returned: { zh: '退回补充材料', en: 'returned for more evidence' },
  assessed: { zh: '街道已考核评定，待县办审定/验收', en: 'assessed by the street, awaiting the county' },
  approved: { zh: '县办已审定，待发文公布', en: 'approved by the county, awaiting publication' },
  notice: { zh: '公示中', en: 'public notice' },
  published: { zh: '已发文公布', en: 'published' },
  refused: { zh: '不予评定', en: 'refused' },
};

const FROM: Record<Step, State[]> = {
  submit: ['draft', 'returned'],
  return: ['submitted'],
  assess: ['submitted'],
  refuse: ['assessed', 'notice'],
  sendBack: ['assessed'],
  approve: ['assessed'],
  accept: ['assessed'],
  publish: ['approved', 'notice'],
};

/**
 * The state a step leads to, or why it may not be taken now. `level` is the level the step sets
 * (assess, approve and accept may set one no higher than the current one).
 */
export function nextState(s: Situation, step: Step, level: number = s.level): { ok: true; state: State; level: number } | { ok: false; refusal: Refusal } {
  const no = (zh: string, en: string) => ({ ok: false as const, refusal: { zh, en } });
  if (!FROM[step].includes(s.state)) {
    return no(`当前状态为“${STATE_NAMES[s.state].zh}”，不能${STEP_NAMES[step].zh}`, `cannot ${STEP_NAMES[step].en} while ${STATE_NAMES[s.state].en}`);
  }
  if (!Number.isInteger(level) || level < 1 || level > 5) return no('星级应为1至5', 'the level must be 1 to 5');
  if (level > s.level) return no(`不能评定高于申报（现定）星级的等级（${s.level}星）`, `cannot set a level above ${s.level}`);
  switch (step) {
    case 'submit': return { ok: true, state: 'submitted', level };
    case 'return': return { ok: true, state: 'returned', level: s.level };
    case 'assess': return { ok: true, state: 'assessed', level };
    case 'sendBack': return { ok: true, state: 'submitted', level: s.level };
    case 'refuse': return { ok: true, state: 'refused', level: s.level };
    case 'approve':
      if (level >= NOTICE_FROM) return no(`${level}星级须经验收并向社会公示，不能直接审定`, `${level} stars need inspection and a public notice`);
      return { ok: true, state: 'approved', level };
    case 'accept':
      if (level < NOTICE_FROM) return no(`${level}星级由县办审定，无需验收公示`, `${level} stars are approved without a notice`);
      if (s.vetoes > 0) return no('存在一票否决情形，不能评为四、五星级', 'a veto item holds: four and five stars are barred');
      return { ok: true, state: 'notice', level };
    case 'publish':
      if (s.state === 'notice') {
        if (!s.noticeOver) return no('公示期未满，不能发文公布', 'the public notice period has not ended');
        if (s.openObjections > 0) return no(`还有 ${s.openObjections} 条异议未答复`, `${s.openObjections} objections are unanswered`);
        if (s.vetoes > 0 && s.level >= NOTICE_FROM) return no('存在一票否决情形，不能公布为四、五星级', 'a veto item holds: four and five stars are barred');
      }
      return { ok: true, state: 'published', level: s.level };
  }
}

export const STEP_NAMES: Record<Step, { zh: string; en: string }> = {
  submit: { zh: '提交申报', en: 'submit' },
  return: { zh: '退回补充材料', en: 'return for more evidence' },
  assess: { zh: '考核评定', en: 'assess' },
  refuse: { zh: '不予评定', en: 'refuse' },
  sendBack: { zh: '退回街道重新考核', en: 'send back to the street' },
  approve: { zh: '审定', en: 'approve' },
  accept: { zh: '验收并公示', en: 'accept and open the public notice' },
  publish: { zh: '发文公布', en: 'publish' },
};

/** The steps open in a situation for a role (what the UI offers). */
export function openSteps(s: Situation, role: StepRole): Step[] {
  // approving is open at a higher level too: the county may approve a lower one
  return STEPS.filter((step) => STEP_ROLE[step] === role && nextState(s, step, step === 'approve' ? Math.min(s.level, NOTICE_FROM - 1) : s.level).ok);
}

/** An objection may be lodged only while the notice runs: from its first day to its last, inclusive. */
export function objectionAllowed(state: State, today: string, first: string | null, last: string | null): Refusal | null {
  if (state !== 'notice' || !first || !last) return { zh: '该评定不在公示期内，不受理异议', en: 'this rating is not under public notice' };
  if (today < first) return { zh: `公示自 ${first} 起，尚未开始`, en: `the notice starts on ${first}` };
  if (today > last) return { zh: `公示期已于 ${last} 结束，不再受理异议`, en: `the notice ended on ${last}` };
  return null;
}

/**
 * What an upheld objection does: `refuse` ends the application; `lower` sets a level below the
 * current one (below NOTICE_FROM it then needs no notice and is published as approved).
 */
export function upheldEffect(current: number, outcome: { kind: 'refuse' } | { kind: 'lower'; level: number }): { ok: true; state: State; level: number } | { ok: false; refusal: Refusal } {
  if (outcome.kind === 'refuse') return { ok: true, state: 'refused', level: current };
  if (!Number.isInteger(outcome.level) || outcome.level < 1 || outcome.level >= current) {
    return { ok: false, refusal: { zh: `降级后的星级应低于 ${current} 星`, en: `the lowered level must be below ${current}` } };
  }
  return { ok: true, state: outcome.level >= NOTICE_FROM ? 'notice' : 'approved', level: outcome.level };
}
