/**
 * The built-in 评星晋级 standard of seed 003: 柯桥街工委[2010]31号, 附件一 绍兴县城市社区党组织“评星晋级”考评标准.
 * Group paragraphs and criterion texts are copied verbatim from the document (its ASCII `,` and `;` kept);
 * each criterion is one clause of its group's paragraph, split at `;` and at a sentence end `。`.
 * Generated once from the seed text and then checked by hand; edit only to follow a new version of the document.
 */
import type { StarStandard } from './standard.js';

/** The standard of seed 003 with the default deadlines, pay coefficients and targets. */
export const STANDARD_003: StarStandard = {
  name: '绍兴县城市社区党组织“评星晋级”考评标准',
  source: '中共柯桥街道工作委员会 柯桥街工委[2010]31号《关于在基层党组织中开展以“评星晋级”为抓手的创先争优活动的意见》（2010年6月7日）附件一：绍兴县城市社区党组织“评星晋级”考评标准',
  levels: [
    {
      stars: 1,
      groups: [
        { group: 1, text: '社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实;' },
        { group: 2, text: '建立居务监督委员会,社区班子主职干部无违法违纪案件;建立居务公开制度,公开内容全面真实,做到每月公开1次。对涉及群众利益的重大问题和群众要求公开的事项,做到随时公开、逐项公开;' },
        { group: 3, text: '已成功创建县级以上文明社区,三级以上文化社区,县级以上卫生社区;' },
        { group: 4, text: '社会治安、安全生产状况良好,不发生命案;矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实;社区综治工作室(站)达到规范化建设要求,建立群防群治队伍。' },
      ],
      criteria: [
        { code: 'L1-1-1', group: 1, text: '社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实', checks: [] },
        { code: 'L1-2-1', group: 2, text: '建立居务监督委员会,社区班子主职干部无违法违纪案件', checks: [] },
        { code: 'L1-2-2', group: 2, text: '建立居务公开制度,公开内容全面真实,做到每月公开1次', checks: [
          { kind: 'disclosureMonthly' },
        ] },
        { code: 'L1-2-3', group: 2, text: '对涉及群众利益的重大问题和群众要求公开的事项,做到随时公开、逐项公开', checks: [] },
        { code: 'L1-3-1', group: 3, text: '已成功创建县级以上文明社区,三级以上文化社区,县级以上卫生社区', checks: [
          { kind: 'titleAtLeast', title: 'civilised', level: 'county' },
          { kind: 'titleAtLeast', title: 'culture', level: 3 },
          { kind: 'titleAtLeast', title: 'health', level: 'county' },
        ] },
        { code: 'L1-4-1', group: 4, text: '社会治安、安全生产状况良好,不发生命案', checks: [
          { kind: 'noIncident', incident: 'homicide' },
        ] },
        { code: 'L1-4-2', group: 4, text: '矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实', checks: [
          { kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 },
          { kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 95 },
        ] },
        { code: 'L1-4-3', group: 4, text: '社区综治工作室(站)达到规范化建设要求,建立群防群治队伍', checks: [] },
      ],
    },
    {
      stars: 2,
      groups: [
        { group: 1, text: '社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实;居民自治机制健全,重大事务决策民主,程序规范;' },
        { group: 2, text: '居务监督委员会职责履行到位;党务、居务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件;' },
        { group: 3, text: '已成功创建县级以上文明社区,二级以上文化社区,县级以上卫生社区;' },
        { group: 4, text: '社会治安、安全生产状况良好,刑事案件与各类事故得到有效控制,不发生命案;矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实;社区综治工作室(站)达到规范化建设要求,群防群治队伍健全。' },
      ],
      criteria: [
        { code: 'L2-1-1', group: 1, text: '社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实', checks: [] },
        { code: 'L2-1-2', group: 1, text: '居民自治机制健全,重大事务决策民主,程序规范', checks: [] },
        { code: 'L2-2-1', group: 2, text: '居务监督委员会职责履行到位', checks: [] },
        { code: 'L2-2-2', group: 2, text: '党务、居务公开内容、程序、时间规范,公开栏设施整洁', checks: [] },
        { code: 'L2-2-3', group: 2, text: '居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册', checks: [] },
        { code: 'L2-2-4', group: 2, text: '制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议', checks: [] },
        { code: 'L2-2-5', group: 2, text: '社区干部无违法违纪案件', checks: [] },
        { code: 'L2-3-1', group: 3, text: '已成功创建县级以上文明社区,二级以上文化社区,县级以上卫生社区', checks: [
          { kind: 'titleAtLeast', title: 'civilised', level: 'county' },
          { kind: 'titleAtLeast', title: 'culture', level: 2 },
          { kind: 'titleAtLeast', title: 'health', level: 'county' },
        ] },
        { code: 'L2-4-1', group: 4, text: '社会治安、安全生产状况良好,刑事案件与各类事故得到有效控制,不发生命案', checks: [
          { kind: 'noIncident', incident: 'homicide' },
        ] },
        { code: 'L2-4-2', group: 4, text: '矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实', checks: [
          { kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 },
          { kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 95 },
        ] },
        { code: 'L2-4-3', group: 4, text: '社区综治工作室(站)达到规范化建设要求,群防群治队伍健全', checks: [] },
      ],
    },
    {
      stars: 3,
      groups: [
        { group: 1, text: '社区党组织和居委会班子健全,社区党组织核心作用明显,各项工作制度健全,工作职责明确,工作制度落实;居民自治机制健全,重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序;积极开展各类便民服务。' },
        { group: 2, text: '居务监督委员会组织健全,制度上墙,设施配套,运行顺畅,较好地发挥监督作用;党务、居务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件;切实抓好廉政文化进社区活动;' },
        { group: 3, text: '已成功创建县级以上文明社区,二级以上文化社区,市级以上卫生社区;' },
        { group: 4, text: '社会治安、安全生产状况良好,刑事发案总量和严重刑事犯罪活动得到有效控制,不发生重大刑事、治安案件,不发生死亡1人或重伤2人以上安全生产事故;矛盾纠纷调处率达到100%,调处成功率达到95%;基层信访“五个一”工程得到全面落实,不发生赴省及以上集体访、赴京个访;社区综治工作室(站)规范化建设达到县级示范标准,各类群防群治队伍较好发挥作用。' },
      ],
      criteria: [
        { code: 'L3-1-1', group: 1, text: '社区党组织和居委会班子健全,社区党组织核心作用明显,各项工作制度健全,工作职责明确,工作制度落实', checks: [] },
        { code: 'L3-1-2', group: 1, text: '居民自治机制健全,重大事务决策民主,程序规范', checks: [] },
        { code: 'L3-1-3', group: 1, text: '党员活动设施齐全,党员教育管理规范有序', checks: [] },
        { code: 'L3-1-4', group: 1, text: '积极开展各类便民服务', checks: [] },
        { code: 'L3-2-1', group: 2, text: '居务监督委员会组织健全,制度上墙,设施配套,运行顺畅,较好地发挥监督作用', checks: [] },
        { code: 'L3-2-2', group: 2, text: '党务、居务公开内容、程序、时间规范,公开栏设施整洁', checks: [] },
        { code: 'L3-2-3', group: 2, text: '居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册', checks: [] },
        { code: 'L3-2-4', group: 2, text: '制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议', checks: [] },
        { code: 'L3-2-5', group: 2, text: '社区干部无违法违纪案件', checks: [] },
        { code: 'L3-2-6', group: 2, text: '切实抓好廉政文化进社区活动', checks: [] },
        { code: 'L3-3-1', group: 3, text: '已成功创建县级以上文明社区,二级以上文化社区,市级以上卫生社区', checks: [
          { kind: 'titleAtLeast', title: 'civilised', level: 'county' },
          { kind: 'titleAtLeast', title: 'culture', level: 2 },
          { kind: 'titleAtLeast', title: 'health', level: 'city' },
        ] },
        { code: 'L3-4-1', group: 4, text: '社会治安、安全生产状况良好,刑事发案总量和严重刑事犯罪活动得到有效控制,不发生重大刑事、治安案件,不发生死亡1人或重伤2人以上安全生产事故', checks: [
          { kind: 'noIncident', incident: 'majorCriminalCase' },
          { kind: 'safetyAccidentBelow', deaths: 1, seriousInjuries: 2 },
        ] },
        { code: 'L3-4-2', group: 4, text: '矛盾纠纷调处率达到100%,调处成功率达到95%', checks: [
          { kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 },
          { kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 95 },
        ] },
        { code: 'L3-4-3', group: 4, text: '基层信访“五个一”工程得到全面落实,不发生赴省及以上集体访、赴京个访', checks: [
          { kind: 'noCollectivePetitionAtOrAbove', level: 'province', noBeijingIndividual: true },
        ] },
        { code: 'L3-4-4', group: 4, text: '社区综治工作室(站)规范化建设达到县级示范标准,各类群防群治队伍较好发挥作用', checks: [] },
      ],
    },
    {
      stars: 4,
      groups: [
        { group: 1, text: '社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高;社区党组织各项工作制度健全,社区重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚;' },
        { group: 2, text: '居务监督委员会积极履行工作职能,运行规范,监督有力,群众满意;党务、社务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件;切实抓好廉政文化进社区活动,工作开展有特色;' },
        { group: 3, text: '已成功创建市级以上文明社区,一级以上文化社区,市级以上卫生社区,县级学习型党组织、县报社区;' },
        { group: 4, text: '社会治安状况良好,不发生重大刑事、治安案件,刑事案件总量维持较低水平,人民群众安全感满意率较高;安全生产状况良好,不发生安全生产事故;矛盾纠纷调处率及调处成功率达到100%;基层信访“五个一”工程得到全面落实,不发生赴市及以上集体访、赴京个访;社区综治工作室(站)达到县级示范标准,各类群防群治队伍建设成效明显。' },
      ],
      criteria: [
        { code: 'L4-1-1', group: 1, text: '社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高', checks: [] },
        { code: 'L4-1-2', group: 1, text: '社区党组织各项工作制度健全,社区重大事务决策民主,程序规范', checks: [] },
        { code: 'L4-1-3', group: 1, text: '党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚', checks: [] },
        { code: 'L4-2-1', group: 2, text: '居务监督委员会积极履行工作职能,运行规范,监督有力,群众满意', checks: [] },
        { code: 'L4-2-2', group: 2, text: '党务、社务公开内容、程序、时间规范,公开栏设施整洁', checks: [] },
        { code: 'L4-2-3', group: 2, text: '居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册', checks: [] },
        { code: 'L4-2-4', group: 2, text: '制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议', checks: [] },
        { code: 'L4-2-5', group: 2, text: '社区干部无违法违纪案件', checks: [] },
        { code: 'L4-2-6', group: 2, text: '切实抓好廉政文化进社区活动,工作开展有特色', checks: [] },
        { code: 'L4-3-1', group: 3, text: '已成功创建市级以上文明社区,一级以上文化社区,市级以上卫生社区,县级学习型党组织、县报社区', checks: [
          { kind: 'titleAtLeast', title: 'civilised', level: 'city' },
          { kind: 'titleAtLeast', title: 'culture', level: 1 },
          { kind: 'titleAtLeast', title: 'health', level: 'city' },
          { kind: 'titleAtLeast', title: 'learningParty', level: 'county' },
          { kind: 'titleAtLeast', title: 'countyReport', level: 'county' },
        ] },
        { code: 'L4-4-1', group: 4, text: '社会治安状况良好,不发生重大刑事、治安案件,刑事案件总量维持较低水平,人民群众安全感满意率较高', checks: [
          { kind: 'noIncident', incident: 'majorCriminalCase' },
        ] },
        { code: 'L4-4-2', group: 4, text: '安全生产状况良好,不发生安全生产事故', checks: [
          { kind: 'noIncident', incident: 'safetyAccident' },
        ] },
        { code: 'L4-4-3', group: 4, text: '矛盾纠纷调处率及调处成功率达到100%', checks: [
          { kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 },
          { kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 100 },
        ] },
        { code: 'L4-4-4', group: 4, text: '基层信访“五个一”工程得到全面落实,不发生赴市及以上集体访、赴京个访', checks: [
          { kind: 'noCollectivePetitionAtOrAbove', level: 'city', noBeijingIndividual: true },
        ] },
        { code: 'L4-4-5', group: 4, text: '社区综治工作室(站)达到县级示范标准,各类群防群治队伍建设成效明显', checks: [] },
      ],
    },
    {
      stars: 5,
      groups: [
        { group: 1, text: '社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高;社区党组织各项工作制度健全,社区重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚,党员先锋模范作用明显;达到“县级和谐社区”创建标准;' },
        { group: 2, text: '加强党务、居务公开民主管理规范化建设,居务监督委员会工作出色,居民群众的知情权、参与权、决策权有效保障;加强社区党组织党风廉政建设,注重廉政教育,制度科学合理,程序规范配套,建立健全社区党风廉政建设工作台帐。社区党风廉政建设工作成效显著,示范性强,达到“县级廉政文化建设示范点”标准;' },
        { group: 3, text: '成功创建省级以上文明社区,一级以上文化社区,省级以上卫生社区,县级学习型党组织、县报社区;' },
        { group: 4, text: '社会治安状况好,不发生重大刑事、治安案件,不发生“黄、赌、毒”社会丑恶现象,刑事案件总量维持低水平,人民群众安全感满意率高;安全生产状况好,不发生安全生产事故;矛盾纠纷调处率及调处成功率达到100% ;基层信访“五个一”工程得到全面落实,不发生赴县及以上集体访、赴京个访;社区综治工作室(站)达到县级示范标准,社区综治基层基础、群防群治工作成效显著。' },
      ],
      criteria: [
        { code: 'L5-1-1', group: 1, text: '社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高', checks: [] },
        { code: 'L5-1-2', group: 1, text: '社区党组织各项工作制度健全,社区重大事务决策民主,程序规范', checks: [] },
        { code: 'L5-1-3', group: 1, text: '党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚,党员先锋模范作用明显', checks: [] },
        { code: 'L5-1-4', group: 1, text: '达到“县级和谐社区”创建标准', checks: [
          { kind: 'titleAtLeast', title: 'harmony', level: 'county' },
        ] },
        { code: 'L5-2-1', group: 2, text: '加强党务、居务公开民主管理规范化建设,居务监督委员会工作出色,居民群众的知情权、参与权、决策权有效保障', checks: [] },
        { code: 'L5-2-2', group: 2, text: '加强社区党组织党风廉政建设,注重廉政教育,制度科学合理,程序规范配套,建立健全社区党风廉政建设工作台帐', checks: [] },
        { code: 'L5-2-3', group: 2, text: '社区党风廉政建设工作成效显著,示范性强,达到“县级廉政文化建设示范点”标准', checks: [
          { kind: 'titleAtLeast', title: 'integrityModel', level: 'county' },
        ] },
        { code: 'L5-3-1', group: 3, text: '成功创建省级以上文明社区,一级以上文化社区,省级以上卫生社区,县级学习型党组织、县报社区', checks: [
          { kind: 'titleAtLeast', title: 'civilised', level: 'province' },
          { kind: 'titleAtLeast', title: 'culture', level: 1 },
          { kind: 'titleAtLeast', title: 'health', level: 'province' },
          { kind: 'titleAtLeast', title: 'learningParty', level: 'county' },
          { kind: 'titleAtLeast', title: 'countyReport', level: 'county' },
        ] },
        { code: 'L5-4-1', group: 4, text: '社会治安状况好,不发生重大刑事、治安案件,不发生“黄、赌、毒”社会丑恶现象,刑事案件总量维持低水平,人民群众安全感满意率高', checks: [
          { kind: 'noIncident', incident: 'majorCriminalCase' },
          { kind: 'noIncident', incident: 'viceCase' },
        ] },
        { code: 'L5-4-2', group: 4, text: '安全生产状况好,不发生安全生产事故', checks: [
          { kind: 'noIncident', incident: 'safetyAccident' },
        ] },
        { code: 'L5-4-3', group: 4, text: '矛盾纠纷调处率及调处成功率达到100%', checks: [
          { kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 },
          { kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 100 },
        ] },
        { code: 'L5-4-4', group: 4, text: '基层信访“五个一”工程得到全面落实,不发生赴县及以上集体访、赴京个访', checks: [
          { kind: 'noCollectivePetitionAtOrAbove', level: 'county', noBeijingIndividual: true },
        ] },
        { code: 'L5-4-5', group: 4, text: '社区综治工作室(站)达到县级示范标准,社区综治基层基础、群防群治工作成效显著', checks: [] },
      ],
    },
  ],
  vetoFrom: 4,
  vetoes: [
    { code: 'V1', text: '违反计划生育有关规定' },
    { code: 'V2', text: '受到上级党委通报批评及以上组织措施' },
    { code: 'V3', text: '存在其他不符合条件的情形' },
  ],
  noticeWorkingDays: 5,
  stepWorkingDays: { streetAssess: 10, countyReview: 10, answerObjection: 5 },
  remindBeforeWorkingDays: 2,
  payCoefficients: { 1: 0.8, 2: 0.9, 3: 1.0, 4: 1.1, 5: 1.2 },
  projectFunds: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
  innovationAward: { enabled: false, amount: 0 },
  targets: { threeStarShare: 0.8, fiveStarShare: 0.2, fiveGoodCommunityShare: 0.6, fiveGoodOrganShare: 0.7 },
};
