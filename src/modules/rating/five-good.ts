/**
 * The 五好 standard of seed 003 (领导班子好, 党员队伍好, 工作机制好, 工作业绩好, 群众反映好): which
 * organisations it is counted over, in which of the two target groups (社区和企业党组织 at 60%,
 * 机关和事业单位党组织 at 70%), and how a year's shares are worked out. Pure; the tables are in
 * src/platform/db/rating-tables.ts, and the database keeps each organisation's category in the
 * generated column orgs.five_good_category, the same rule in SQL (a test holds the two equal).
 */

/** The five parts, in the seed's order. */
export const FIVE_GOOD_ITEMS = ['leadership', 'members', 'mechanism', 'performance', 'reputation'] as const;
/** One part of the 五好 standard. */
export type FiveGoodItem = (typeof FIVE_GOOD_ITEMS)[number];
/** Chinese names of the parts. */
export const FIVE_GOOD_NAMES: Record<FiveGoodItem, string> = {
  leadership: '领导班子好', members: '党员队伍好', mechanism: '工作机制好', performance: '工作业绩好', reputation: '群众反映好',
};

/** The kinds of organisation the standard is counted over. */
export const FIVE_GOOD_CATEGORIES = ['community', 'enterprise', 'organ', 'institution'] as const;
/** A kind of organisation the 五好 shares count. */
export type FiveGoodCategory = (typeof FIVE_GOOD_CATEGORIES)[number];
/** Chinese names of the categories. */
export const CATEGORY_NAMES: Record<FiveGoodCategory, string> = { community: '社区（村）党组织', enterprise: '企业党组织', organ: '机关党组织', institution: '事业单位党组织' };
/** The two target groups: 社区和企业 (target 60%), 机关和事业 (target 70%). */
export const GROUP_OF: Record<FiveGoodCategory, 'community' | 'organ'> = { community: 'community', enterprise: 'community', organ: 'organ', institution: 'organ' };

/** Party organisation kinds that stand for a unit of their own (a community's own branches do not). */
const PARTY_KINDS = new Set(['party_committee', 'general_branch', 'branch', 'joint_branch']);

/**
 * Which category an organisation is counted in, or null when the 五好 shares leave it out.
 * Communities and villages count as 社区; a party organisation counts by its unit's nature
 * (单位性质): 机关, 事业单位, or an enterprise (企业, 非公企业, 非公有制经济组织). A community's own
 * party committee and branches (单位性质 社区/村) are the community's, counted once as the community.
 */
export function fiveGoodCategory(kind: string, unitNature: string | null | undefined): FiveGoodCategory | null {
  if (kind === 'community' || kind === 'village') return 'community';
  if (!PARTY_KINDS.has(kind) || !unitNature) return null;
  if (unitNature.includes('机关')) return 'organ';
  if (unitNature.includes('事业')) return 'institution';
  if (/企业|非公|经济组织/.test(unitNature)) return 'enterprise';
  return null;
}

/** Whether all five parts hold. */
export const fiveGoodMet = (parts: Record<FiveGoodItem, boolean>): boolean => FIVE_GOOD_ITEMS.every((k) => parts[k] === true);

/**
 * How many organisations existed in a year: those established by its end (an unknown date counts
 * as always there). `counts` maps the year established (null unknown) to a number of organisations.
 */
export function existingIn(year: number, counts: Iterable<[number | null, number]>): number {
  let n = 0;
  for (const [since, k] of counts) if (since === null || since <= year) n += k;
  return n;
}

/** A share, or null when there is nothing to divide by. */
export const shareOf = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
