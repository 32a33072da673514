/**
 * The 仓前镇 农村党员分层量化积分 template: five tiers by age, post, health and work, 35 indicators
 * added and subtracted over a one-year cycle. The source names the tiers' criteria, the count of
 * indicators and the consequences; the indicators themselves are a labelled sample.
 */
import type { RECORDER_ROLES, SchemeDefinitionInput } from './model.js';
import type { SchemeTemplate } from './templates.js';

type Role = (typeof RECORDER_ROLES)[number];
type IndicatorInput = SchemeDefinitionInput['indicators'][number];

/** The branch and the levels above it. */
const BRANCH: Role[] = ['branch_secretary', 'community_admin', 'street_admin', 'county_admin'];
/** The same, and the grid's liaison (who sees service and residents' views first-hand). */
const WITH_GRID: Role[] = [...BRANCH, 'grid_liaison'];
/** Disciplinary matters: the town and the county only. */
const UPPER: Role[] = ['street_admin', 'county_admin'];

/** Every tier but the old and infirm. */
const ACTIVE = ['CADRE', 'FLOW', 'WORK', 'FARM'];

type Opts = Omit<Partial<IndicatorInput>, 'code' | 'name' | 'dimension' | 'kind' | 'points'>;
const add = (code: string, name: string, dimension: string, points: number, o: Opts = {}): IndicatorInput =>
  ({ code, name, dimension, kind: 'add', points, recorderRoles: BRANCH, ...o });
const sub = (code: string, name: string, dimension: string, points: number, o: Opts = {}): IndicatorInput =>
  ({ code, name, dimension, kind: 'subtract', points, recorderRoles: BRANCH, ...o });

const INDICATORS: IndicatorInput[] = [
  // 带头学习提高
  add('S01', '参加集中学习', 'STUDY', 1, { capPerMonth: 2, capPerYear: 12, tiers: ACTIVE }),
  add('S02', '参加党员远程教育或专题培训', 'STUDY', 2, { capPerYear: 8, tiers: ACTIVE }),
  add('S03', '撰写学习心得体会', 'STUDY', 1, { capPerYear: 4, evidenceRequired: true }),
  add('S04', '学习农业实用技术并取得证书', 'STUDY', 3, { capPerYear: 6, evidenceRequired: true, tiers: ['FARM'] }),
  add('S05', '送学上门、力所能及参加学习', 'STUDY', 1, { capPerMonth: 1, capPerYear: 12, tiers: ['OLD'] }),
  // 带头争创佳绩
  add('W01', '带头发展致富项目', 'WORK', 5, { capPerYear: 10, evidenceRequired: true, tiers: ['FARM', 'CADRE'] }),
  add('W02', '结对帮扶困难户', 'WORK', 3, { capPerYear: 6, evidenceRequired: true, tiers: ['CADRE', 'WORK', 'FARM'] }),
  add('W03', '完成村（社区）重点工作任务', 'WORK', 3, { adjustable: true, capPerEntry: 5, capPerYear: 15, tiers: ['CADRE'] }),
  add('W04', '本职岗位工作受表彰', 'WORK', 5, { adjustable: true, capPerEntry: 10, capPerYear: 10, evidenceRequired: true, tiers: ['WORK', 'CADRE'] }),
  add('W05', '在外务工经商获表彰或好评', 'WORK', 3, { capPerYear: 6, evidenceRequired: true, tiers: ['FLOW'] }),
  sub('W06', '履职不力造成不良影响', 'WORK', 5, { adjustable: true, capPerEntry: 10, capPerYear: 20, evidenceRequired: true, tiers: ['CADRE'], recorderRoles: UPPER }),
  sub('W07', '公开承诺事项未兑现', 'WORK', 3, { capPerYear: 9, tiers: ['CADRE', 'WORK', 'FARM'] }),
  // 带头服务群众
  add('V01', '参加志愿服务活动', 'SERVE', 1, { capPerMonth: 2, capPerYear: 12, recorderRoles: WITH_GRID, tiers: ACTIVE }),
  add('V02', '走访联系农户', 'SERVE', 1, { capPerMonth: 3, capPerYear: 15, recorderRoles: WITH_GRID, tiers: ['CADRE'] }),
  add('V03', '在职党员到村（社区）报到服务', 'SERVE', 2, { capPerMonth: 2, capPerYear: 12, recorderRoles: WITH_GRID, tiers: ['WORK'] }),
  add('V04', '为群众办实事好事', 'SERVE', 2, { adjustable: true, capPerEntry: 5, capPerYear: 10, evidenceRequired: true }),
  add('V05', '反映社情民意被采纳', 'SERVE', 2, { capPerYear: 6, recorderRoles: WITH_GRID }),
  add('V06', '关心教育下一代', 'SERVE', 2, { capPerYear: 6, tiers: ['OLD', 'FARM'] }),
  sub('V07', '群众反映服务态度差经查属实', 'SERVE', 3, { capPerYear: 9, evidenceRequired: true, tiers: ['CADRE'] }),
  // 带头遵纪守法
  sub('L01', '违反计划生育政策', 'LAW', 10, { capPerYear: 20, evidenceRequired: true }),
  sub('L02', '违反村规民约', 'LAW', 3, { capPerYear: 9, evidenceRequired: true }),
  sub('L03', '参与赌博、封建迷信活动', 'LAW', 5, { capPerYear: 10, evidenceRequired: true }),
  sub('L04', '违章搭建、违法用地', 'LAW', 5, { capPerYear: 10, evidenceRequired: true }),
  sub('L05', '受到党纪处分', 'LAW', 20, { adjustable: true, capPerEntry: 40, capPerYear: 40, evidenceRequired: true, recorderRoles: UPPER }),
  sub('L06', '受到行政处罚', 'LAW', 10, { adjustable: true, capPerEntry: 20, capPerYear: 20, evidenceRequired: true, recorderRoles: UPPER }),
  // 带头弘扬正气
  add('P01', '调解邻里纠纷、化解矛盾', 'SPIRIT', 2, { capPerYear: 8, recorderRoles: WITH_GRID }),
  add('P02', '见义勇为、抢险救灾表现突出', 'SPIRIT', 5, { adjustable: true, capPerEntry: 10, capPerYear: 10, evidenceRequired: true }),
  add('P03', '带头移风易俗、婚事新办丧事简办', 'SPIRIT', 2, { capPerYear: 4 }),
  sub('P04', '传播不实言论造成不良影响', 'SPIRIT', 5, { capPerYear: 10, evidenceRequired: true }),
  // 履行党员义务
  add('D01', '按时参加组织生活', 'DUTY', 1, { capPerMonth: 1, capPerYear: 12 }),
  add('D02', '按时足额交纳党费', 'DUTY', 0.5, { capPerMonth: 0.5, capPerYear: 6 }),
  add('D03', '流动党员定期汇报思想和工作', 'DUTY', 2, { capPerYear: 8, tiers: ['FLOW'], description: '每季度一次' }),
  sub('D04', '无故缺席组织生活', 'DUTY', 2, { capPerMonth: 2, capPerYear: 12, tiers: ACTIVE }),
  sub('D05', '不按时交纳党费', 'DUTY', 2, { capPerYear: 12 }),
  sub('D06', '流动党员与党组织失去联系', 'DUTY', 10, { capPerYear: 10, evidenceRequired: true, tiers: ['FLOW'], description: '失联超过6个月' }),
];

/** 仓前镇 农村党员分层量化积分. */
export const CANGQIAN_MEMBER_TIERED: SchemeTemplate = {
  key: 'cangqian-member-tiered',
  name: '仓前镇农村党员分层量化积分（示例指标）',
  nameEn: 'Cangqian town: tiered points for rural party members (sample indicators)',
  source: '《仓前镇农村党员分层量化积分考核办法》，杭州市余杭区仓前镇（据浙江在线报道）。按年龄、职务、身体状况和工作特点分5个层次、一年为周期、加减分考核35个方面指标、'
    + '积分手册年终定等，以及优秀表彰奖励、基本合格教育勉励、不合格组织谈话、连续两年不合格组织处置（限期整改、劝退或除名）出自原文；'
    + '原文未列层次名称和35项指标：本模板的层次划分、指标、分值、上限、基础分和分数线均为示例。',
  sourceEn: 'Cangqian Town (Yuhang District, Hangzhou), 2010 rules for tiered points of rural party members, as reported by Zhejiang Online. Five tiers by age, post, health and work, 35 indicators added and subtracted over one year, and the consequences are from the source; tier names, the 35 indicators, points, caps, base score and thresholds are a sample.',
  year: 2010,
  description: '示例指标集：35项指标按原文提到的党员“五带头”（学习提高、争创佳绩、服务群众、遵纪守法、弘扬正气）及履行党员义务分组，均为示例，应按镇里的办法替换。'
    + '层次按顺序判定，先符合者归入：年老体弱（70岁及以上或标注为年老体弱）、村（社区）干部、流动党员、在职党员、务农及其他党员；年老体弱党员适用较轻的指标。'
    + '基础分60分，年终按积分手册总分定等；每个党支部优秀不超过三分之一，超出者调为合格；连续两年不合格的，组织处置。',
  definition: {
    subject: 'member',
    baseScore: 60,
    minScore: 0,
    maxScore: 100,
    dimensions: [
      { code: 'STUDY', name: '带头学习提高' },
      { code: 'WORK', name: '带头争创佳绩' },
      { code: 'SERVE', name: '带头服务群众' },
      { code: 'LAW', name: '带头遵纪守法' },
      { code: 'SPIRIT', name: '带头弘扬正气' },
      { code: 'DUTY', name: '履行党员义务' },
    ],
    tiers: [
      { code: 'OLD', name: '年老体弱党员', description: '70岁及以上，或标注为“年老体弱”', rule: { any: [{ fact: 'age', op: 'gte', value: 70 }, { fact: 'tierLabel', op: 'eq', value: '年老体弱' }] } },
      {
        code: 'CADRE', name: '村（社区）干部党员', description: '职务含书记、委员或主任',
        rule: { any: [{ fact: 'post', op: 'contains', value: '书记' }, { fact: 'post', op: 'contains', value: '委员' }, { fact: 'post', op: 'contains', value: '主任' }] },
      },
      { code: 'FLOW', name: '流动党员', rule: { fact: 'flowing', op: 'eq', value: true } },
      { code: 'WORK', name: '在职党员', rule: { fact: 'workState', op: 'eq', value: '在职' } },
      { code: 'FARM', name: '务农及其他党员', description: '不属于以上层次的党员', rule: { all: [] } },
    ],
    indicators: INDICATORS,
    bands: [
      { code: 'FAIL', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['组织谈话'], opensTask: true },
      { code: 'BASIC', name: '基本合格', from: 60, fromInclusive: true, to: 75, toInclusive: false, actions: ['教育勉励'] },
      { code: 'PASS', name: '合格', from: 75, fromInclusive: true, to: 90, toInclusive: false },
      { code: 'EXCELLENT', name: '优秀', from: 90, fromInclusive: true, to: null, toInclusive: false, actions: ['表彰奖励'] },
    ],
    // exactly one third: 0.3333 would allow no one in a group of 3 (3 × 0.3333 < 1)
    quotas: [{ band: 'EXCELLENT', maxShare: 1 / 3, per: 'org', demoteTo: 'PASS' }],
    multiYear: [{ band: 'FAIL', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退', '除名'] }],
  },
};
