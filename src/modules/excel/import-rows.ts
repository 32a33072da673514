/**
 * Checking the rows of an import against the database (organisations of the target subtree,
 * duplicates of ID numbers and organisation codes) and preparing their writing. Nothing is
 * written here: a check returns either errors or a writer to run in one transaction.
 */
import { sql } from 'drizzle-orm';
import { rows, textArray, type Db } from '../../platform/db/client.js';
import { orgs } from '../../platform/db/schema.js';
import { lookupHash, type Keys } from '../../platform/crypto/sm.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { CHILD_KINDS, MEMBER_HOLDING_KINDS, ORG_KIND_LABELS } from '../org/rules.js';
import { insertOrg, type OrgRow } from '../org/store.js';
import { insertMembers, memberValues } from '../people/service.js';
import type { MemberInput } from '../people/schema.js';
import { cellText, parseMemberRow, parseOrgRow, type OrgResolver, type OrgRowValues, type Primitive, type Problem } from './parse.js';
import type { RowError } from './schema.js';

/** One data row of the sheet: its Excel row number and its cells by field key. */
export type SheetRow = { n: number; get: (key: string) => Primitive };
/** Called every few hundred rows with the number checked so far. */
export type Progress = (done: number) => Promise<void>;
/** The outcome of a check: errors, or a writer that inserts every row in the given transaction and returns the count. */
export type Checked = { errors: RowError[]; write: ((tx: Db) => Promise<number>) | null };

const PROGRESS_EVERY = 500;

/** Lets timers and I/O run: PGlite answers through microtasks only, so a long job would otherwise starve every other request. */
export const yieldToLoop = () => new Promise<void>((resolve) => { setImmediate(resolve); });
const BATCH = 1000;
const today = () => new Date().toISOString().slice(0, 10);
const err = (row: number, p: Problem): RowError => ({ row, ...p });

/** The live organisations of a subtree, root first. */
export async function subtreeOrgs(db: Db, path: string): Promise<OrgRow[]> {
  return db.select().from(orgs).where(sql`${orgs.path} LIKE ${`${path}%`} AND NOT ${orgs.archived}`).orderBy(orgs.depth, orgs.name, orgs.id);
}

/** Looks organisations up by code (any case) or by name, within a list. */
function orgIndex<T extends { name: string; code: string | null }>(list: T[]) {
  const byCode = new Map<string, T>();
  const byName = new Map<string, T[]>();
  const add = (o: T) => {
    if (o.code) byCode.set(o.code.toUpperCase(), o);
    byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  };
  list.forEach(add);
  const find = (text: string): T | 'ambiguous' | undefined => {
    const byC = byCode.get(text.toUpperCase());
    if (byC) return byC;
    const named = byName.get(text) ?? [];
    return named.length > 1 ? 'ambiguous' : named[0];
  };
  return { add, find };
}

const label = (kind: string) => ORG_KIND_LABELS[kind]?.zh ?? kind;

/** Checks member rows for an import into `target`'s subtree; on success prepares the encrypted rows. */
export async function checkMembers(db: Db, keys: Keys, target: OrgRef, sheet: SheetRow[], progress: Progress): Promise<Checked> {
  const tree = await subtreeOrgs(db, target.path);
  const index = orgIndex(tree);
  const byId = new Map(tree.map((o) => [o.id, o]));
  const usable = (o: OrgRow): { id: number } | { message: string; messageEn: string } => {
    if (!MEMBER_HOLDING_KINDS.includes(o.kind)) return { message: `“${o.name}”是${label(o.kind)}，不是党组织，党员须编入党委、党总支、党支部或党小组`, messageEn: `${o.name} is not a party organisation` };
    if (o.countyId === null) return { message: `“${o.name}”不属于任何县（区），不能直接编入党员`, messageEn: `${o.name} belongs to no county` };
    return { id: o.id };
  };
  const cache = new Map<string, ReturnType<OrgResolver>>();
  const resolveOrg: OrgResolver = (text) => {
    const hit = cache.get(text);
    if (hit) return hit;
    let r: ReturnType<OrgResolver>;
    if (!text) {
      const self = byId.get(target.id);
      r = self && MEMBER_HOLDING_KINDS.includes(self.kind) ? usable(self)
        : { message: `请填写所在党组织（导入范围“${target.name}”不是党组织）`, messageEn: `enter the party organisation: ${target.name} is not one` };
    } else {
      const o = index.find(text);
      r = o === 'ambiguous' ? { message: `“${text}”在导入范围内有多个同名组织，请填写组织代码`, messageEn: `${text} is ambiguous: use the code` }
        : !o ? { message: `导入范围“${target.name}”内没有名称或代码为“${text}”的组织`, messageEn: `no organisation ${text} under ${target.name}` }
        : usable(o);
    }
    cache.set(text, r);
    return r;
  };

  const errors: RowError[] = [];
  const ok: { row: number; input: MemberInput; hash: string | null }[] = [];
  const firstRowOfId = new Map<string, number>();
  const t = today();
  for (let i = 0; i < sheet.length; i++) {
    const { n, get } = sheet[i];
    const { input, problems } = parseMemberRow(get, { today: t, resolveOrg });
    errors.push(...problems.map((p) => err(n, p)));
    if (input) {
      const id = input.idNumber ? input.idNumber.toUpperCase() : null;
      const first = id ? firstRowOfId.get(id) : undefined;
      if (id && first !== undefined) errors.push({ row: n, column: '身份证号', message: `身份证号与第 ${first} 行重复`, messageEn: `same ID number as row ${first}` });
      else {
        if (id) firstRowOfId.set(id, n);
        ok.push({ row: n, input, hash: id ? lookupHash(keys, id) : null });
      }
    }
    if ((i + 1) % PROGRESS_EVERY === 0) await progress(i + 1);
  }

  const byCounty = new Map<number, { row: number; hash: string }[]>();
  for (const r of ok) {
    if (!r.hash) continue;
    const county = byId.get(r.input.orgId)!.countyId as number;
    byCounty.set(county, [...(byCounty.get(county) ?? []), { row: r.row, hash: r.hash }]);
  }
  for (const [county, list] of byCounty) {
    for (let i = 0; i < list.length; i += BATCH) {
      const chunk = list.slice(i, i + BATCH);
      const found = new Set((await rows<{ h: string }>(db, sql`SELECT id_hash AS h FROM members WHERE county_id = ${county} AND id_hash = ANY(${textArray(chunk.map((c) => c.hash))})`)).map((x) => x.h));
      for (const c of chunk) if (found.has(c.hash)) errors.push({ row: c.row, column: '身份证号', message: '本县（区）已有该身份证号的党员', messageEn: 'a member with this ID number exists already' });
    }
  }
  await progress(sheet.length);
  if (errors.length) return { errors: sortErrors(errors), write: null };

  const values: ReturnType<typeof memberValues>[] = [];
  for (const r of ok) {
    values.push(memberValues(keys, r.input, byId.get(r.input.orgId)!));
    if (values.length % PROGRESS_EVERY === 0) await yieldToLoop();
  }
  return {
    errors: [],
    write: async (tx) => {
      for (let i = 0; i < values.length; i += BATCH) await insertMembers(tx, values.slice(i, i + BATCH));
      return values.length;
    },
  };
}

/** A parent for a new organisation: an existing one, or an earlier row of the same file. */
type Parent = { kind: string; name: string; code: string | null; existing?: OrgRow; row?: number; failed?: boolean };

/** Checks organisation rows for an import under `target`; rows may name earlier rows as their parent. */
export async function checkOrgs(db: Db, target: OrgRef, sheet: SheetRow[], progress: Progress): Promise<Checked> {
  const tree = await subtreeOrgs(db, target.path);
  const index = orgIndex<Parent>(tree.map((o) => ({ kind: o.kind, name: o.name, code: o.code, existing: o })));
  const root = tree.find((o) => o.id === target.id);
  if (!root) return { errors: [{ row: 0, column: '', message: `导入范围“${target.name}”已撤销`, messageEn: 'the target organisation is archived' }], write: null };
  const rootParent: Parent = { kind: root.kind, name: root.name, code: root.code, existing: root };
  const childNames = new Map<Parent | OrgRow, Set<string>>();
  const namesUnder = (p: Parent): Set<string> => {
    const key = p.existing ?? p;
    if (!childNames.has(key)) childNames.set(key, new Set(p.existing ? tree.filter((o) => o.parentId === p.existing!.id).map((o) => o.name) : []));
    return childNames.get(key)!;
  };
  const fileCodes = sheet.map((r) => cellText(r.get('code'))).filter(Boolean);
  const takenCodes = new Set(fileCodes.length
    ? (await rows<{ code: string }>(db, sql`SELECT code FROM orgs WHERE upper(code) = ANY(${textArray([...new Set(fileCodes.map((c) => c.toUpperCase()))])})`)).map((r) => r.code.toUpperCase())
    : []);
  const codeRows = new Map<string, number>();

  const errors: RowError[] = [];
  const plan: { row: number; values: OrgRowValues; parent: Parent; self: Parent }[] = [];
  for (let i = 0; i < sheet.length; i++) {
    const { n, get } = sheet[i];
    const { values, parent: parentText, problems } = parseOrgRow(get);
    const rowErrors = problems.map((p) => err(n, p));
    const name = cellText(get('name'));
    const bad = (column: string, message: string, messageEn: string) => rowErrors.push({ row: n, column, message, messageEn });
    let parent: Parent | undefined = rootParent;
    if (parentText) {
      const found = index.find(parentText);
      if (found === 'ambiguous') { bad('上级组织', `“${parentText}”有多个同名组织，请填写组织代码`, `${parentText} is ambiguous: use the code`); parent = undefined; }
      else if (!found) { bad('上级组织', `导入范围“${target.name}”内及本表上方没有名称或代码为“${parentText}”的组织`, `no organisation ${parentText} here or above`); parent = undefined; }
      else if (found.failed) { bad('上级组织', `上级组织“${parentText}”（第 ${found.row} 行）有错误`, `the parent ${parentText} (row ${found.row}) has errors`); parent = undefined; }
      else parent = found;
    }
    if (values && parent) {
      if (!CHILD_KINDS[parent.kind]?.includes(values.kind)) bad('组织类别', `“${parent.name}”（${label(parent.kind)}）之下不能设${label(values.kind)}`, `a ${values.kind} cannot sit under a ${parent.kind}`);
      else if (namesUnder(parent).has(values.name)) bad('组织名称', `“${parent.name}”之下已有名为“${values.name}”的组织`, `${parent.name} already has a ${values.name}`);
    }
    if (values?.code) {
      const c = values.code.toUpperCase();
      if (takenCodes.has(c)) bad('组织代码', `组织代码“${values.code}”已被使用`, `the code ${values.code} is taken`);
      else if (codeRows.has(c)) bad('组织代码', `组织代码与第 ${codeRows.get(c)} 行重复`, `same code as row ${codeRows.get(c)}`);
      else codeRows.set(c, n);
    }
    const self: Parent = { kind: values?.kind ?? '', name: values?.name ?? name, code: values?.code ?? null, row: n, failed: rowErrors.length > 0 };
    if (self.name) index.add(self);
    if (!rowErrors.length && values && parent) {
      namesUnder(parent).add(values.name);
      plan.push({ row: n, values, parent, self });
    }
    errors.push(...rowErrors);
    if ((i + 1) % PROGRESS_EVERY === 0) await progress(i + 1);
  }
  await progress(sheet.length);
  if (errors.length) return { errors: sortErrors(errors), write: null };
  return {
    errors: [],
    write: async (tx) => {
      const created = new Map<Parent, OrgRow>();
      for (const p of plan) {
        const parentRow = p.parent.existing ?? created.get(p.parent)!;
        created.set(p.self, await insertOrg(tx, parentRow, p.values));
      }
      return plan.length;
    },
  };
}

/** Errors by row, in a stable order. */
export function sortErrors(errors: RowError[]): RowError[] {
  return errors.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i).map((x) => x.e);
}
