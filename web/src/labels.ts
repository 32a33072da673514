/** Fixed value lists the UI offers (they match the server's CHECK constraints) and label helpers. */
import { translate } from './i18n.ts';
import type { Lang, MsgKey } from './i18n.ts';

/** Organisation kinds, top to bottom. */
export const ORG_KINDS = [
  'province', 'city', 'county', 'street', 'town', 'community', 'village',
  'party_committee', 'general_branch', 'branch', 'joint_branch', 'group',
] as const;

/** Which kinds may sit directly under a kind (the UI's offer; the server has the final say). */
const PARTY_KINDS = ['party_committee', 'general_branch', 'branch', 'joint_branch'];
export const CHILD_KINDS: Record<string, readonly string[]> = {
  province: ['city', 'county', ...PARTY_KINDS],
  city: ['county', ...PARTY_KINDS],
  county: ['street', 'town', ...PARTY_KINDS],
  street: ['community', 'village', ...PARTY_KINDS],
  town: ['community', 'village', ...PARTY_KINDS],
  community: PARTY_KINDS,
  village: PARTY_KINDS,
  party_committee: PARTY_KINDS,
  general_branch: ['branch', 'joint_branch'],
  branch: ['group'],
  joint_branch: ['group'],
  group: [],
};

export const GENDERS = ['男', '女'] as const;
export const CATEGORIES = ['正式党员', '预备党员'] as const;
export const PARTY_STATES = ['正常', '保留', '恢复', '停止', '开除'] as const;
export const WORK_STATES = ['在职', '离退休', '务农', '学生', '无固定职业', '其他'] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'] as const;
export const TEAM_KINDS = ['两委班子', '党员队伍', '居民组长', '居民代表', '企业家队伍', '财务监督小组', '网格服务团队', '志愿服务队', '其他'] as const;
export const UNIT_NATURES = ['机关', '事业单位', '企业', '非公企业', '社会组织', '社区', '农村', '其他'] as const;

/** Roles, in the order an administrator thinks of them. */
export const ROLES = [
  'county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison',
  'inspector', 'member', 'sys_admin', 'sec_admin', 'audit_admin',
] as const;

/** The name of an organisation kind. */
export function kindLabel(kind: string, lang?: Lang): string {
  return (ORG_KINDS as readonly string[]).includes(kind) ? translate(`kind.${kind}` as MsgKey, undefined, lang) : kind;
}

/** The name of a role. */
export function roleLabel(role: string, lang?: Lang): string {
  return (ROLES as readonly string[]).includes(role) ? translate(`role.${role}` as MsgKey, undefined, lang) : role;
}

/** Tag colour of an organisation kind, so levels are told apart at a glance. */
export function kindColor(kind: string): string {
  if (['province', 'city', 'county'].includes(kind)) return 'red';
  if (['street', 'town'].includes(kind)) return 'volcano';
  if (['community', 'village'].includes(kind)) return 'orange';
  if (['party_committee', 'general_branch'].includes(kind)) return 'gold';
  if (kind === 'group') return 'default';
  return 'blue';
}

/** Colour of a 党籍状态 tag. */
export function partyStateColor(state: string): string {
  if (state === '正常' || state === '恢复') return 'green';
  if (state === '保留') return 'orange';
  return 'red';
}
