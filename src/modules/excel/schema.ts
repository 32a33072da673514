/** Request schemas, limits and the column layouts of the Excel templates, imports and exports. */
import { z } from 'zod';
import { PARTY_STATES, WORK_STATES } from '../../platform/db/schema.js';
import { AuditQuery } from '../../platform/audit/routes.js';
import { Id } from '../org/schema.js';
import { ListQuery, ResidentListQuery } from '../people/schema.js';

/** Uploads larger than this are refused (the multipart limit itself is 20 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Data rows one import may hold. */
export const MAX_IMPORT_ROWS = 50_000;
/** Rows one export may hold. */
export const MAX_EXPORT_ROWS = 100_000;
/** Row errors kept on a failed job (the audit event has the full count). */
export const MAX_KEPT_ERRORS = 1000;
/** The MIME type of .xlsx files. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** ?orgId= of an import: the subtree the rows go into. */
export const ImportQuery = z.strictObject({ orgId: Id });
/** ?orgId= of a template: optional, fills the drop-down of organisations in that subtree. */
export const TemplateQuery = z.strictObject({ orgId: Id.optional() });
/** The filters of GET /members, without paging. */
export const MemberExportQuery = ListQuery.omit({ page: true, pageSize: true });
/** The filters of GET /residents, without paging. */
export const ResidentExportQuery = ResidentListQuery.omit({ page: true, pageSize: true });
/** ?orgId= of the organisation export: the subtree (default: the caller's whole scope). */
export const OrgExportQuery = z.strictObject({ orgId: Id.optional() });
/** The filters of GET /audit, without paging. */
export const AuditExportQuery = AuditQuery.omit({ page: true, pageSize: true });

/** One problem of an uploaded file: Excel row number (1 = the header row, 0 = the file as a whole) and Chinese column header. */
export const RowError = z.object({ row: z.number().int(), column: z.string(), message: z.string(), messageEn: z.string() });
/** One problem of an uploaded file, as stored on the job. */
export type RowError = z.infer<typeof RowError>;

/** What GET /imports/:id answers. */
export const ImportJobView = z.object({
  id: z.number(), kind: z.string(), status: z.enum(['running', 'failed', 'done']), total: z.number(), done: z.number(),
  errors: z.array(RowError), createdAt: z.date(), finishedAt: z.date().nullable(),
});

/** What an import creates. */
export type ImportKind = 'members' | 'orgs' | 'points' | 'five_good' | 'households';

/** How a column's cells are read. */
export type ColumnKind = 'text' | 'date' | 'enum' | 'bool' | 'idNumber' | 'phone' | 'org';

/** One column of a template: the Chinese header, the field it fills, and how it is checked and explained. */
export type Column = {
  key: string;
  header: string;
  kind: ColumnKind;
  required?: boolean;
  options?: readonly string[];
  /** Options offered in the drop-down but not enforced (other values allowed). */
  suggest?: boolean;
  width?: number;
  note: string;
  example: string;
};

/** The enumerations of the member sheet, as their drop-downs offer them. */
export const GENDERS = ['男', '女'] as const;
export const CATEGORIES = ['正式党员', '预备党员'] as const;
export const YES_NO = ['是', '否'] as const;
export const EDUCATIONS = ['小学及以下', '初中', '高中', '中专', '大学专科', '大学本科', '研究生'] as const;
/** The 56 nationalities, offered in the 民族 drop-down. */
export const ETHNICITIES = ('汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 '
  + '水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 '
  + '保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族').split(' ');

/** Organisation kinds an import may create, by Chinese label. */
export const IMPORTABLE_ORG_KINDS = ['street', 'town', 'community', 'village', 'party_committee', 'general_branch', 'branch', 'joint_branch', 'group'] as const;

/** The member template and import, in sheet order. */
export const MEMBER_COLUMNS: Column[] = [
  { key: 'name', header: '姓名', kind: 'text', required: true, width: 12, note: '必填，不超过50字', example: '张三（示例）' },
  { key: 'gender', header: '性别', kind: 'enum', options: GENDERS, width: 8, note: '男/女；不填时按身份证号', example: '男' },
  { key: 'ethnicity', header: '民族', kind: 'text', options: ETHNICITIES, suggest: true, width: 10, note: '如“汉族”；不填为汉族', example: '汉族' },
  { key: 'birthDate', header: '出生日期', kind: 'date', width: 12, note: '日期，如 1980-01-01；不填时按身份证号', example: '1980-01-01' },
  { key: 'idNumber', header: '身份证号', kind: 'idNumber', width: 21, note: '18位，末位可为X；请按文本格式填写，同一县（区）内不得重复', example: '110101198001010010' },
  { key: 'phone', header: '手机号', kind: 'phone', width: 14, note: '11位手机号或带区号的固定电话', example: '13800138000' },
  { key: 'education', header: '学历', kind: 'text', options: EDUCATIONS, suggest: true, width: 12, note: '可从下拉中选择', example: '大学本科' },
  { key: 'category', header: '党员类别', kind: 'enum', options: CATEGORIES, width: 12, note: '正式党员/预备党员；不填为正式党员', example: '正式党员' },
  { key: 'joinDate', header: '入党日期', kind: 'date', required: true, width: 12, note: '必填；入党时须年满18周岁', example: '2005-07-01' },
  { key: 'fullDate', header: '转正日期', kind: 'date', width: 12, note: '正式党员必填，预备党员不填', example: '2006-07-01' },
  { key: 'post', header: '职务', kind: 'text', width: 12, note: '不超过50字', example: '' },
  { key: 'workplace', header: '工作单位', kind: 'text', width: 20, note: '不超过100字', example: '某某公司' },
  { key: 'partyState', header: '党籍状态', kind: 'enum', options: PARTY_STATES, width: 10, note: `${PARTY_STATES.join('/')}；不填为正常`, example: '正常' },
  { key: 'workState', header: '工作状态', kind: 'enum', options: WORK_STATES, width: 12, note: `${WORK_STATES.join('/')}；不填为在职`, example: '在职' },
  { key: 'flowing', header: '流动党员', kind: 'bool', options: YES_NO, width: 10, note: '是/否；不填为否', example: '否' },
  { key: 'tier', header: '分层', kind: 'text', width: 10, note: '不超过30字', example: '' },
  { key: 'org', header: '所在党组织', kind: 'org', width: 24, note: '导入范围内党组织的名称或组织代码；不填则编入导入时所选的组织（须为党组织）', example: '' },
];

/** The organisation template and import, in sheet order. */
export const ORG_COLUMNS: Column[] = [
  { key: 'name', header: '组织名称', kind: 'text', required: true, width: 24, note: '必填，不超过100字', example: '第一党支部（示例）' },
  { key: 'kind', header: '组织类别', kind: 'enum', required: true, width: 12, note: '必填，如 党支部、党总支、党委、党小组、社区', example: '党支部' },
  { key: 'parent', header: '上级组织', kind: 'org', width: 24, note: '导入范围内已有组织或本表上方各行组织的名称或组织代码；不填则为导入时所选的组织', example: '' },
  { key: 'code', header: '组织代码', kind: 'text', width: 16, note: '字母、数字和连字符，全系统唯一；可不填', example: '' },
  { key: 'establishedOn', header: '成立日期', kind: 'date', width: 12, note: '日期，如 2010-07-01', example: '2010-07-01' },
  { key: 'secretaryName', header: '书记', kind: 'text', width: 10, note: '不超过50字', example: '' },
  { key: 'contactPhone', header: '联系电话', kind: 'phone', width: 14, note: '5–20位数字', example: '' },
  { key: 'address', header: '地址', kind: 'text', width: 30, note: '不超过200字', example: '' },
];

/** The points template and import (积分台账): who, which indicator, when, and the evidence. */
export const POINTS_COLUMNS: Column[] = [
  { key: 'name', header: '姓名', kind: 'text', width: 10, note: '可不填；填写时须与党员信息一致，用于核对', example: '张三（示例）' },
  { key: 'idNumber', header: '身份证号', kind: 'idNumber', width: 21, note: '党员的身份证号；与“党员编号”填其一', example: '110101198001010010' },
  { key: 'memberId', header: '党员编号', kind: 'text', width: 10, note: '系统中的党员编号（名册中可查）；与身份证号填其一', example: '' },
  { key: 'org', header: '考核组织', kind: 'org', width: 24, note: '组织考核方案填写被考核组织的名称或代码；党员考核方案不填', example: '' },
  { key: 'indicator', header: '指标代码', kind: 'text', required: true, width: 12, note: '方案中的指标代码，可从下拉中选择', example: '' },
  { key: 'points', header: '分值', kind: 'text', width: 8, note: '不填按指标规定分值；可调整的指标可填其他分值（减分填负数）', example: '' },
  { key: 'occurredOn', header: '日期', kind: 'date', required: true, width: 12, note: '发生日期，如 2026-03-01；决定计入的年度', example: '2026-03-01' },
  { key: 'evidence', header: '佐证说明', kind: 'text', width: 30, note: '不超过1000字；须佐证的指标必填', example: '参加党课学习' },
];

/** The 五好 template and import: one row per organisation, the five parts 是/否. */
export const FIVE_GOOD_COLUMNS: Column[] = [
  { key: 'org', header: '党组织', kind: 'org', required: true, width: 28, note: '导入范围内党组织的名称或组织代码（社区、企业、机关和事业单位党组织）', example: '某某社区（示例）' },
  ...([['leadership', '领导班子好'], ['members', '党员队伍好'], ['mechanism', '工作机制好'], ['performance', '工作业绩好'], ['reputation', '群众反映好']] as const)
    .map(([key, header]): Column => ({ key, header, kind: 'bool', required: true, width: 12, options: YES_NO, note: '是 或 否', example: '是' })),
  { key: 'note', header: '说明', kind: 'text', width: 30, note: '不超过500字', example: '' },
];

/** The households template and import (住户, 民情档案's roster): one row per household of the chosen community, placed in one of its grids. */
export const HOUSEHOLD_COLUMNS: Column[] = [
  { key: 'address', header: '地址', kind: 'text', required: true, width: 30, note: '必填，不超过200字；同一社区内地址不得重复', example: '幸福路3幢2单元301（示例）' },
  { key: 'grid', header: '网格', kind: 'text', width: 14, suggest: true, note: '该社区已有网格的名称，可从下拉中选择；可不填', example: '第一片区' },
  { key: 'building', header: '楼栋', kind: 'text', width: 10, note: '不超过20字', example: '3幢' },
  { key: 'unitNo', header: '单元', kind: 'text', width: 10, note: '不超过20字', example: '2单元' },
  { key: 'room', header: '门牌号', kind: 'text', width: 10, note: '不超过20字', example: '301' },
  { key: 'headName', header: '户主', kind: 'text', width: 10, note: '不超过50字', example: '张三' },
  { key: 'tags', header: '标签', kind: 'text', width: 24, note: '如 独居、空巢、低保、残疾、困难家庭；多个用顿号或逗号分隔，至多10个，每个不超过10字', example: '独居、空巢' },
];

/** The sheet that holds the data rows of each template. */
export const DATA_SHEET: Record<ImportKind, string> = { members: '党员信息', orgs: '组织信息', points: '积分记录', five_good: '五好评定', households: '住户信息' };
/** The file names of the templates. */
export const TEMPLATE_FILE: Record<ImportKind, string> = { members: '党员信息导入模板.xlsx', orgs: '组织信息导入模板.xlsx', points: '积分记录导入模板.xlsx', five_good: '五好评定导入模板.xlsx', households: '住户信息导入模板.xlsx' };

