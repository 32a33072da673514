/**
 * Importing ledger entries from .xlsx, all or nothing: each row names a member (ID number or
 * member number) or an organisation, an indicator, a date and the evidence. Every row goes through
 * the same checks as an entry typed by hand, caps included (rows of the same file count against
 * each other: the check writes them in a transaction that is then rolled back).
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';
import { rows as sqlRows, type Db } from '../../platform/db/client.js';
import { lookupHash, type Keys } from '../../platform/crypto/sm.js';
import type { Actor, OrgRef } from '../../platform/auth/access.js';
import { notifyAll } from '../../platform/notifications/index.js';
import { cellText, parseDate, type Checked, type RowChecker, type RowError, type SheetRow } from '../excel/index.js';
import type { SchemeRow } from '../scheme/index.js';
import { prepareEntry, writeEntry, type EntryInput, type Prepared } from './ledger.js';
import { branchConfirmers } from './store.js';

const HEADERS: Record<string, string> = { memberId: '党员编号', orgId: '考核组织', indicator: '指标代码', points: '分值', occurredOn: '日期', evidence: '佐证说明', schemeId: '指标代码' };
const rowError = (n: number, column: string, message: string, messageEn: string): RowError => ({ row: n, column, message, messageEn });

/** Turns an error thrown for one row into that row's problems. */
function fromError(n: number, e: unknown): RowError[] {
  if (!(e instanceof AppError)) throw e;
  const details = Array.isArray(e.details) ? (e.details as { path?: (string | number)[]; message?: string }[]) : [];
  if (!details.length) return [rowError(n, '', e.message, e.messageEn)];
  return details.map((d) => rowError(n, HEADERS[String(d.path?.[0])] ?? '', d.message ?? e.message, e.messageEn));
}

class DryRun extends Error {}

/** The checker of a points import into `target` for `scheme`, as the import runner calls it. */
export function pointsChecker(db: Db, keys: Keys, actor: Actor, scheme: SchemeRow, target: OrgRef): RowChecker {
  return async (sheet: SheetRow[], progress): Promise<Checked> => {
    const errors: RowError[] = [];
    const inputs: { n: number; input: EntryInput }[] = [];
    for (const r of sheet) {
      const text = (k: string) => cellText(r.get(k)).trim();
      const before = errors.length;
      const date = parseDate(r.get('occurredOn'));
      if (!date.ok || !date.value) errors.push(rowError(r.n, '日期', '日期必填，格式如 2026-03-01', 'a date like 2026-03-01 is required'));
      const indicator = text('indicator');
      if (!indicator) errors.push(rowError(r.n, '指标代码', '指标代码必填', 'indicator code is required'));
      const pointsText = text('points');
      const points = pointsText === '' ? null : Number(pointsText);
      if (points !== null && !Number.isFinite(points)) errors.push(rowError(r.n, '分值', `分值“${pointsText}”不是数字`, 'points must be a number'));
      const evidence = text('evidence');
      if (evidence.length > 1000) errors.push(rowError(r.n, '佐证说明', '佐证说明不超过1000字', 'evidence is at most 1000 characters'));
      let memberId: number | null = null;
      let orgId: number | null = null;
      if (scheme.subject === 'member') {
        const idNumber = text('idNumber').toUpperCase();
        const num = text('memberId');
        const found = num
          ? await sqlRows<{ id: number; name: string; path: string }>(db, sql`SELECT id, name, org_path AS path FROM members WHERE id = ${/^\d{1,15}$/.test(num) ? Number(num) : -1}`)
          : idNumber ? await sqlRows<{ id: number; name: string; path: string }>(db, sql`SELECT id, name, org_path AS path FROM members WHERE county_id = ${target.countyId} AND id_hash = ${lookupHash(keys, idNumber)}`) : [];
        const m = found[0];
        if (!num && !idNumber) errors.push(rowError(r.n, '身份证号', '请填写身份证号或党员编号', 'give the ID number or the member number'));
        else if (!m || !m.path.startsWith(target.path)) errors.push(rowError(r.n, num ? '党员编号' : '身份证号', `导入范围“${target.name}”内没有该党员`, 'no such member in the import\'s organisation'));
        else if (text('name') && text('name') !== m.name) errors.push(rowError(r.n, '姓名', `姓名“${text('name')}”与党员信息“${m.name}”不一致`, 'the name does not match the member record'));
        else memberId = m.id;
      } else {
        const o = text('org');
        const found = o ? await sqlRows<{ id: number }>(db, sql`SELECT id FROM orgs WHERE (name = ${o} OR code = ${o}) AND path LIKE ${`${target.path}%`} AND NOT archived ORDER BY length(path) LIMIT 2`) : [];
        if (!o) errors.push(rowError(r.n, '考核组织', '组织考核方案须填写被考核组织', 'the organisation scored is required'));
        else if (found.length !== 1) errors.push(rowError(r.n, '考核组织', found.length ? `“${o}”对应多个组织，请填组织代码` : `导入范围内没有组织“${o}”`, 'organisation not found or ambiguous'));
        else orgId = found[0].id;
      }
      if (errors.length === before) inputs.push({ n: r.n, input: { schemeId: scheme.id, memberId, orgId, indicator, points, occurredOn: date.ok ? date.value! : '', evidence: evidence || null } });
    }
    if (errors.length) return { errors, write: null };
    const prepared: { n: number; input: EntryInput; p: Prepared }[] = [];
    for (const x of inputs) {
      try { prepared.push({ ...x, p: await prepareEntry(db, actor, x.input) }); } catch (e) { errors.push(...fromError(x.n, e)); }
    }
    if (errors.length) return { errors, write: null };
    try {
      await db.transaction(async (tx) => {
        for (const [i, x] of prepared.entries()) {
          try { await tx.transaction((inner) => writeEntry(inner, actor, x.p, x.input, 'excel', null, { audit: false, notify: false })); } catch (e) { errors.push(...fromError(x.n, e)); }
          if (i % 200 === 199) await progress(i + 1);
        }
        throw new DryRun();
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    if (errors.length) return { errors, write: null };
    return {
      errors: [],
      write: async (tx) => {
        const pendingByBranch = new Map<number, number>();
        for (const x of prepared) {
          const r = await writeEntry(tx, actor, x.p, x.input, 'excel', null, { audit: false, notify: false });
          if (r.status === 'pending' && x.p.subject.kind === 'member') {
            const branch = Number(x.p.subject.branchPath.split('/').filter(Boolean).pop());
            pendingByBranch.set(branch, (pendingByBranch.get(branch) ?? 0) + 1);
          }
        }
        for (const [branch, n] of pendingByBranch) {
          await notifyAll(tx, (await branchConfirmers(tx, branch)).map((c) => ({ userId: c.userId, title: `Excel 导入了 ${n} 条待确认积分`, body: `${scheme.name}，由 ${actor.displayName} 导入`, link: '/points?status=pending' })));
        }
        return prepared.length;
      },
    };
  };
}
