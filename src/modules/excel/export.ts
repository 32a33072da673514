/**
 * Exports to .xlsx, streamed with exceljs's streaming writer: members and residents (masked
 * ID and phone numbers only, through the same queries and filters as their lists), the
 * organisation tree of a subtree, and the audit trail. Every export is logged before it is sent.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import type { Keys } from '../../platform/crypto/sm.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/sm.js';
import { insertEvent, toStored } from '../../platform/audit/store.js';
import { auditWhere } from '../../platform/audit/routes.js';
import { can, requireAccess, requireCapability, scopePaths, type Action, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { who } from '../../platform/http/context.js';
import { ORG_KIND_LABELS } from '../org/rules.js';
import { listMembers, listResidents, type MemberView, type ResidentView } from '../people/store.js';
import { MAX_EXPORT_ROWS, XLSX_MIME, type AuditExportQuery, type MemberExportQuery, type ResidentExportQuery } from './schema.js';

/** A cell value of an exported row. */
export type Cell = string | number | boolean | null;
/** Rows to export: how many, and their pages in order. */
export type Source = { count: number; pages: AsyncGenerator<Cell[][]> };
/** Rows already read, as the one page of an export. */
export function onePage(cells: Cell[][]): Source {
  async function* pages() { yield cells; }
  return { count: cells.length, pages: pages() };
}
/** A header and column width. */
export type Head = [header: string, width: number];

const PAGE = 5000;
const yesNo = (b: boolean) => (b ? '是' : '否');

/** Pages of a paged query as rows: the first page is read at once, for the count. */
export async function paged<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>, map: (t: T) => Cell[]): Promise<Source> {
  const first = await fetch(1, PAGE);
  async function* pages(): AsyncGenerator<Cell[][]> {
    yield first.items.map(map);
    let last = first.items.length;
    for (let page = 2; last === PAGE && (page - 1) * PAGE < Math.min(first.total, MAX_EXPORT_ROWS); page++) {
      const r = await fetch(page, PAGE);
      last = r.items.length;
      yield r.items.map(map);
    }
  }
  return { count: first.total, pages: pages() };
}

/** Columns of the member export: the import template's, with masked numbers. */
export const MEMBER_HEADS: Head[] = [
  ['姓名', 12], ['性别', 6], ['民族', 10], ['出生日期', 12], ['身份证号（已脱敏）', 21], ['手机号（已脱敏）', 14], ['学历', 12], ['党员类别', 10], ['入党日期', 12],
  ['转正日期', 12], ['职务', 12], ['工作单位', 20], ['党籍状态', 10], ['工作状态', 10], ['流动党员', 8], ['分层', 10], ['所在党组织', 24],
];

/** Members inside `scope`, filtered as GET /members filters them. */
export function memberSource(db: Db, keys: Keys, scope: string[], q: z.infer<typeof MemberExportQuery>): Promise<Source> {
  return paged((page, pageSize) => listMembers(db, keys, scope, { ...q, page, pageSize }), (m: MemberView) => [
    m.name, m.gender, m.ethnicity, m.birthDate, m.idMasked, m.phoneMasked, m.education, m.category, m.joinDate, m.fullDate, m.post, m.workplace,
    m.partyState, m.workState, yesNo(m.flowing), m.tier, m.orgName,
  ]);
}

/** Columns of the resident export. */
export const RESIDENT_HEADS: Head[] = [
  ['姓名', 12], ['性别', 6], ['出生日期', 12], ['身份证号（已脱敏）', 21], ['手机号（已脱敏）', 14], ['所在社区（村）', 20], ['地址', 30], ['居民代表', 10], ['党外群众代表', 12],
];

/** Residents inside `scope`, filtered as GET /residents filters them. */
export function residentSource(db: Db, keys: Keys, scope: string[], q: z.infer<typeof ResidentExportQuery>): Promise<Source> {
  const { communityId: _c, ...filters } = q;
  return paged((page, pageSize) => listResidents(db, keys, scope, { ...filters, page, pageSize }), (r: ResidentView) => [
    r.name, r.gender, r.birthDate, r.idMasked, r.phoneMasked, r.communityName, r.address, yesNo(r.isRepresentative), yesNo(r.isNonpartyRep),
  ]);
}

/** Columns of the organisation export: the import template's, then the ids. */
export const ORG_HEADS: Head[] = [
  ['组织名称', 28], ['组织类别', 12], ['上级组织', 28], ['组织代码', 16], ['成立日期', 12], ['书记', 10], ['联系电话', 14], ['地址', 30], ['组织ID', 10], ['上级组织ID', 10],
];

type OrgOut = { id: number; name: string; kind: string; parentId: number | null; parentName: string | null; code: string | null; establishedOn: string | null; secretaryName: string | null; contactPhone: string | null; address: string | null };

/** The live organisations of the subtrees, parents before children. */
export function orgSource(db: Db, scope: string[]): Promise<Source> {
  const where = sql`${underAny(sql`o.path`, scope)} AND NOT o.archived`;
  return paged(async (page, pageSize) => ({
    items: await rows<OrgOut>(db, sql`SELECT o.id, o.name, o.kind, o.parent_id AS "parentId", p.name AS "parentName", o.code, o.established_on::text AS "establishedOn",
      o.secretary_name AS "secretaryName", o.contact_phone AS "contactPhone", o.address FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE ${where} ORDER BY o.path LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    total: page === 1 ? (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs o WHERE ${where}`))[0].n : 0,
  }), (o) => [o.name, ORG_KIND_LABELS[o.kind]?.zh ?? o.kind, o.parentName, o.code, o.establishedOn, o.secretaryName, o.contactPhone, o.address, o.id, o.parentId]);
}

/** Columns of the audit export. */
export const AUDIT_HEADS: Head[] = [
  ['时间（北京时间）', 20], ['类型', 22], ['操作人', 14], ['IP', 16], ['组织ID', 10], ['组织路径', 20], ['对象类型', 12], ['对象ID', 12], ['内容', 60], ['链', 8], ['序号', 8], ['哈希', 20],
];
const beijing = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
const MAX_CELL = 32_000;

/** Audit events as GET /audit selects them, newest first, up to the moment the export starts. */
export function auditSource(db: Db, q: z.infer<typeof AuditExportQuery>, scope: string[], orgPath?: string): Promise<Source> {
  const until = new Date();
  const where = sql`${auditWhere({ ...q, page: 1, pageSize: 1 }, scope, orgPath)} AND at <= ${until}`;
  return paged(async (page, pageSize) => ({
    items: (await rows<Record<string, unknown>>(db, sql`SELECT * FROM audit_events WHERE ${where} ORDER BY at DESC, chain, seq DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)).map(toStored),
    total: page === 1 ? (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`))[0].n : 0,
  }), (e) => [beijing(e.at), e.type, e.actorName, e.ip, e.orgId, e.orgPath, e.targetType, e.targetId, JSON.stringify(e.data).slice(0, MAX_CELL), e.chain, e.seq, e.hash]);
}

/** An .xlsx of one sheet (bold, frozen header row), written while the rows are read. */
export function xlsxStream(sheetName: string, heads: Head[], src: Source): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '先锋';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = heads.map(([, width]) => ({ width }));
  (async () => {
    const header = ws.addRow(heads.map(([h]) => h));
    header.font = { bold: true };
    header.commit();
    for await (const page of src.pages) for (const r of page) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/**
 * The subtrees an export covers and the organisation it is logged under: `orgId` when given
 * (which needs 'export' there), else every subtree where the actor may both export and read.
 */
export async function exportScope(db: Db, actor: Actor, read: Action, orgId?: number): Promise<{ scope: string[]; anchor: OrgRef | null }> {
  requireCapability(actor, read === 'audit.read' ? 'audit.read' : 'export');
  const action: Action = read === 'audit.read' ? 'audit.read' : 'export';
  if (orgId) {
    const org = (await requireAccess(db, actor, action, [orgId])).get(orgId)!;
    if (!can(actor, read, org.path)) throw new AppError('FORBIDDEN', '无权执行此操作', 'you may not do this');
    return { scope: [org.path], anchor: org };
  }
  const scope = scopePaths(actor, action).filter((p) => can(actor, read, p));
  return { scope, anchor: await anchorOf(db, actor, action, scope) };
}

/** The organisation an export of a list over `paths` is logged under: the one subtree it covers, or none when it covers several. */
export async function anchorOf(db: Db, actor: Actor, read: Action, paths: string[]): Promise<OrgRef | null> {
  const distinct = [...new Set(paths)];
  if (distinct.length !== 1) return null;
  const rootId = Number(distinct[0].split('/').filter(Boolean).pop());
  return (await requireAccess(db, actor, read, [rootId])).get(rootId)!;
}

/** Filters as logged: an ID or phone number searched for is masked. */
export function loggedFilters(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...q };
  if (typeof out.q === 'string') {
    const s = out.q.trim();
    if (/^\d{17}[\dXx]$/.test(s)) out.q = maskIdNumber(s);
    else if (/^\d{11}$/.test(s)) out.q = maskPhone(s);
  }
  return out;
}

/** `filename*` of Content-Disposition (RFC 5987), with an ASCII fallback. */
export function contentDisposition(fileName: string, fallback: string): string {
  const enc = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${enc}`;
}

/** A file name safe on every system: no path or reserved characters. */
export const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');
const stamp = () => new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10).replace(/-/g, '');

/** What to export, under which title and columns, and what to log about it. */
export type ExportSpec = { kind: string; title: string; heads: Head[]; filters: Record<string, unknown>; anchor: OrgRef | null; src: Source };

/** Refuses more than 100,000 rows, logs 'export.created' (who, what, filters, count), then streams the file. */
export async function sendExport(db: Db, reply: FastifyReply, actor: Actor, spec: ExportSpec): Promise<FastifyReply> {
  const { kind, title, anchor, src } = spec;
  if (src.count > MAX_EXPORT_ROWS) {
    throw new AppError('TOO_LARGE', `共 ${src.count} 行，超过单次导出上限 ${MAX_EXPORT_ROWS} 行，请缩小范围`, `${src.count} rows: more than ${MAX_EXPORT_ROWS}, narrow the filters`);
  }
  const fileName = `${anchor ? safeName(anchor.name) : ''}${title}_${stamp()}.xlsx`;
  await db.transaction(async (tx) => {
    await insertEvent(tx, {
      type: 'export.created', ...who(actor), countyId: anchor?.countyId ?? null, orgId: anchor?.id ?? null, orgPath: anchor?.path ?? null,
      targetType: 'export', targetId: kind, data: { kind, filters: loggedFilters(spec.filters), count: src.count, fileName },
    });
  });
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(fileName, `${kind}-${stamp()}.xlsx`))
    .header('cache-control', 'no-store')
    .send(xlsxStream(title, spec.heads, src));
}
