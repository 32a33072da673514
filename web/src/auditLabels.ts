/** Readable names of audit event types and a one-glance summary of an event's data. */
import type { Lang } from './i18n.ts';

const SUBJECTS: Record<string, [string, string]> = {
  auth: ['登录认证', 'Auth'], session: ['会话', 'Session'], user: ['账号', 'Account'], grant: ['授权', 'Grant'],
  org: ['组织', 'Organisation'], member: ['党员', 'Member'], resident: ['群众', 'Resident'], team: ['队伍', 'Team'],
  import: ['导入', 'Import'], export: ['导出', 'Export'], security: ['安全策略', 'Security'], policy: ['安全策略', 'Policy'],
  audit: ['审计', 'Audit'], token: ['API令牌', 'API token'], totp: ['动态口令', 'One-time code'], password: ['密码', 'Password'],
  unit: ['驻区单位', 'Unit'], settings: ['设置', 'Settings'], demo: ['演示数据', 'Demo data'], file: ['附件', 'File'], job: ['后台任务', 'Job'], grid: ['网格', 'Grid'], notification: ['通知', 'Notification'], system: ['系统', 'System'],
  scheme: ['考核方案', 'Scheme'], points: ['积分', 'Points'], run: ['年终考评', 'Run'], task: ['整改处置任务', 'Task'],
  star: ['评星晋级', 'Star rating'], calendar: ['工作日历', 'Calendar'], eval: ['民主评议', 'Evaluation'], commitment: ['公开承诺', 'Commitments'], post: ['设岗定责', 'Posts'], vanguard: ['先锋承诺评价', 'Vanguard review'],
};

const VERBS: Record<string, [string, string]> = {
  create: ['新增', 'created'], created: ['新增', 'created'], update: ['修改', 'updated'], updated: ['修改', 'updated'],
  delete: ['删除', 'deleted'], deleted: ['删除', 'deleted'], move: ['调整隶属关系', 'moved'], moved: ['调整隶属关系', 'moved'],
  read_sensitive: ['查看完整号码', 'viewed full numbers'], sensitive_read: ['查看完整号码', 'viewed full numbers'],
  login: ['登录', 'login'], login_failed: ['登录失败', 'login failed'], logout: ['退出登录', 'logout'], locked: ['账号锁定', 'locked'],
  unlock: ['解锁', 'unlocked'], unlocked: ['解锁', 'unlocked'], disable: ['停用', 'disabled'], disabled: ['停用', 'disabled'],
  enable: ['启用', 'enabled'], enabled: ['启用', 'enabled'], grant: ['授权', 'granted'], granted: ['授权', 'granted'],
  revoke: ['撤销', 'revoked'], revoked: ['撤销', 'revoked'], reset_password: ['重置密码', 'password reset'], password_reset: ['重置密码', 'password reset'],
  password_changed: ['修改密码', 'password changed'], change_password: ['修改密码', 'password changed'], changed: ['修改', 'changed'],
  totp_enabled: ['启用动态口令', 'one-time codes enabled'], started: ['开始', 'started'], finished: ['完成', 'finished'],
  done: ['完成', 'done'], failed: ['失败', 'failed'], verify: ['完整性校验', 'verified'], verified: ['完整性校验', 'verified'],
  made: ['作出承诺', 'commitment made'], progressed: ['记录进展', 'progress recorded'], closed: ['办结', 'closed'], claimed: ['认领', 'claimed'], duty: ['履职记录', 'duty recorded'], scored: ['评分', 'scored'], decided: ['评定', 'decided'],
  members: ['党员', 'members'], orgs: ['组织', 'organisations'], residents: ['群众', 'residents'], audit: ['审计日志', 'audit'],
  add_person: ['添加成员', 'person added'], remove_person: ['移除成员', 'person removed'], expired: ['超时', 'expired'],
  person_added: ['添加成员', 'person added'], person_removed: ['移除成员', 'person removed'], sensitive_viewed: ['查看完整号码', 'viewed full numbers'],
  token_created: ['创建API令牌', 'API token created'], token_revoked: ['吊销API令牌', 'API token revoked'], grant_added: ['授予角色', 'role granted'],
  grant_removed: ['撤销角色', 'role revoked'], policy_updated: ['修改安全策略', 'policy changed'], initialised: ['初始化', 'initialised'],
  version_saved: ['保存新版本', 'version saved'], archived: ['停用', 'archived'], recorded: ['记录', 'recorded'], reversed: ['冲正', 'reversed'],
  clock_set: ['调整系统日期', 'date moved'], standard_saved: ['保存评星标准', 'standard saved'], applied: ['申报', 'applied'], self_assessed: ['自评', 'self-assessed'], step: ['办理环节', 'step taken'],
  objection_lodged: ['提出异议', 'objection lodged'], objection_answered: ['答复异议', 'objection answered'], objection_contact_viewed: ['查看异议人联系方式', 'objector contact viewed'],
  five_good_set: ['评定五好', '五好 result set'], award_given: ['授予创新奖', 'award given'], award_revoked: ['撤销创新奖', 'award withdrawn'],
  confirmed: ['确认', 'confirmed'], rejected: ['退回', 'rejected'], imported: ['导入', 'imported'], awarded: ['自动记分', 'awarded'],
  computed: ['计算', 'computed'], published: ['发布', 'published'], opened: ['立项', 'opened'],
  loaded: ['载入', 'loaded'], completed: ['完成', 'completed'], uploaded: ['上传', 'uploaded'], scheduled: ['排程', 'scheduled'],
};

const WHOLE: Record<string, [string, string]> = {
  'export.created': ['导出数据', 'Data exported'], 'import.completed': ['导入完成', 'Import completed'], 'import.failed': ['导入失败', 'Import failed'],
  'system.initialised': ['系统初始化', 'System initialised'], 'demo.loaded': ['载入演示数据', 'Demo data loaded'],
  'auth.login': ['登录', 'Login'], 'auth.logout': ['退出登录', 'Logout'], 'auth.login_failed': ['登录失败', 'Login failed'], 'auth.locked': ['账号锁定', 'Account locked'],
};

/** "党员·修改" for "member.updated"; unknown types are shown as they are. */
export function eventLabel(type: string, lang: Lang): string {
  const whole = WHOLE[type];
  if (whole) return lang === 'en' ? whole[1] : whole[0];
  const [subject, ...rest] = type.split('.');
  const verb = rest.join('.');
  const s = SUBJECTS[subject];
  const v = VERBS[verb] ?? VERBS[verb.replace(/\./g, '_')];
  if (!s || !v) return type;
  return lang === 'en' ? `${s[1]} ${v[1]}` : `${s[0]}·${v[0]}`;
}

const FIELD_NAMES: Record<string, string> = {
  name: '姓名/名称', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '身份证号', phone: '手机', education: '学历',
  category: '类别', joinDate: '入党日期', fullDate: '转正日期', post: '党内职务', workplace: '工作单位', partyState: '党籍状态',
  partyStateDate: '党籍状态变更日期', workState: '工作岗位', flowing: '流动党员', tier: '分层', orgId: '所在党组织', address: '地址',
  isRepresentative: '居民代表', isNonpartyRep: '党外群众代表', shortName: '简称', code: '组织代码', secretaryName: '书记',
  contactPhone: '联系电话', electedOn: '换届日期', termYears: '任期', parentId: '上级党组织', displayName: '姓名', disabled: '停用',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short text of what changed: "字段: 旧 → 新" lines when the data carries before/after, else compact JSON. */
export function summarizeData(data: unknown): string {
  if (!isRecord(data)) return show(data);
  const changes = isRecord(data.changes) ? data.changes : null;
  if (changes) {
    return Object.entries(changes).map(([k, v]) => {
      const label = FIELD_NAMES[k] ?? k;
      if (isRecord(v) && ('from' in v || 'to' in v)) return `${label}：${show(v.from)} → ${show(v.to)}`;
      if (Array.isArray(v) && v.length === 2) return `${label}：${show(v[0])} → ${show(v[1])}`;
      return `${label}：${show(v)}`;
    }).join('\n');
  }
  if (isRecord(data.before) && isRecord(data.after)) {
    const before = data.before;
    const after = data.after;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return keys.map((k) => `${FIELD_NAMES[k] ?? k}：${show(before[k])} → ${show(after[k])}`).join('\n');
  }
  const parts = Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${FIELD_NAMES[k] ?? k}：${show(v)}`);
  if (parts.length === 0) return '—';
  const text = parts.join('；');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
