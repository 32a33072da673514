/** The 评星标准 editor's pure parts against the server's own standard and rules. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n.ts';
import type { TFunction } from '../../../i18n.ts';
import { STANDARD_003 } from '../../../../../src/modules/rating/standard-003.ts';
import { parseStandard } from '../../../../../src/modules/rating/standard.ts';
import { checksError, describeCheck, parseChecks } from './checks.ts';
import { checksText, fieldOf, tabOf, toDefinition, toValues } from './model.ts';
import type { CheckDef, StandardDef } from './model.ts';
import { pathLabel } from './paths.ts';

const t: TFunction = (k, v) => translate(k, v, 'zh-CN');
const builtIn = () => structuredClone(STANDARD_003) as unknown as StandardDef;
const allChecks = STANDARD_003.levels.flatMap((l) => l.criteria.flatMap((c) => c.checks));

describe('form values and back', () => {
  it('gives back the built-in standard unchanged, and the server accepts it', () => {
    const out = toDefinition(toValues(builtIn()), builtIn());
    expect(out).toEqual(STANDARD_003);
    expect(parseStandard(out).ok).toBe(true);
  });

  it('shows targets as percentages and keeps fields it does not know', () => {
    const d = { ...builtIn(), futureField: { x: 1 } };
    const v = toValues(d);
    expect(v.targets).toEqual({ threeStarShare: 80, fiveStarShare: 20, fiveGoodCommunityShare: 60, fiveGoodOrganShare: 70 });
    v.targets.fiveStarShare = 25;
    const out = toDefinition(v, d);
    expect(out.targets.fiveStarShare).toBe(0.25);
    expect(out.futureField).toEqual({ x: 1 });
  });

  it('sends project funds only when the definition had them or one is set', () => {
    const { projectFunds: _p, ...old } = builtIn();
    const v = toValues(old as StandardDef);
    expect(v.projectFunds).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect('projectFunds' in toDefinition(v, old as StandardDef)).toBe(false);
    v.projectFunds['5'] = 20000;
    expect(toDefinition(v, old as StandardDef).projectFunds).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 20000 });
  });

  it('keeps checks through their JSON text', () => {
    const checks = STANDARD_003.levels[0].criteria.find((c) => c.checks.length > 1)!.checks;
    expect(parseChecks(checksText(checks))).toEqual(checks);
    expect(checksText([])).toBe('[]');
    expect(parseChecks('{"kind":"x"}')).toBeNull();
  });
});

describe('checks', () => {
  it('reads every check of the built-in standard as a sentence', () => {
    for (const c of allChecks) expect(describeCheck(c, t)).not.toContain('{');
    expect(describeCheck({ kind: 'titleAtLeast', title: 'civilised', level: 'county' }, t)).toBe('已获县级以上文明社区');
    expect(describeCheck({ kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 95 }, t)).toBe('调处成功率达到95%以上');
    expect(describeCheck({ kind: 'noCollectivePetitionAtOrAbove', level: 'city', noBeijingIndividual: true }, t)).toBe('未发生赴市及以上集体访，且无赴京个访');
  });

  it('accepts what the server accepts and refuses what it refuses, naming the item and field', () => {
    expect(checksError(checksText(allChecks.slice(0, 10)), t)).toBeNull();
    const bad: [unknown, string][] = [
      [{ kind: 'metricAtLeast', metric: 'mediationRate', percent: 120 }, '第1项检查的“percent”应为0到100之间的数'],
      [{ kind: 'titleAtLeast', title: 'culture', level: 'city' }, '第1项检查的“level”应为以下之一：3、2、1'],
      [{ kind: 'titleAtLeast', title: 'health', level: 2 }, '“level”应为以下之一：county、city、province、national'],
      [{ kind: 'noIncident', incident: 'arson' }, '“incident”应为以下之一'],
      [{ kind: 'safetyAccidentBelow', deaths: 0, seriousInjuries: 2 }, '“deaths”应为1到100之间的整数'],
      [{ kind: 'noCollectivePetitionAtOrAbove', level: 'beijing', noBeijingIndividual: false }, '“level”应为以下之一'],
      [{ kind: 'noIncident', incident: 'homicide', weight: 2 }, '多余的字段“weight”'],
      [{ kind: 'guess' }, '类型“guess”无效'],
    ];
    for (const [c, why] of bad) {
      expect(checksError(JSON.stringify([c]), t)).toContain(why);
      const d = builtIn();
      d.levels[0].criteria[0].checks = [c as CheckDef];
      expect(parseStandard(d).ok).toBe(false);
    }
    expect(checksError('[', t)).toContain('检查须为有效的 JSON');
    expect(checksError('{}', t)).toBe('检查须为 JSON 数组，没有可量化要求时填 []');
    expect(checksError('', t)).toBeNull();
  });
});

describe('problem paths', () => {
  it('names fields in words', () => {
    expect(pathLabel(['levels', 2, 'criteria', 1, 'checks', 0, 'percent'], t)).toBe('三星级 第2条 检查1 百分比');
    expect(pathLabel(['payCoefficients', '3'], t)).toBe('报酬系数 三星级');
    expect(pathLabel(['vetoes', 1, 'code'], t)).toBe('一票否决 第2项 代码');
    expect(pathLabel(['levels', 0, 'groups'], t)).toBe('一星级 各组段落');
    expect(pathLabel(['stepWorkingDays', 'countyReview'], t)).toBe('各环节办理期限 县办审定（验收）');
    expect(pathLabel(['mystery'], t)).toBe('mystery');
    expect(pathLabel([], t)).toBe('整个标准');
  });

  it('finds the tab and the form field of a problem', () => {
    expect(tabOf(['levels', 0, 'criteria', 0, 'text'])).toBe('criteria');
    expect(tabOf(['vetoes', 0, 'code'])).toBe('vetoes');
    expect(tabOf(['remindBeforeWorkingDays'])).toBe('deadlines');
    expect(tabOf(['projectFunds', '4'])).toBe('use');
    expect(fieldOf(['levels', 1, 'criteria', 3, 'checks', 0, 'level'])).toEqual(['levels', 1, 'criteria', 3, 'checksJson']);
    expect(fieldOf(['payCoefficients', 3])).toEqual(['payCoefficients', '3']);
  });
});
