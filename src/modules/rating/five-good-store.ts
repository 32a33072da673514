/**
 * Setting an organisation's 五好 result for a year, one at a time (the 评定 dialog) or many from an
 * .xlsx file (all or nothing): who may, which organisations count and in which years, and the
 * write with its audit event. A dialog names the row version it changed; an import replaces.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { cellText, parseYesNo, type Checked, type RowChecker, type RowError } from '../excel/index.js';
import { FIVE_GOOD_ITEMS, FIVE_GOOD_NAMES, fiveGoodMet, type FiveGoodCategory, type FiveGoodItem } from './five-good.js';

/** The five parts of a result. */
export type Parts = Record<FiveGoodItem, boolean>;
/** An organisation that may be assessed, with its category. */
export type Assessable = OrgRef & { countyId: number; category: FiveGoodCategory };

/** May the actor set 五好 for an organisation at this path (the street assesses; the county decides). */
export const maySet = (actor: Actor, path: string) => can(actor, 'rating.assess', path) || can(actor, 'rating.decide', path);

type OrgFacts = { category: FiveGoodCategory | null; establishedOn: string | null };

/** Why an organisation cannot be assessed for the year, or null when it can. */
function refusal(org: OrgRef, facts: OrgFacts, year: number): AppError | null {
  if (!facts.category || org.countyId === null) {
    return errors.validation(`“${org.name}”不在“五好”评定范围内（社区、企业、机关和事业单位党组织；按组织类型和单位性质认定）`, 'the 五好 standard does not count this organisation');
  }
  if (year > +today().slice(0, 4)) return errors.validation(`${year}年尚未到来，不能评定`, 'that year has not come yet');
  if (facts.establishedOn && +facts.establishedOn.slice(0, 4) > year) return errors.validation(`“${org.name}”成立于${facts.establishedOn}，${year}年尚未成立`, 'the organisation did not exist that year');
  return null;
}

/** The organisation as assessable for the year, or the reason it is not (FORBIDDEN when the actor may not set it). */
export async function assessable(db: Db, actor: Actor, org: OrgRef, year: number): Promise<Assessable> {
  if (!maySet(actor, org.path)) throw errors.forbidden();
  const [facts] = await rows<OrgFacts>(db, sql`SELECT five_good_category AS category, to_char(established_on, 'YYYY-MM-DD') AS "establishedOn" FROM orgs WHERE id = ${org.id}`);
  const no = refusal(org, facts, year);
  if (no) throw no;
  return { ...org, countyId: org.countyId!, category: facts.category! };
}

/**
 * Writes a result and its audit event. `rowVersion`: the version a dialog changed (undefined for a
 * first result), or 'replace' for an import, which overwrites whatever is there.
 */
export async function writeFiveGood(tx: Db, actor: Actor, org: Assessable, year: number, parts: Parts, note: string | null, rowVersion: number | undefined | 'replace') {
  const met = fiveGoodMet(parts);
  const values = sql`${org.countyId}, ${org.id}, ${org.path}, ${year}, ${org.category}, ${parts.leadership}, ${parts.members}, ${parts.mechanism}, ${parts.performance}, ${parts.reputation}, ${met}, ${note}, ${actor.userId}`;
  const insert = sql`INSERT INTO five_good_ratings (county_id, org_id, org_path, year, category, leadership, members, mechanism, performance, reputation, met, note, assessed_by) VALUES (${values})`;
  const [saved] = rowVersion === undefined
    ? await rows<{ id: number; rowVersion: number }>(tx, sql`${insert} ON CONFLICT (county_id, org_id, year) DO NOTHING RETURNING id, row_version AS "rowVersion"`)
    : rowVersion === 'replace'
      ? await rows<{ id: number; rowVersion: number }>(tx, sql`${insert} ON CONFLICT (county_id, org_id, year) DO UPDATE SET category = EXCLUDED.category,
          leadership = EXCLUDED.leadership, members = EXCLUDED.members, mechanism = EXCLUDED.mechanism, performance = EXCLUDED.performance, reputation = EXCLUDED.reputation,
          met = EXCLUDED.met, note = EXCLUDED.note, assessed_by = EXCLUDED.assessed_by, row_version = five_good_ratings.row_version + 1, updated_at = now()
          RETURNING id, row_version AS "rowVersion"`)
      : await rows<{ id: number; rowVersion: number }>(tx, sql`UPDATE five_good_ratings SET category = ${org.category}, leadership = ${parts.leadership}, members = ${parts.members},
          mechanism = ${parts.mechanism}, performance = ${parts.performance}, reputation = ${parts.reputation}, met = ${met}, note = ${note}, assessed_by = ${actor.userId},
          row_version = row_version + 1, updated_at = now()
          WHERE county_id = ${org.countyId} AND org_id = ${org.id} AND year = ${year} AND row_version = ${rowVersion} RETURNING id, row_version AS "rowVersion"`);
  if (!saved) throw new AppError('VERSION_CONFLICT', '该组织本年度的“五好”评定已被他人修改，请刷新后重试', 'the result changed meanwhile: reload');
  await insertEvent(tx, { type: 'star.five_good_set', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'five_good', targetId: saved.id,
    data: { year, category: org.category, ...parts, met, ...(rowVersion === 'replace' ? { via: 'excel' } : {}) } });
  return { id: saved.id, orgId: org.id, year, category: org.category, met, rowVersion: saved.rowVersion };
}

const rowError = (n: number, column: string, message: string, messageEn: string): RowError => ({ row: n, column, message, messageEn });

/** The checker of a 五好 import of `year` under `target`, as the import runner calls it: every row checked before anything is written. */
export function fiveGoodChecker(db: Db, actor: Actor, target: OrgRef, year: number): RowChecker {
  return async (sheet, progress): Promise<Checked> => {
    const errs: RowError[] = [];
    const ready: { org: Assessable; parts: Parts; note: string | null }[] = [];
    const seen = new Map<number, number>();
    for (const [i, r] of sheet.entries()) {
      const text = (k: string) => cellText(r.get(k)).trim();
      const before = errs.length;
      const name = text('org');
      const found = name ? await rows<OrgRef & OrgFacts>(db, sql`SELECT id, path, county_id AS "countyId", kind, name, five_good_category AS category,
          to_char(established_on, 'YYYY-MM-DD') AS "establishedOn" FROM orgs WHERE (name = ${name} OR code = ${name}) AND path LIKE ${`${target.path}%`} AND NOT archived ORDER BY length(path) LIMIT 2`) : [];
      if (!name) errs.push(rowError(r.n, '党组织', '党组织必填', 'the organisation is required'));
      else if (found.length !== 1) errs.push(rowError(r.n, '党组织', found.length ? `“${name}”对应多个组织，请填组织代码` : `导入范围“${target.name}”内没有组织“${name}”`, 'organisation not found or ambiguous'));
      const parts = {} as Parts;
      for (const k of FIVE_GOOD_ITEMS) {
        const v = parseYesNo(r.get(k));
        if (typeof v !== 'boolean') errs.push(rowError(r.n, FIVE_GOOD_NAMES[k], '应填写 是 或 否', 'should be 是 or 否'));
        else parts[k] = v;
      }
      const note = text('note');
      if (note.length > 500) errs.push(rowError(r.n, '说明', '说明不超过500字', 'the note is at most 500 characters'));
      const o = found.length === 1 ? found[0] : null;
      if (o) {
        const no = !maySet(actor, o.path) ? errors.forbidden() : refusal(o, o, year);
        if (no) errs.push(rowError(r.n, '党组织', no.message, no.messageEn));
        else if (seen.has(o.id)) errs.push(rowError(r.n, '党组织', `“${o.name}”已在第${seen.get(o.id)}行出现`, 'the organisation appears twice'));
        seen.set(o.id, seen.get(o.id) ?? r.n);
      }
      if (o && errs.length === before) ready.push({ org: { id: o.id, path: o.path, countyId: o.countyId!, kind: o.kind, name: o.name, category: o.category! }, parts, note: note || null });
      if (i % 200 === 199) await progress(i + 1);
    }
    if (errs.length) return { errors: errs, write: null };
    return {
      errors: [],
      write: async (tx) => {
        for (const x of ready) await writeFiveGood(tx, actor, x.org, year, x.parts, x.note, 'replace');
        return ready.length;
      },
    };
  };
}
