/** The path of a field of the standard in words: ['levels', 2, 'criteria', 1, 'checks', 0, 'percent'] → "三星级 第2条 检查1 百分比". */
import type { MsgKey, TFunction } from '../../../i18n.ts';

/** "一星级" … "五星级". */
export const STAR_KEYS: Record<string, MsgKey> = { 1: 'stars.std.star1', 2: 'stars.std.star2', 3: 'stars.std.star3', 4: 'stars.std.star4', 5: 'stars.std.star5' };

/** Names of the fields, wherever they stand in the path. */
const FIELD_KEYS: Record<string, MsgKey> = {
  name: 'stars.std.f.name', source: 'stars.std.f.source', levels: 'stars.std.f.levels', stars: 'stars.std.f.stars', groups: 'stars.std.f.groups', criteria: 'stars.std.f.criteria',
  code: 'stars.std.f.code', group: 'stars.std.f.group', text: 'stars.std.f.text', checks: 'stars.std.f.checks', checksJson: 'stars.std.f.checks', kind: 'stars.std.f.kind', metric: 'stars.std.f.metric',
  percent: 'stars.std.f.percent', title: 'stars.std.f.title', level: 'stars.std.f.level', incident: 'stars.std.f.incident', deaths: 'stars.std.f.deaths',
  seriousInjuries: 'stars.std.f.seriousInjuries', noBeijingIndividual: 'stars.std.f.noBeijingIndividual', vetoFrom: 'stars.std.f.vetoFrom', vetoes: 'stars.std.tab.vetoes',
  noticeWorkingDays: 'stars.std.notice', stepWorkingDays: 'stars.std.steps', streetAssess: 'stars.std.step.streetAssess', countyReview: 'stars.std.step.countyReview',
  answerObjection: 'stars.std.step.answerObjection', remindBeforeWorkingDays: 'stars.std.remind', payCoefficients: 'stars.std.pay', projectFunds: 'stars.std.funds',
  innovationAward: 'stars.std.award', enabled: 'stars.std.award.enabled', amount: 'stars.std.award.amount', targets: 'stars.std.targets',
  threeStarShare: 'stars.std.target.threeStarShare', fiveStarShare: 'stars.std.target.fiveStarShare', fiveGoodCommunityShare: 'stars.std.target.fiveGoodCommunityShare',
  fiveGoodOrganShare: 'stars.std.target.fiveGoodOrganShare',
};

/** The path of a problem in words; an unknown part as it is. */
export function pathLabel(path: readonly (string | number)[], t: TFunction): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const prev = i > 0 ? String(path[i - 1]) : '';
    const index = typeof seg === 'number' || /^\d+$/.test(String(seg)) ? Number(seg) : null;
    if (index !== null) {
      if (prev === 'levels') { words.pop(); words.push(STAR_KEYS[index + 1] ? t(STAR_KEYS[index + 1]) : t('stars.std.path.item', { n: index + 1 })); }
      else if (prev === 'criteria') { words.pop(); words.push(t('stars.std.path.criterion', { n: index + 1 })); }
      else if (prev === 'groups') { words.pop(); words.push(t('stars.std.path.group', { n: index + 1 })); }
      else if (prev === 'checks') { words.pop(); words.push(t('stars.std.path.check', { n: index + 1 })); }
      else if (prev === 'payCoefficients' || prev === 'projectFunds') words.push(STAR_KEYS[index] ? t(STAR_KEYS[index]) : String(seg));
      else words.push(t('stars.std.path.item', { n: index + 1 }));
      continue;
    }
    const key = FIELD_KEYS[String(seg)];
    words.push(key ? t(key) : String(seg));
  }
  return words.join(' ') || t('stars.std.path.whole');
}
