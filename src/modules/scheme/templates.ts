/**
 * Built-in scheme templates, each labelled with the document and locality it comes from and with
 * the parts the source does not give (indicators, points, thresholds) stated as a sample. An
 * administrator copies a template into an editable scheme; nothing here is used as it stands.
 */
import type { RECORDER_ROLES, SchemeDefinitionInput } from './model.js';
import { CANGQIAN_MEMBER_TIERED } from './templates-member.js';

/** A built-in template: where it comes from, and its definition (input form: defaults may be omitted). */
export type SchemeTemplate = {
  key: string;
  name: string;
  nameEn: string;
  /** The document and locality, and which parts are a sample because the source does not list them. */
  source: string;
  sourceEn: string;
  year: number;
  description: string;
  definition: SchemeDefinitionInput;
};

type Role = (typeof RECORDER_ROLES)[number];
/** Who records points of an organisation scheme: the county and the street/town. */
const ORG_RECORDERS: Role[] = ['county_admin', 'street_admin'];

/** An indicator scored once a year within its full marks (the assessor enters 0–full). */
const item = (code: string, name: string, dimension: string, full: number, evidenceRequired = false) => ({
  code, name, dimension, kind: 'add' as const, points: full, adjustable: true, capPerEntry: full, capPerYear: full, evidenceRequired, recorderRoles: ORG_RECORDERS,
});

/** A deduction of `points` each time, at most `capPerYear` a year. */
const deduct = (code: string, name: string, dimension: string, points: number, capPerYear: number, description?: string) => ({
  code, name, dimension, kind: 'subtract' as const, points, capPerYear, evidenceRequired: true, recorderRoles: ORG_RECORDERS, ...(description ? { description } : {}),
});

/** 仓前镇 村二级党支部 百分制考核. */
const CANGQIAN_BRANCH: SchemeTemplate = {
  key: 'cangqian-branch-100',
  name: '仓前镇村二级党支部工作考核（百分制）',
  nameEn: 'Cangqian town: 100-point assessment of village second-level party branches',
  source: '《仓前镇2010年度村二级党支部工作考核办法》，杭州市余杭区仓前镇（据浙江在线报道）。等次、分数线、奖励金额和后果出自原文；考核维度、指标和分值原文未列，为示例。',
  sourceEn: 'Cangqian Town (Yuhang District, Hangzhou), 2010 assessment rules for village second-level party branches, as reported by Zhejiang Online. Grades, thresholds, awards and consequences are from the source; dimensions, indicators and points are not listed there and are a sample.',
  year: 2010,
  description: '百分制考核村二级党支部。原文为“优秀（95分以上）”“良好（85分-95分）”“较差（60分以下）”：本模板规定恰好95分为优秀、恰好85分为良好、恰好60分为一般（非较差）。'
    + '优秀奖励10000元并由镇党委表彰、总结推广经验；良好奖励5000元；较差通报批评并限期整顿（立整改任务）。“一般”等次原文未命名，为补足60–85分之间的区间而设。'
    + '各维度净得分以0分为下限（扣完为止）。维度、指标及分值为示例，使用前应按镇里的考核细则修改。',
  definition: {
    subject: 'org',
    orgKinds: ['branch', 'joint_branch', 'general_branch'],
    baseScore: 0,
    minScore: 0,
    maxScore: 100,
    dimensions: [
      { code: 'ORG', name: '组织建设', maxPoints: 25, minPoints: 0 },
      { code: 'TEAM', name: '队伍建设', maxPoints: 20, minPoints: 0 },
      { code: 'RULE', name: '制度落实', maxPoints: 20, minPoints: 0 },
      { code: 'ROLE', name: '作用发挥', maxPoints: 25, minPoints: 0 },
      { code: 'INNO', name: '创新特色', maxPoints: 10, minPoints: 0 },
    ],
    indicators: [
      item('ORG.1', '支部班子健全、分工明确', 'ORG', 8),
      item('ORG.2', '党小组设置合理、活动正常', 'ORG', 7),
      item('ORG.3', '入党积极分子培养和发展党员', 'ORG', 5),
      item('ORG.4', '活动阵地和党务资料规范', 'ORG', 5),
      item('TEAM.1', '党员教育培训', 'TEAM', 8),
      item('TEAM.2', '党员分层量化积分管理落实', 'TEAM', 7),
      item('TEAM.3', '关心关爱困难党员、老党员', 'TEAM', 5),
      deduct('TEAM.X', '党员违纪违规', 'TEAM', 5, 20, '支部党员受党纪政务处分或违法处理，每人次扣5分'),
      item('RULE.1', '“三会一课”制度落实', 'RULE', 10),
      item('RULE.2', '民主评议党员', 'RULE', 5),
      item('RULE.3', '党费收缴管理', 'RULE', 5),
      { ...deduct('RULE.X', '工作失误', 'RULE', 3, 20, '因工作失误造成不良影响，每次扣3–10分'), adjustable: true, capPerEntry: 10 },
      item('ROLE.1', '党员设岗定责、公开承诺践诺', 'ROLE', 10),
      item('ROLE.2', '联系服务群众、民情联系', 'ROLE', 10),
      item('ROLE.3', '完成镇、村中心工作', 'ROLE', 5),
      deduct('ROLE.X', '未完成上级交办任务', 'ROLE', 2, 10),
      item('INNO.1', '工作有创新、有特色', 'INNO', 6, true),
      item('INNO.2', '经验被上级推广或受表彰', 'INNO', 4, true),
    ],
    bands: [
      { code: 'POOR', name: '较差', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['通报批评', '限期整顿'], opensTask: true },
      { code: 'FAIR', name: '一般', from: 60, fromInclusive: true, to: 85, toInclusive: false },
      { code: 'GOOD', name: '良好', from: 85, fromInclusive: true, to: 95, toInclusive: false, award: 5000 },
      { code: 'EXCELLENT', name: '优秀', from: 95, fromInclusive: true, to: null, toInclusive: false, award: 10000, actions: ['镇党委表彰', '总结推广经验'] },
    ],
  },
};

/** 涪城区 村(社区)干部绩效管理考核, seven dimensions, 先进/中间/后进. */
const FUCHENG_VILLAGE: SchemeTemplate = {
  key: 'fucheng-village-7dim',
  name: '涪城区村（社区）干部绩效管理考核（七个方面）',
  nameEn: 'Fucheng district: performance assessment of villages and communities (seven dimensions)',
  source: '《涪城区村(社区)干部绩效管理考核办法》及《软弱涣散党组织显性认定机制》，四川省绵阳市涪城区。七个考核方面和先进、中间、后进三类（先进高位求进、中间上档升级、后进奋力转化）出自原文；'
    + '原文未给分值、指标和分类分数线，本模板的分值、指标、扣分项和分数线均为示例。原文未写明年份，2010年为创先争优活动期间的约数。',
  sourceEn: 'Fucheng District (Mianyang, Sichuan): performance assessment rules for village and community cadres and the explicit criteria for weak and lax party organisations. The seven dimensions and the three classes are from the source; points, indicators, deductions and thresholds are a sample. The source gives no year; 2010 is approximate.',
  year: 2010,
  description: '对村级组织和城市社区班子按七个方面百分制考核，每年分为先进、中间、后进三类：70分以下为后进（立整改任务，奋力转化），70–85分为中间（上档升级），85分及以上为先进（高位求进）。'
    + '扣分项取自软弱涣散党组织常见认定情形。各方面分值、指标及分数线均为示例，应按区里的细则修改；各方面净得分以0分为下限。',
  definition: {
    subject: 'org',
    orgKinds: ['village', 'community'],
    baseScore: 0,
    minScore: 0,
    maxScore: 100,
    dimensions: [
      { code: 'ORG', name: '组织建设', maxPoints: 20, minPoints: 0 },
      { code: 'ECON', name: '经济发展', maxPoints: 15, minPoints: 0 },
      { code: 'INFRA', name: '基础设施建设', maxPoints: 10, minPoints: 0 },
      { code: 'DEMO', name: '民主政治建设', maxPoints: 15, minPoints: 0 },
      { code: 'STAB', name: '社会和谐稳定', maxPoints: 15, minPoints: 0 },
      { code: 'PROM', name: '承诺事项', maxPoints: 10, minPoints: 0 },
      { code: 'KEY', name: '重点工作', maxPoints: 15, minPoints: 0 },
    ],
    indicators: [
      item('ORG.1', '班子团结、运转有力', 'ORG', 8),
      item('ORG.2', '组织生活正常开展', 'ORG', 7),
      item('ORG.3', '党员队伍建设和发展党员', 'ORG', 5),
      deduct('ORG.X1', '班子不团结、内耗严重', 'ORG', 10, 20, '软弱涣散认定情形'),
      deduct('ORG.X2', '长期不开展组织生活', 'ORG', 10, 10, '软弱涣散认定情形'),
      item('ECON.1', '集体经济收入增长', 'ECON', 8, true),
      item('ECON.2', '群众增收致富', 'ECON', 7),
      item('INFRA.1', '道路、水利等设施建设和管护', 'INFRA', 6),
      item('INFRA.2', '村级活动场所管理使用', 'INFRA', 4),
      item('DEMO.1', '重大事项民主决策程序落实', 'DEMO', 6),
      item('DEMO.2', '村（居）务、财务公开', 'DEMO', 5),
      item('DEMO.3', '民主监督和民主评议', 'DEMO', 4),
      deduct('DEMO.X', '村（居）务、财务长期不公开', 'DEMO', 5, 10, '软弱涣散认定情形'),
      item('STAB.1', '矛盾纠纷排查调处', 'STAB', 8),
      item('STAB.2', '社会治安和安全生产', 'STAB', 7),
      deduct('STAB.X', '发生重大安全事故或群体性事件', 'STAB', 10, 15, '软弱涣散认定情形'),
      item('PROM.1', '年度承诺事项兑现', 'PROM', 7, true),
      item('PROM.2', '承诺公开和群众评价', 'PROM', 3),
      deduct('PROM.X', '承诺事项未兑现', 'PROM', 3, 9),
      item('KEY.1', '区、镇（街道）重点工作完成', 'KEY', 10),
      item('KEY.2', '创新工作', 'KEY', 5, true),
    ],
    bands: [
      { code: 'LAG', name: '后进', from: null, fromInclusive: false, to: 70, toInclusive: false, actions: ['奋力转化'], opensTask: true, classification: '后进' },
      { code: 'MID', name: '中间', from: 70, fromInclusive: true, to: 85, toInclusive: false, actions: ['上档升级'], classification: '中间' },
      { code: 'ADV', name: '先进', from: 85, fromInclusive: true, to: null, toInclusive: false, actions: ['高位求进'], classification: '先进' },
    ],
  },
};

const PENGBU_RECORDERS: Role[] = ['street_admin', 'community_admin'];

/** 彭埠镇 社区"双百分"考核 of community cadres, pay-linked. */
const PENGBU: SchemeTemplate = {
  key: 'pengbu-shuangbaifen',
  name: '彭埠镇社区干部“双百分”考核',
  nameEn: 'Pengbu town: "double hundred" assessment of community cadres',
  source: '杭州市江干区彭埠镇（据浙江在线报道）。原文只说细化量化社区“双百分”考核制度、加强对社区工作的督查考评、考评结果与社区两委干部报酬挂钩；'
    + '原文未列考核内容、分值、等次和金额：本模板的两个一百分（工作实绩、群众满意）、逐人计分、指标、等次和金额均为示例。原文未写明年份，2010年为约数。',
  sourceEn: 'Pengbu Town (Jianggan District, Hangzhou), as reported by Zhejiang Online. The source only says the town refined a "double hundred" assessment of community work whose results are linked to the pay of community committee members. The two halves, per-cadre scoring, indicators, grades and amounts are a sample. The year is approximate.',
  year: 2010,
  description: '只考核担任职务的社区干部（职务不为空者归入“社区干部”层次，指标只适用于该层次）。工作实绩、群众满意各一百分，合计二百分。'
    + '奖励金额代表与报酬挂钩的绩效奖金，为示例，应由镇里确定。原文另提到对工作责任心不强、民主评议较差的个别社区干部实行劝退和诫勉谈话，此处作为“不称职”的后果示例。因涉及报酬，亮分只对管理员可见。',
  definition: {
    subject: 'member',
    baseScore: 0,
    minScore: 0,
    maxScore: 200,
    dimensions: [
      { code: 'WORK', name: '工作实绩', maxPoints: 100, minPoints: 0 },
      { code: 'SATIS', name: '群众满意', maxPoints: 100, minPoints: 0 },
    ],
    tiers: [{ code: 'CADRE', name: '社区干部', description: '职务不为空的党员（社区两委干部）', rule: { fact: 'post', op: 'notEmpty' } }],
    indicators: [
      { code: 'WORK.1', name: '年度目标任务完成', dimension: 'WORK', kind: 'add', points: 60, adjustable: true, capPerEntry: 60, capPerYear: 60, evidenceRequired: true, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'] },
      { code: 'WORK.2', name: '重点工作推进（征地拆迁等）', dimension: 'WORK', kind: 'add', points: 20, adjustable: true, capPerEntry: 20, capPerYear: 20, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'] },
      { code: 'WORK.3', name: '遵守《社区干部管理规定》', dimension: 'WORK', kind: 'add', points: 20, adjustable: true, capPerEntry: 20, capPerYear: 20, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'], description: '上班、请假、报告等日常行为规范' },
      { code: 'WORK.X', name: '违反日常管理规定', dimension: 'WORK', kind: 'subtract', points: 2, adjustable: true, capPerEntry: 10, capPerYear: 20, evidenceRequired: true, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'] },
      { code: 'SATIS.1', name: '述职述廉评议满意度', dimension: 'SATIS', kind: 'add', points: 60, adjustable: true, capPerEntry: 60, capPerYear: 60, evidenceRequired: true, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'], description: '向党员、居民代表和企业代表述职述廉并接受评议' },
      { code: 'SATIS.2', name: '“四联”民情联系服务', dimension: 'SATIS', kind: 'add', points: 40, adjustable: true, capPerEntry: 40, capPerYear: 40, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'], description: '联组、联户、联企业、联工程' },
      { code: 'SATIS.X', name: '群众有效投诉', dimension: 'SATIS', kind: 'subtract', points: 5, capPerYear: 20, evidenceRequired: true, recorderRoles: PENGBU_RECORDERS, tiers: ['CADRE'] },
    ],
    bands: [
      { code: 'UNFIT', name: '不称职', from: null, fromInclusive: false, to: 120, toInclusive: false, award: 0, actions: ['诫勉谈话'], opensTask: true },
      { code: 'BASIC', name: '基本称职', from: 120, fromInclusive: true, to: 150, toInclusive: false, award: 2000 },
      { code: 'FIT', name: '称职', from: 150, fromInclusive: true, to: 180, toInclusive: false, award: 4000 },
      { code: 'EXCELLENT', name: '优秀', from: 180, fromInclusive: true, to: null, toInclusive: false, award: 6000 },
    ],
    board: { visibleTo: 'admins', showNames: true },
  },
};

const REVIEW_RECORDERS: Role[] = ['branch_secretary', 'community_admin', 'street_admin', 'county_admin'];

/** 民主评议党员: the national yearly review, as points standing for its three steps. */
const NATIONAL_REVIEW: SchemeTemplate = {
  key: 'national-democratic-review',
  name: '民主评议党员（评定等次）',
  nameEn: 'Democratic review of party members (grades)',
  source: '全国现行民主评议党员制度：个人自评、党员互评、民主测评、组织评定；等次为优秀、合格、基本合格、不合格，优秀一般不超过参评党员的三分之一；预备党员参加评议，不评定等次。'
    + '各环节的分值和分数线为示例：评议等次最终由党组织研究确定。',
  sourceEn: 'National rules for the yearly democratic review of party members: self-assessment, peer review, democratic poll, decision by the organisation; grades excellent / competent / basically competent / not competent, excellent generally at most one third; probationary members take part but are not graded. Points and thresholds are a sample.',
  year: 2024,
  description: '以个人自评（20分）、党员互评（40分）、民主测评（40分）合计百分，按分数线提出等次建议：90分及以上优秀、70–90分合格、60–70分基本合格、60分以下不合格。'
    + '每个党支部优秀不超过参评党员的三分之一，超出者按得分调为合格。分值、分数线为示例；等次名称和三分之一比例为全国通行规定。',
  definition: {
    subject: 'member',
    baseScore: 0,
    minScore: 0,
    maxScore: 100,
    indicators: [
      { code: 'SELF', name: '个人自评', kind: 'add', points: 20, adjustable: true, capPerEntry: 20, capPerYear: 20, recorderRoles: REVIEW_RECORDERS },
      { code: 'PEER', name: '党员互评', kind: 'add', points: 40, adjustable: true, capPerEntry: 40, capPerYear: 40, recorderRoles: REVIEW_RECORDERS },
      { code: 'POLL', name: '民主测评', kind: 'add', points: 40, adjustable: true, capPerEntry: 40, capPerYear: 40, recorderRoles: REVIEW_RECORDERS },
    ],
    bands: [
      { code: 'FAIL', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['限期改正、劝其退党或除名（视情形）'], opensTask: true },
      { code: 'BASIC', name: '基本合格', from: 60, fromInclusive: true, to: 70, toInclusive: false, actions: ['教育帮助'] },
      { code: 'PASS', name: '合格', from: 70, fromInclusive: true, to: 90, toInclusive: false },
      { code: 'EXCELLENT', name: '优秀', from: 90, fromInclusive: true, to: null, toInclusive: false },
    ],
    // exactly one third: 0.3333 would allow no one in a group of 3 (3 × 0.3333 < 1)
    quotas: [{ band: 'EXCELLENT', maxShare: 1 / 3, per: 'org', demoteTo: 'PASS' }],
    gradeProbationary: false,
  },
};

/** The built-in templates, in the order they are offered. */
export const TEMPLATES: SchemeTemplate[] = [CANGQIAN_BRANCH, CANGQIAN_MEMBER_TIERED, FUCHENG_VILLAGE, PENGBU, NATIONAL_REVIEW];

/** The template of `key`, if any. */
export const templateByKey = (key: string): SchemeTemplate | undefined => TEMPLATES.find((t) => t.key === key);
