/**
 * Demo points for the demo street: the two 仓前 schemes copied from their templates, and a
 * deterministic ledger for last year and this year so far (each entry marked 演示数据, every cap
 * respected). Nothing is run or published: that is left to the administrator.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { insertEvent } from '../../platform/audit/store.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { Rng } from '../generate/random.js';
import { TEMPLATES } from '../scheme/templates.js';
import { createScheme } from '../scheme/service.js';
import { memberFacts, parseScheme, placeTier, appliesTo, toCents, fromCents, type SchemeDefinition, type Indicator } from '../scheme/index.js';

type Entry = { c: number; s: number; o: number; p: string; i: string; d: string; pts: string; day: string };

const day = (rng: Rng, year: number, month: number, maxDay = 28) => `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, Math.min(28, maxDay))).padStart(2, '0')}`;

/** Entries of one indicator for one subject in a year up to `lastMonth`, within every cap. */
function entriesFor(rng: Rng, x: Indicator, year: number, lastMonth: number, times: number): { month: number; cents: number }[] {
  const out: { month: number; cents: number }[] = [];
  const per = toCents(x.adjustable ? rng.int(Math.ceil(x.points / 2), Math.floor(x.capPerEntry ?? x.points)) : x.points);
  const perMonth = new Map<number, number>();
  let year_ = 0;
  for (let k = 0; k < times; k++) {
    const month = rng.int(1, lastMonth);
    const used = perMonth.get(month) ?? 0;
    if (x.capPerMonth != null && used + per > toCents(x.capPerMonth)) continue;
    if (x.capPerYear != null && year_ + per > toCents(x.capPerYear)) break;
    if (x.capPerEntry != null && per > toCents(x.capPerEntry)) break;
    perMonth.set(month, used + per);
    year_ += per;
    out.push({ month, cents: x.kind === 'add' ? per : -per });
  }
  return out;
}

async function insertEntries(tx: Db, schemeId: number, versionId: number, kind: 'member' | 'org', list: Entry[]): Promise<void> {
  for (let i = 0; i < list.length; i += 5000) {
    await tx.execute(sql`INSERT INTO point_entries (county_id, scheme_id, version_id, year, subject_kind, member_id, org_id, org_path, subject_id, indicator, dimension, points, occurred_on, evidence, source, status)
      SELECT x.c, ${schemeId}, ${versionId}, extract(year FROM x.day::date)::int, ${kind}, ${kind === 'member' ? sql`x.s` : sql`NULL`}, x.o, x.p, x.s, x.i, x.d, x.pts::numeric, x.day::date, '演示数据', 'manual', 'confirmed'
      FROM jsonb_to_recordset(${JSON.stringify(list.slice(i, i + 5000))}::jsonb) AS x(c bigint, s bigint, o bigint, p text, i text, d text, pts text, day text)`);
  }
}

/** Copies the 仓前 templates into schemes of the demo street and fills a ledger for last year and this year. */
export async function loadDemoPoints(db: Db, street: OrgRef, today = new Date()): Promise<{ schemes: number; entries: number }> {
  const year = today.getFullYear();
  const rng = new Rng(20_260_101);
  const who = { actorId: null, actorName: 'system', ip: null };
  let count = 0;
  const member = TEMPLATES.find((t) => t.key === 'cangqian-member-tiered')!;
  const branch = TEMPLATES.find((t) => t.key === 'cangqian-branch-100')!;
  return db.transaction(async (tx) => {
    const def = (parseScheme(member.definition) as { ok: true; value: SchemeDefinition }).value;
    const ms = await createScheme(tx, who, street, { code: 'cq-member', name: '党员分层量化积分（演示）', year: year - 1, source: member.source, templateKey: member.key }, def);
    const people = await rows<{ id: number; countyId: number; orgId: number; orgPath: string; birthDate: string; joinDate: string; gender: string; category: string; workState: string; post: string | null; flowing: boolean; education: string | null; tier: string | null; partyState: string }>(tx, sql`
      SELECT id, county_id AS "countyId", org_id AS "orgId", org_path AS "orgPath", birth_date AS "birthDate", join_date AS "joinDate", gender, category, work_state AS "workState",
        post, flowing, education, tier, party_state AS "partyState" FROM members WHERE org_path LIKE ${`${street.path}%`} AND party_state IN ('正常','恢复') ORDER BY id`);
    const list: Entry[] = [];
    for (const y of [year - 1, year]) {
      const lastMonth = y === year ? today.getMonth() + 1 : 12;
      for (const m of people) {
        const tier = placeTier(def, memberFacts(m, y));
        if (!tier) continue;
        const open = def.indicators.filter((x) => appliesTo(x, tier));
        const diligence = rng.next();
        for (const x of open) {
          const times = x.kind === 'add' ? Math.round(diligence * 8 * (lastMonth / 12)) : rng.next() < 0.06 ? 1 : 0;
          for (const e of entriesFor(rng, x, y, lastMonth, times)) {
            list.push({ c: m.countyId, s: m.id, o: m.orgId, p: m.orgPath, i: x.code, d: x.dimension ?? '', pts: fromCents(e.cents).toFixed(2), day: day(rng, y, e.month, y === year && e.month === lastMonth ? today.getDate() : 28) });
          }
        }
      }
    }
    await insertEntries(tx, ms.id, ms.versionId, 'member', list);
    count += list.length;
    const bdef = (parseScheme(branch.definition) as { ok: true; value: SchemeDefinition }).value;
    const bs = await createScheme(tx, who, street, { code: 'cq-branch', name: '村二级党支部百分制考核（演示）', year: year - 1, source: branch.source, templateKey: branch.key }, bdef);
    const orgs = await rows<{ id: number; countyId: number; path: string }>(tx, sql`SELECT id, county_id AS "countyId", path FROM orgs
      WHERE path LIKE ${`${street.path}%`} AND kind = ANY(${`{${bdef.orgKinds.join(',')}}`}::text[]) AND NOT archived ORDER BY id`);
    const olist: Entry[] = [];
    for (const o of orgs) {
      const quality = 0.55 + rng.next() * 0.45;
      for (const x of bdef.indicators) {
        if (x.kind === 'add') {
          const cents = Math.max(1, Math.round(toCents(x.capPerEntry ?? x.points) * Math.min(1, quality + (rng.next() - 0.5) * 0.2)));
          olist.push({ c: o.countyId, s: o.id, o: o.id, p: o.path, i: x.code, d: x.dimension ?? '', pts: fromCents(cents).toFixed(2), day: day(rng, year - 1, rng.int(10, 12)) });
        } else if (rng.next() < 0.1) {
          olist.push({ c: o.countyId, s: o.id, o: o.id, p: o.path, i: x.code, d: x.dimension ?? '', pts: (-x.points).toFixed(2), day: day(rng, year - 1, rng.int(1, 12)) });
        }
      }
    }
    await insertEntries(tx, bs.id, bs.versionId, 'org', olist);
    count += olist.length;
    await insertEvent(tx, { type: 'demo.loaded', actorName: 'system', countyId: street.countyId, orgId: street.id, orgPath: street.path, targetType: 'scheme', targetId: `${ms.id},${bs.id}`, data: { what: 'points', entries: count } });
    return { schemes: 2, entries: count };
  });
}
