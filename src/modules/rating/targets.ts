/**
 * The targets of 评星晋级 by child organisation and year: shares of community organisations at three
 * stars or more and at five, and of organisations meeting 五好, each over the organisations that
 * existed in the year.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { GROUP_OF, existingIn, shareOf, type FiveGoodCategory } from './five-good.js';

type YearCell = { year: number; communities: number; rated: number; threePlus: number; five: number; threePlusShare: number | null; fiveShare: number | null;
  fiveGood: Record<'community' | 'organ', { orgs: number; met: number; share: number | null }> };

/**
 * Shares by child of `node` and year: published ratings at three stars or more and at five over the
 * community organisations that existed in the year (established by its end), and organisations
 * meeting 五好 over those of its two groups (社区和企业, 机关和事业). One GROUP BY over the
 * organisations (child, category, year established), one over the ratings, one over 五好. Within a
 * county they group by the child's id taken from the path; above counties (a city, a province) by
 * county, each county then added to the child it lies in, which spares splitting every path; and
 * there 五好 is read from five_good_totals, kept per county, year and category by triggers.
 * Organisations outside any county are not rated and are not counted.
 */
export async function targets(db: Db, node: OrgRef, from: number, to: number) {
  const k = node.path.split('/').filter(Boolean).length + 2; // split_part index of the child's id
  const like = `${node.path}%`;
  const above = node.countyId === null;
  // above counties: each county under the node, and the child of the node it lies in
  const counties = above ? await rows<{ id: number; child: string }>(db, sql`WITH RECURSIVE down AS (
      SELECT id, kind, id AS child FROM orgs WHERE parent_id = ${node.id} AND NOT archived
      UNION ALL SELECT o.id, o.kind, d.child FROM orgs o JOIN down d ON o.parent_id = d.id WHERE d.kind <> 'county' AND NOT o.archived)
    SELECT id, child::text AS child FROM down WHERE kind = 'county'`) : [];
  const ids = `{${counties.map((c) => c.id).join(',')}}`;
  const key = (path: string) => (above ? sql`county_id::text` : sql`split_part(${sql.raw(path)}, '/', ${k})`);
  const within = (path: string) => (above ? sql`county_id = ANY(${ids}::bigint[])` : sql`${sql.raw(path)} LIKE ${like}`);
  const childOf = new Map(counties.map((c) => [String(c.id), c.child]));
  const ch = (x: string) => (above ? childOf.get(x) ?? x : x);
  const [children, orgCounts, rated, good] = await Promise.all([
    rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE parent_id = ${node.id} AND NOT archived ORDER BY name, id`),
    rows<{ child: string; cat: FiveGoodCategory; since: number | null; n: number }>(db, sql`SELECT ${key('path')} AS child, five_good_category AS cat,
      extract(year FROM established_on)::int AS since, count(*)::int AS n
      FROM orgs WHERE ${within('path')} AND five_good_category IS NOT NULL AND NOT archived AND id <> ${node.id} GROUP BY 1, 2, 3`),
    rows<{ child: string; year: number; rated: number; three: number; five: number }>(db, sql`SELECT ${key('org_path')} AS child, year,
      count(*)::int AS rated, count(*) FILTER (WHERE level >= 3)::int AS three, count(*) FILTER (WHERE level = 5)::int AS five
      FROM star_applications WHERE ${within('org_path')} AND state = 'published' AND year BETWEEN ${from} AND ${to} GROUP BY 1, 2`),
    // above counties the trigger-kept totals per county serve; within a county, the rows themselves
    rows<{ child: string; year: number; cat: FiveGoodCategory; met: number }>(db, above
      ? sql`SELECT county_id::text AS child, year, category AS cat, met FROM five_good_totals WHERE ${within('')} AND year BETWEEN ${from} AND ${to} AND met > 0`
      : sql`SELECT ${key('org_path')} AS child, year, category AS cat, count(*)::int AS met FROM five_good_ratings
          WHERE ${within('org_path')} AND met AND year BETWEEN ${from} AND ${to} GROUP BY 1, 2, 3`),
  ]);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  // per child and group (stars: communities; 五好: its two groups), the organisations by year established
  const since = new Map<string, [number | null, number][]>();
  const add = (key: string, y: number | null, n: number) => since.set(key, [...(since.get(key) ?? []), [y, n]]);
  for (const c of orgCounts) {
    if (c.cat === 'community') add(`${ch(c.child)}:stars`, c.since, c.n);
    add(`${ch(c.child)}:${GROUP_OF[c.cat]}`, c.since, c.n);
  }
  const cell = new Map<string, { rated: number; three: number; five: number }>();
  for (const r of rated) {
    const at = `${ch(r.child)}:${r.year}`;
    const c = cell.get(at) ?? { rated: 0, three: 0, five: 0 };
    cell.set(at, { rated: c.rated + r.rated, three: c.three + r.three, five: c.five + r.five });
  }
  const met = new Map<string, number>();
  for (const g of good) {
    const at = `${ch(g.child)}:${g.year}:${GROUP_OF[g.cat]}`;
    met.set(at, (met.get(at) ?? 0) + g.met);
  }
  const cellOf = (id: number, y: number): YearCell => {
    const n = existingIn(y, since.get(`${id}:stars`) ?? []);
    const c = cell.get(`${id}:${y}`);
    const group = (g: 'community' | 'organ') => {
      const orgs = existingIn(y, since.get(`${id}:${g}`) ?? []);
      const m = met.get(`${id}:${y}:${g}`) ?? 0;
      return { orgs, met: m, share: shareOf(m, orgs) };
    };
    return { year: y, communities: n, rated: c?.rated ?? 0, threePlus: c?.three ?? 0, five: c?.five ?? 0, threePlusShare: shareOf(c?.three ?? 0, n), fiveShare: shareOf(c?.five ?? 0, n),
      fiveGood: { community: group('community'), organ: group('organ') } };
  };
  const list = children.map((c) => ({ orgId: c.id, name: c.name, communities: existingIn(to, since.get(`${c.id}:stars`) ?? []), years: years.map((y) => cellOf(c.id, y)) }))
    .filter((r) => r.years.some((y) => y.communities > 0 || y.fiveGood.community.orgs > 0 || y.fiveGood.organ.orgs > 0));
  const sum = (i: number): YearCell => {
    const s = list.reduce((a, r) => {
      const c = r.years[i];
      return { communities: a.communities + c.communities, rated: a.rated + c.rated, three: a.three + c.threePlus, five: a.five + c.five,
        gc: a.gc + c.fiveGood.community.orgs, gcm: a.gcm + c.fiveGood.community.met, go: a.go + c.fiveGood.organ.orgs, gom: a.gom + c.fiveGood.organ.met };
    }, { communities: 0, rated: 0, three: 0, five: 0, gc: 0, gcm: 0, go: 0, gom: 0 });
    return { year: years[i], communities: s.communities, rated: s.rated, threePlus: s.three, five: s.five, threePlusShare: shareOf(s.three, s.communities), fiveShare: shareOf(s.five, s.communities),
      fiveGood: { community: { orgs: s.gc, met: s.gcm, share: shareOf(s.gcm, s.gc) }, organ: { orgs: s.go, met: s.gom, share: shareOf(s.gom, s.go) } } };
  };
  const all = { orgId: node.id, name: node.name, communities: list.reduce((n, r) => n + r.communities, 0), years: years.map((_, i) => sum(i)) };
  return { years, rows: list, all };
}
