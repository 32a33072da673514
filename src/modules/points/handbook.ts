/**
 * 积分手册 and 亮分: a member's entries with the running total, rank in the branch and grade so
 * far; a branch's board of scores. Both are computed from the confirmed ledger with the
 * scheme's rules, the same way a year-end run computes them.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import {
  bandOf, fromCents, memberFacts, placeTier, scoreOf, tierPlacer, type SchemeDefinition, type SchemeRow, type VersionRow,
} from '../scheme/index.js';
import * as store from './store.js';

/** Member schemes that apply at a path (the locality is an ancestor or the organisation itself). */
export function schemesAt(db: Db, path: string, subject: 'member' | 'org' = 'member'): Promise<SchemeRow[]> {
  return rows<SchemeRow>(db, sql`SELECT id, org_id AS "orgId", org_path AS "orgPath", code, name, subject, template_key AS "templateKey", archived,
      created_by AS "createdBy", created_at AS "createdAt"
    FROM schemes WHERE ${path} LIKE org_path || '%' AND subject = ${subject} AND NOT archived ORDER BY length(org_path), id`);
}

/** One row of a board. */
export type BoardRow = { memberId: number; name: string; tier: string | null; tierName: string | null; total: number; rank: number; grade: string | null; gradeName: string | null; probationary: boolean };

const byScore = (a: { cents: number; id: number }, b: { cents: number; id: number }) => b.cents - a.cents || a.id - b.id;

/** The scores of a branch's members (those the scheme places), with competition ranks and grades so far. */
export async function branchBoard(db: Db, def: SchemeDefinition, schemeId: number, year: number, branchPath: string, countyId: number): Promise<BoardRow[]> {
  const people = await store.branchMembers(db, branchPath);
  const place = tierPlacer(def, year);
  const placed = people.map((m) => ({ m, tier: place(m) })).filter((x) => !def.tiers.length || x.tier);
  const sums = await store.sumsFor(db, countyId, schemeId, year, placed.map((x) => x.m.id));
  const bySubject = new Map<number, Map<string, number>>();
  for (const s of sums) {
    const m = bySubject.get(s.subjectId) ?? new Map<string, number>();
    m.set(s.dimension, (m.get(s.dimension) ?? 0) + s.cents);
    bySubject.set(s.subjectId, m);
  }
  const scored = placed.map((x) => ({ ...x, id: x.m.id, cents: scoreOf(def, bySubject.get(x.m.id) ?? new Map()).cents })).sort(byScore);
  const out: BoardRow[] = [];
  scored.forEach((x, i) => {
    const rank = i > 0 && scored[i - 1].cents === x.cents ? out[i - 1].rank : i + 1;
    const probationary = x.m.category === '预备党员' && !def.gradeProbationary;
    const band = probationary ? null : bandOf(def, x.cents);
    out.push({ memberId: x.m.id, name: x.m.name, tier: x.tier, tierName: def.tiers.find((t) => t.code === x.tier)?.name ?? null, total: fromCents(x.cents), rank, grade: band?.code ?? null, gradeName: band?.name ?? null, probationary });
  });
  return out;
}

/** A member's handbook for one scheme and year. */
export async function handbook(db: Db, scheme: SchemeRow, version: VersionRow, year: number, subject: store.Subject & { kind: 'member' }) {
  const def = version.definition;
  const entries = await store.subjectEntries(db, subject.countyId, scheme.id, year, 'member', subject.id);
  // the score after each entry, as a run would reckon it (dimension and total limits applied), not the bare sum
  const sums = new Map<string, number>();
  let running = scoreOf(def, sums).cents;
  const names = new Map(def.indicators.map((x) => [x.code, x.name]));
  const lines = entries.map((e) => {
    if (e.status === 'confirmed') {
      sums.set(e.dimension, (sums.get(e.dimension) ?? 0) + Math.round(e.points * 100));
      running = scoreOf(def, sums).cents;
    }
    return { id: e.id, occurredOn: e.occurredOn, indicator: e.indicator, indicatorName: names.get(e.indicator) ?? e.indicator, points: e.points, status: e.status, evidence: e.evidence, correctsId: e.correctsId, correctedBy: e.correctedBy, recordedByName: e.recordedByName, runningTotal: fromCents(running) };
  });
  const board = await branchBoard(db, def, scheme.id, year, subject.branchPath, subject.countyId);
  const me = board.find((b) => b.memberId === subject.id);
  const tier = def.tiers.length ? placeTier(def, memberFacts(subject.record, year)) : null;
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, points: 0 }));
  for (const e of entries) if (e.status === 'confirmed') months[Number(e.occurredOn.slice(5, 7)) - 1].points = fromCents(Math.round(months[Number(e.occurredOn.slice(5, 7)) - 1].points * 100) + Math.round(e.points * 100));
  return {
    scheme: { id: scheme.id, name: scheme.name, version: version.version, year: version.year },
    member: { id: subject.id, name: subject.name },
    year, tier, tierName: def.tiers.find((t) => t.code === tier)?.name ?? null,
    baseScore: def.baseScore, minScore: def.minScore ?? null, maxScore: def.maxScore ?? null, total: me?.total ?? fromCents(running), rank: me?.rank ?? null, of: board.length, grade: me?.grade ?? null, gradeName: me?.gradeName ?? null,
    pending: entries.filter((e) => e.status === 'pending').length,
    bands: def.bands.map((b) => ({ code: b.code, name: b.name, from: b.from, to: b.to, fromInclusive: b.fromInclusive, toInclusive: b.toInclusive })),
    indicators: def.indicators.filter((x) => !x.tiers || (tier !== null && x.tiers.includes(tier))).map((x) => ({ code: x.code, name: x.name, kind: x.kind, points: x.points, capPerYear: x.capPerYear ?? null })),
    months, entries: lines,
  };
}
