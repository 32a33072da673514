/** Pure rules of the organisation tree: paths, moves, the kinds a parent may hold, and setting/upgrade flags. */
import { z } from 'zod';

export const ORG_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  province: { zh: '省', en: 'province' }, city: { zh: '市', en: 'city' }, county: { zh: '县(区)', en: 'county' },
  street: { zh: '街道', en: 'street' }, town: { zh: '镇', en: 'town' }, community: { zh: '社区', en: 'community' }, village: { zh: '村', en: 'village' },
  party_committee: { zh: '党委', en: 'party committee' }, general_branch: { zh: '党总支', en: 'general branch' },
  branch: { zh: '党支部', en: 'branch' }, joint_branch: { zh: '联合党支部', en: 'joint branch' }, group: { zh: '党小组', en: 'party group' },
};

const AREA = ['province', 'city', 'county', 'street', 'town', 'community', 'village'];
const PARTY = ['party_committee', 'general_branch', 'branch', 'joint_branch'];

/** Which kinds may sit directly under each kind. */
export const CHILD_KINDS: Record<string, string[]> = {
  province: ['city', 'county', ...PARTY],
  city: ['county', ...PARTY],
  county: ['street', 'town', ...PARTY],
  street: ['community', 'village', ...PARTY],
  town: ['community', 'village', ...PARTY],
  community: PARTY,
  village: PARTY,
  party_committee: ['party_committee', 'general_branch', 'branch', 'joint_branch'],
  general_branch: ['branch', 'joint_branch'],
  branch: ['group'],
  joint_branch: ['group'],
  group: [],
};

/** Kinds whose organisations may hold members directly. */
export const MEMBER_HOLDING_KINDS = ['party_committee', 'general_branch', 'branch', 'joint_branch', 'group'];
export const isPartyKind = (k: string) => PARTY.includes(k) || k === 'group';
export const isAreaKind = (k: string) => AREA.includes(k);

/** The path of a child of `parentPath` with id `id`. */
export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/** The ids along a path, root first. */
export const pathIds = (p: string) => p.split('/').filter(Boolean).map(Number);

/** Why a subtree may not move under a new parent, or null when it may. */
export function moveProblem(org: { path: string; kind: string }, newParent: { path: string; kind: string }): { zh: string; en: string } | null {
  if (newParent.path.startsWith(org.path)) return { zh: '不能把组织移动到它自己或它的下级之下', en: 'cannot move an organisation under itself or its descendants' };
  if (!CHILD_KINDS[newParent.kind]?.includes(org.kind)) return { zh: `“${ORG_KIND_LABELS[newParent.kind]?.zh}”之下不能设“${ORG_KIND_LABELS[org.kind]?.zh}”`, en: `a ${org.kind} cannot sit under a ${newParent.kind}` };
  return null;
}

/** Rewrites a path inside a moved subtree. */
export const rebase = (p: string, fromPrefix: string, toPrefix: string) => (p.startsWith(fromPrefix) ? toPrefix + p.slice(fromPrefix.length) : p);

/** The organisation-setting rules (支部工作条例); configurable per installation. */
export const OrgRules = z.strictObject({
  minFullMembers: z.number().int().min(1).max(20),
  branchMax: z.number().int().min(10).max(500),
  partyCommitteeOver: z.number().int().min(10).max(10_000),
  committeeAt: z.number().int().min(3).max(50),
});
export type OrgRules = z.infer<typeof OrgRules>;
export const DEFAULT_ORG_RULES: OrgRules = { minFullMembers: 3, branchMax: 50, partyCommitteeOver: 100, committeeAt: 7 };

export type FlagInput = { id: number; name: string; kind: string; path: string; electedOn: string | null; termYears: number | null };
export type Counts = { total: number; full: number };
export type Flag = { orgId: number; orgName: string; rule: string; message: string; messageEn: string };

/** Adds each organisation's own counts into every ancestor on its path: subtree totals. */
export function rollUp(direct: Map<string, Counts>): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const [p, c] of direct) {
    const ids = pathIds(p);
    for (let i = 1; i <= ids.length; i++) {
      const key = `/${ids.slice(0, i).join('/')}/`;
      const cur = out.get(key) ?? { total: 0, full: 0 };
      out.set(key, { total: cur.total + c.total, full: cur.full + c.full });
    }
  }
  return out;
}

/** Candidates for setting up or upgrading: too few full members, too many for a branch or a general branch, a committee due, a term run out. */
export function orgFlags(items: FlagInput[], counts: Map<string, Counts>, rules: OrgRules, today: string): Flag[] {
  const flags: Flag[] = [];
  for (const o of items) {
    const c = counts.get(o.path) ?? { total: 0, full: 0 };
    const add = (rule: string, zh: string, en: string) => flags.push({ orgId: o.id, orgName: o.name, rule, message: zh, messageEn: en });
    if (o.kind === 'branch' || o.kind === 'joint_branch') {
      if (c.full < rules.minFullMembers) add('too_few', `正式党员 ${c.full} 人，不足 ${rules.minFullMembers} 人，应与邻近单位联合成立党支部`, `${c.full} full members, fewer than ${rules.minFullMembers}: form a joint branch`);
      if (c.total > rules.partyCommitteeOver) add('upgrade_committee', `党员 ${c.total} 人，超过 ${rules.partyCommitteeOver} 人，可报批设立基层党委`, `${c.total} members: may become a party committee`);
      else if (c.total > rules.branchMax) add('upgrade_general_branch', `党员 ${c.total} 人，超过 ${rules.branchMax} 人，可报批设立党总支`, `${c.total} members: may become a general branch`);
      if (c.full >= rules.committeeAt && !o.electedOn) add('committee_required', `正式党员 ${c.full} 人，应选举产生支部委员会`, `${c.full} full members: a branch committee must be elected`);
    }
    if (o.kind === 'general_branch' && c.total > rules.partyCommitteeOver) add('upgrade_committee', `党员 ${c.total} 人，超过 ${rules.partyCommitteeOver} 人，可报批设立基层党委`, `${c.total} members: may become a party committee`);
    if (o.electedOn && o.termYears) {
      const end = new Date(o.electedOn);
      end.setFullYear(end.getFullYear() + o.termYears);
      if (end.toISOString().slice(0, 10) < today) add('term_expired', `任期已于 ${end.toISOString().slice(0, 10)} 届满，应按期换届`, `term ended on ${end.toISOString().slice(0, 10)}: hold an election`);
    }
  }
  return flags;
}
