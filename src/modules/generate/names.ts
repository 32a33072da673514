/**
 * Chinese personal names, place names and organisation names for generated data. Surnames are
 * weighted by their approximate share of the population; given names follow the fashions of
 * the person's birth decade.
 */
import { Rng, WeightedTable } from './random.js';

/** Common surnames with their approximate share of the population (per cent). */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.12], ['李', 7.06], ['张', 6.74], ['刘', 5.38], ['陈', 4.53], ['杨', 3.08], ['赵', 2.29],
  ['黄', 2.23], ['周', 2.12], ['吴', 2.05], ['徐', 1.67], ['孙', 1.54], ['胡', 1.31], ['朱', 1.26],
  ['高', 1.21], ['林', 1.18], ['何', 1.17], ['郭', 1.15], ['马', 1.05], ['罗', 0.86], ['梁', 0.84],
  ['宋', 0.81], ['郑', 0.78], ['谢', 0.72], ['韩', 0.68], ['唐', 0.66], ['冯', 0.65], ['于', 0.62],
  ['董', 0.61], ['肖', 0.59], ['程', 0.57], ['曹', 0.57], ['袁', 0.54], ['邓', 0.54], ['许', 0.53],
  ['傅', 0.51], ['沈', 0.5], ['曾', 0.5], ['彭', 0.49], ['吕', 0.47], ['苏', 0.46], ['卢', 0.46],
  ['蒋', 0.46], ['蔡', 0.45], ['贾', 0.41], ['丁', 0.4], ['魏', 0.39], ['薛', 0.37], ['叶', 0.37],
  ['阎', 0.36], ['余', 0.36], ['潘', 0.35], ['杜', 0.34], ['戴', 0.34], ['夏', 0.33], ['钟', 0.33],
  ['汪', 0.32], ['田', 0.32], ['任', 0.31], ['姜', 0.31], ['范', 0.3], ['方', 0.3], ['石', 0.29],
  ['姚', 0.28], ['谭', 0.28], ['廖', 0.27], ['邹', 0.27], ['熊', 0.26], ['金', 0.26], ['陆', 0.25],
  ['郝', 0.25], ['孔', 0.24], ['白', 0.24], ['崔', 0.23], ['康', 0.23], ['毛', 0.22], ['邱', 0.22],
  ['秦', 0.22], ['江', 0.21], ['史', 0.21], ['顾', 0.2], ['侯', 0.2], ['邵', 0.2], ['孟', 0.19],
  ['龙', 0.19], ['万', 0.18], ['段', 0.18], ['章', 0.17], ['钱', 0.17], ['汤', 0.17], ['尹', 0.16],
  ['黎', 0.16], ['易', 0.16], ['常', 0.15], ['武', 0.15], ['乔', 0.15], ['贺', 0.15], ['赖', 0.14],
  ['龚', 0.14], ['文', 0.13], ['欧阳', 0.05], ['上官', 0.01], ['司马', 0.01], ['诸葛', 0.005],
];

const MALE_CHARS = '伟强磊军勇杰涛明超刚平辉鹏华飞斌波宇浩凯健俊帆旭宁龙林阳国建文东海成峰志永新春亮兵荣光德坤晨博睿轩泽宏毅诚嘉振彬松斌良金忠庆祥'.split('');
const FEMALE_CHARS = '芳娜敏静丽艳娟霞燕玲英秀兰萍红梅琳婷雪慧倩洁颖佳欣怡悦璐晶莉丹蓉琴云凤珍春月薇瑶萱涵妍琪桂玉素翠'.split('');
const WHOLE_NAMES = {
  old: { 男: ['建国', '建华', '国庆', '国强', '建军', '卫国', '卫东', '志刚', '志强', '德明', '德福', '永福', '金生', '长林', '福生'], 女: ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '淑珍', '凤英', '玉梅', '秀珍', '素珍', '翠兰', '桂芳', '玉珍', '凤兰', '金花'] },
  mid: { 男: ['建平', '海波', '志勇', '晓东', '国华', '红军', '立新', '小平', '伟民', '文斌', '海涛', '建伟', '永强', '春雷', '晓峰'], 女: ['丽华', '红梅', '海燕', '晓燕', '丽娟', '美玲', '春燕', '晓红', '玉洁', '小红', '丽萍', '雪梅', '秀云', '慧敏', '晓丽'] },
  young: { 男: ['子涵', '浩然', '梓轩', '宇轩', '一鸣', '子豪', '皓轩', '俊杰', '思源', '博文', '天佑', '煜城', '嘉懿', '明轩', '铭泽'], 女: ['欣怡', '梓涵', '雨涵', '诗涵', '一诺', '若汐', '语桐', '梓萱', '可馨', '思彤', '佳怡', '雨欣', '紫萱', '梦瑶', '晨曦'] },
} as const;

const surnameTable = new WeightedTable(SURNAMES);

/** The set of surnames the generator uses, for plausibility checks. */
export const SURNAME_SET: ReadonlySet<string> = new Set(SURNAMES.map(([s]) => s));

/** A full name (surname + 1–2 character given name) for a person of the given gender born in `birthYear`. */
export function personName(rng: Rng, gender: '男' | '女', birthYear: number): string {
  const surname = surnameTable.draw(rng);
  const era = birthYear < 1960 ? 'old' : birthYear < 1990 ? 'mid' : 'young';
  const single = rng.chance(era === 'young' ? 0.15 : surname.length === 2 ? 0.5 : 0.32);
  const chars = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
  if (single) return surname + rng.pick(chars);
  if (rng.chance(0.3)) return surname + rng.pick(WHOLE_NAMES[era][gender]);
  const first = rng.pick(chars);
  let second = rng.pick(chars);
  if (second === first && (gender === '男' || rng.chance(0.7))) second = rng.pick(chars);
  return surname + first + second;
}

const PLACE_FIRST = '东西南北新清长安和平永兴福金青白龙凤桃柳梅松竹湖江石沙桥塘华明宁丰康泰乐庆景文德仁春阳云星天广临仓良古翠嘉锦宝双三五九'.split('');
const PLACE_SECOND = '湖溪山河桥塘港湾田林园华明宁丰康泰乐庆兴安城门坊里浦口岭坪洲源阳江亭苑庄埠'.split('');

/** A two-character place name not yet in `taken` (which it then records). */
export function placeName(rng: Rng, taken: Set<string>): string {
  for (let i = 0; i < 200; i++) {
    const a = rng.pick(PLACE_FIRST);
    const b = rng.pick(PLACE_SECOND);
    if (a === b || taken.has(a + b)) continue;
    taken.add(a + b);
    return a + b;
  }
  // Very crowded parents fall back to three characters.
  for (;;) {
    const n = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND) + rng.pick(PLACE_SECOND);
    if (!taken.has(n)) { taken.add(n); return n; }
  }
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (1–999). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest);
  return DIGITS[Math.floor(n / 100)] + '百' + tail;
}

/** Kinds of 驻区单位 (the schema's CHECK values). */
export type UnitKind = '机关' | '事业单位' | '企业' | '非公企业' | '社会组织';

const UNIT_PATTERNS: Record<UnitKind, readonly string[]> = {
  机关: ['派出所', '市场监督管理所', '税务所', '司法所', '供电所', '城管中队', '自然资源所'],
  事业单位: ['小学', '中学', '幼儿园', '社区卫生服务中心', '文化站', '卫生院', '图书馆分馆'],
  企业: ['供销合作社', '农商银行支行', '邮政支局', '自来水公司营业所', '燃气有限公司', '建设集团有限公司'],
  非公企业: ['科技有限公司', '贸易有限公司', '电子有限公司', '机械制造有限公司', '纺织有限公司', '食品有限公司', '物流有限公司', '物业管理有限公司', '餐饮管理有限公司', '新材料有限公司', '建材有限公司', '文化传媒有限公司'],
  社会组织: ['老年协会', '志愿者协会', '文体协会', '社会工作服务中心', '慈善分会', '调解协会'],
};

/** A unit (驻区单位) name of the given kind, based on a place name. */
export function unitName(rng: Rng, kind: UnitKind, place: string): string {
  const pattern = rng.pick(UNIT_PATTERNS[kind]);
  if (kind === '非公企业') {
    const brand = rng.pick(PLACE_FIRST) + rng.pick('达信诚源鑫泰盛丰华远辉宏瑞博恒'.split(''));
    return place + brand + pattern;
  }
  return place + pattern;
}

const FIELDS = ['科技', '贸易', '建设', '电子', '机械', '食品', '物流', '医药', '环保', '信息技术'];

/** A plausible outside workplace (for members who work beyond their community). */
export function workplaceName(rng: Rng, place: string): string {
  return rng.weighted([
    [`${place}${rng.pick(FIELDS)}有限公司`, 5],
    [`${place}${rng.pick(['小学', '中学', '人民医院', '中心卫生院'])}`, 2],
    [`${place}${rng.pick(['街道办事处', '镇人民政府', '财政所', '农业服务中心'])}`, 1],
  ]);
}
