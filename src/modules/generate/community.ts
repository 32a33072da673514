/**
 * One community (社区) or village (村) with everything under it: its party committee or general
 * branch, branches, groups, members, grids, residents, units and teams ("1+4+1" and grid teams).
 */
import { Rng, splitTotal } from './random.js';
import { chineseNumber, personName, unitName, workplaceName, type UnitKind } from './names.js';
import { ageOn, fromDays, landline, memberRecord, person, toDays, type Settlement } from './rules.js';
import { emptyChunk, IdAllocator, type Chunk, type GridRow, type MemberRow, type OrgRow, type TeamMemberRow, type UnitRow } from './rows.js';

/** Where the community sits and how big it is. */
export type CommunitySpec = {
  seed: number;
  /** Stream keys that make this community's randomness its own. */
  keys: number[];
  asOf: string;
  countyId: number;
  countyName: string;
  region: string;
  areaCode: string;
  street: OrgRow;
  /** The street's or town's place name, without 街道/镇. */
  streetPlace: string;
  settlement: Settlement;
  place: string;
  code: string;
  members: number;
  /** ID numbers already used in the county (shared by members and residents). */
  takenIds: Set<string>;
};

const UNIT_KINDS: readonly (readonly [UnitKind, number])[] = [['机关', 10], ['事业单位', 18], ['企业', 15], ['非公企业', 42], ['社会组织', 15]];
const BUILDINGS = ['花园', '新村', '小区', '家园', '公寓', '苑'];

function org(ids: IdAllocator, parent: OrgRow, countyId: number, fields: Partial<OrgRow> & Pick<OrgRow, 'kind' | 'name'>): OrgRow {
  const id = ids.take('org');
  return {
    id, county_id: countyId, parent_id: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1,
    short_name: null, code: null, established_on: null, unit_name: null, unit_nature: null, secretary_name: null,
    contact_phone: null, address: null, elected_on: null, term_years: null, ...fields,
  };
}

function dateBetween(rng: Rng, from: string, to: string): string {
  return fromDays(rng.int(toDays(from), toDays(to)));
}

/** Generates the community described by `spec`, taking ids from `ids`. */
export function generateCommunity(spec: CommunitySpec, ids: IdAllocator): Chunk {
  const rng = new Rng(spec.seed, ...spec.keys);
  const out = emptyChunk();
  const village = spec.settlement === 'village';
  const cname = spec.place + (village ? '村' : '社区');
  const n = spec.members;
  const electedYear = +spec.asOf.slice(0, 4) - ((+spec.asOf.slice(0, 4) - 2021) % 5);
  const electedOn = dateBetween(rng, `${electedYear}-01-05`, `${electedYear}-04-30`);

  const community = org(ids, spec.street, spec.countyId, {
    kind: spec.settlement, name: cname, code: spec.code, unit_name: cname,
    unit_nature: village ? '行政村' : '城市社区', established_on: dateBetween(rng, '1985-01-01', '2015-12-31'),
    address: `${spec.countyName}${spec.street.name}${spec.place}${village ? '村委会' : `路${rng.int(1, 300)}号`}`,
    contact_phone: landline(rng, spec.areaCode),
  });
  const committee = n > 100;
  const partyOrg = org(ids, community, spec.countyId, {
    kind: committee ? 'party_committee' : 'general_branch',
    name: committee ? `中共${cname}委员会` : `${cname}党总支`,
    short_name: committee ? `${cname}党委` : `${cname}党总支`,
    unit_name: cname, unit_nature: village ? '村' : '社区', established_on: community.established_on,
    address: community.address, contact_phone: community.contact_phone, elected_on: electedOn, term_years: 5,
  });
  out.orgs.push(community, partyOrg);

  // Units in the community's area; non-public ones are covered by a joint branch when there are several.
  const unitKinds = Array.from({ length: Math.min(20, Math.max(3, Math.round(n / 60))) + rng.int(0, 3) }, () => rng.weighted(UNIT_KINDS));
  const nonPublic = unitKinds.filter((k) => k === '非公企业' || k === '社会组织').length;
  const joint = nonPublic >= 2 && rng.chance(0.7) ? org(ids, partyOrg, spec.countyId, {
    kind: 'joint_branch', name: `${cname}非公企业联合党支部`, short_name: '非公联合支部',
    unit_nature: '非公有制经济组织', established_on: dateBetween(rng, '2005-01-01', '2020-12-31'),
    elected_on: electedOn, term_years: 3,
  }) : null;
  const unitNames = new Set<string>();
  const units: UnitRow[] = unitKinds.map((kind) => {
    let name = unitName(rng, kind, spec.place);
    for (let attempt = 0; unitNames.has(name); attempt++) {
      const place = attempt < 10 ? spec.place : spec.place + rng.pick(['东', '西', '南', '北', '新', '中']);
      name = attempt < 40 ? unitName(rng, kind, place) : `${name}${chineseNumber(attempt)}部`;
    }
    unitNames.add(name);
    const contact = personName(rng, rng.chance(0.6) ? '男' : '女', rng.int(1960, 1995));
    return {
      county_id: spec.countyId, id: ids.take('unit'), community_id: community.id, name, kind,
      party_org_id: joint && (kind === '非公企业' || kind === '社会组织') ? joint.id : null,
      address: `${spec.place}${rng.pick(['路', '街', '大道'])}${rng.int(1, 500)}号`, contact_name: contact,
    };
  });
  out.units.push(...units);
  const jointUnits = units.filter((u) => u.party_org_id !== null);

  // Branches of at most 50 members; the joint branch takes a few members of the units it covers.
  const jointSize = joint ? Math.min(n - 3, Math.min(15, Math.round(n * 0.05)) + rng.int(3, 6)) : 0;
  const rest = n - jointSize;
  const branchCount = Math.max(1, Math.ceil(rest / rng.int(30, 40)));
  const sizes = splitTotal(rng, rest, branchCount, 0.2, Math.min(3, Math.floor(rest / branchCount)));
  for (let guard = 0; guard < 10_000 && Math.max(...sizes) > 50; guard++) {
    sizes[sizes.indexOf(Math.max(...sizes))] -= 1;
    sizes[sizes.indexOf(Math.min(...sizes))] += 1;
  }
  const branches = sizes.map((size, i) => ({
    size,
    org: org(ids, partyOrg, spec.countyId, {
      kind: 'branch', name: `第${chineseNumber(i + 1)}党支部`, short_name: `${cname}第${chineseNumber(i + 1)}支部`,
      unit_name: cname, unit_nature: partyOrg.unit_nature, established_on: dateBetween(rng, community.established_on ?? '1990-01-01', '2020-12-31'),
      elected_on: electedOn, term_years: 5,
    }),
  }));
  if (joint) branches.push({ size: jointSize, org: joint });
  out.orgs.push(...branches.map((b) => b.org));

  // Groups (党小组) in some of the larger branches.
  const groupsByBranch = new Map<number, OrgRow[]>();
  for (const b of branches) {
    if (b.size < 15 || !rng.chance(0.3)) continue;
    const groups = Array.from({ length: rng.int(2, 4) }, (_, i) => org(ids, b.org, spec.countyId, {
      kind: 'group', name: `第${chineseNumber(i + 1)}党小组`, established_on: b.org.established_on,
    }));
    groupsByBranch.set(b.org.id, groups);
    out.orgs.push(...groups);
  }

  // Members.
  const outside = [spec.place, spec.streetPlace, spec.countyName.slice(0, -1)];
  for (const b of branches) {
    for (let i = 0; i < b.size; i++) {
      const p = person(rng, 'member', spec.asOf, spec.region, spec.takenIds);
      const r = memberRecord(rng, p, spec.asOf, spec.settlement);
      let workplace: string | null = null;
      if (b.org === joint) workplace = rng.pick(jointUnits).name;
      else if (r.workState === '在职') workplace = rng.chance(0.35) ? rng.pick(units).name : workplaceName(rng, rng.pick(outside));
      else if (r.workState === '学生') workplace = `${rng.pick(outside)}${rng.pick(['职业技术学院', '大学', '师范学院'])}`;
      else if (r.workState === '务农') workplace = cname;
      out.members.push({
        county_id: spec.countyId, id: ids.take('member'), org_id: b.org.id, org_path: b.org.path,
        home_community_id: community.id, name: p.name, gender: p.gender, ethnicity: r.ethnicity,
        birth_date: p.birthDate, id_number: p.idNumber, phone: p.phone, education: r.education,
        category: r.category, join_date: r.joinDate, full_date: r.fullDate, post: null, workplace,
        party_state: r.partyState, party_state_date: r.partyStateDate, work_state: r.workState, flowing: r.flowing,
      });
    }
  }
  const leaders = assignPosts(rng, out.members, branches.map((b) => b.org), groupsByBranch, partyOrg, community, spec.asOf);

  // Grids: 片 split into 组, and residents living in the 组.
  const pieces: { pian: GridRow; zus: GridRow[] }[] = [];
  const pianCount = Math.min(8, Math.max(2, Math.round(n / 120))) + rng.int(0, 1);
  for (let i = 1; i <= pianCount; i++) {
    const pian: GridRow = { county_id: spec.countyId, id: ids.take('grid'), community_id: community.id, parent_grid_id: null, kind: '片', name: `第${chineseNumber(i)}片区`, households: 0 };
    const zus = Array.from({ length: rng.int(3, 6) }, (_, j): GridRow => ({
      county_id: spec.countyId, id: ids.take('grid'), community_id: community.id, parent_grid_id: pian.id,
      kind: '组', name: `第${chineseNumber(i)}片区第${chineseNumber(j + 1)}组`, households: rng.int(40, 150),
    }));
    pian.households = zus.reduce((s, z) => s + z.households, 0);
    pieces.push({ pian, zus });
    out.grids.push(pian, ...zus);
  }
  const allZus = pieces.flatMap((p) => p.zus);
  const residentCount = Math.round(n * (0.3 + rng.next() * 0.2));
  for (let i = 0; i < residentCount; i++) {
    const p = person(rng, 'resident', spec.asOf, spec.region, spec.takenIds);
    const zu = i < allZus.length ? allZus[i] : rng.pick(allZus);
    const address = village
      ? `${cname}${rng.int(1, 20)}组${rng.int(1, 120)}号`
      : `${spec.place}${rng.pick(BUILDINGS)}${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
    out.residents.push({
      county_id: spec.countyId, id: ids.take('resident'), community_id: community.id, community_path: community.path,
      grid_id: zu.id, name: p.name, gender: p.gender, birth_date: p.birthDate, id_number: p.idNumber, phone: p.phone,
      address, is_representative: rng.chance(0.08), is_nonparty_rep: rng.chance(0.05),
    });
  }

  addTeams(rng, out, ids, spec.countyId, community, cname, leaders, pieces);
  return out;
}

/** Gives the party posts: the community's secretary, deputies and committee, branch secretaries and committees, group leaders. */
function assignPosts(rng: Rng, members: MemberRow[], branches: OrgRow[], groups: Map<number, OrgRow[]>, partyOrg: OrgRow, community: OrgRow, asOf: string): MemberRow[] {
  const level = partyOrg.kind === 'party_committee' ? '党委' : '党总支';
  const place = community.kind === 'village' ? '村' : '社区';
  const fit = members.filter((m) => m.category === '正式党员' && m.party_state === '正常' && ageOn(m.birth_date, asOf) >= 28 && ageOn(m.birth_date, asOf) <= 60);
  const pool = fit.length >= 3 ? fit : members.filter((m) => m.category === '正式党员');
  const leaders = rng.sample(pool.length > 0 ? pool : members, rng.int(5, 7));
  leaders.forEach((m, i) => {
    m.post = i === 0 ? `${place}${level}书记` : i === 1 ? `${place}${level}副书记` : i === 2 ? `${community.kind === 'village' ? '村' : '居'}委会主任` : `${place}${level}委员`;
  });
  if (leaders[0]) partyOrg.secretary_name = leaders[0].name;
  const byBranch = new Map<number, MemberRow[]>();
  for (const m of members) {
    const list = byBranch.get(m.org_id);
    if (list) list.push(m); else byBranch.set(m.org_id, [m]);
  }
  for (const b of branches) {
    const list = (byBranch.get(b.id) ?? []).filter((m) => m.post === null && m.category === '正式党员');
    const secretary = list.find((m) => m.party_state === '正常') ?? list[0];
    if (secretary) { secretary.post = '党支部书记'; b.secretary_name = secretary.name; }
    if (list.length >= 7) for (const m of list.filter((x) => x.post === null).slice(0, 2)) m.post = '党支部委员';
    const heads = list.filter((m) => m.post === null).slice(0, groups.get(b.id)?.length ?? 0);
    for (const m of heads) m.post = '党小组长';
  }
  return leaders;
}

function addTeams(rng: Rng, out: Chunk, ids: IdAllocator, countyId: number, community: OrgRow, cname: string, leaders: MemberRow[], pieces: { pian: GridRow }[]): void {
  const team = (kind: string, name: string, gridId: number | null = null) => {
    const row = { county_id: countyId, id: ids.take('team'), org_id: community.id, org_path: community.path, grid_id: gridId, kind, name };
    out.teams.push(row);
    return row.id;
  };
  const add = (teamId: number, kind: TeamMemberRow['person_kind'], personId: number, role: string) => {
    out.teamMembers.push({ county_id: countyId, team_id: teamId, person_kind: kind, person_id: personId, role });
  };
  const free = out.members.filter((m) => m.post === null && m.party_state === '正常');
  const twoCommittees = team('两委班子', `${cname}两委班子`);
  leaders.forEach((m, i) => add(twoCommittees, 'member', m.id, i === 0 ? '书记' : i === 1 ? '副书记' : i === 2 ? '主任' : '委员'));
  const corps = team('党员队伍', `${cname}党员队伍`);
  rng.sample(free, rng.int(10, 40)).forEach((m, i) => add(corps, 'member', m.id, i === 0 ? '队长' : '队员'));
  const heads = team('居民组长', `${cname}居民组长队伍`);
  const seen = new Set<number>();
  for (const r of out.residents) {
    if (seen.has(r.grid_id)) continue;
    seen.add(r.grid_id);
    add(heads, 'resident', r.id, '组长');
  }
  const reps = team('居民代表', `${cname}居民代表队伍`);
  for (const r of out.residents) if (r.is_representative) add(reps, 'resident', r.id, '代表');
  const business = team('企业家队伍', `${cname}企业家队伍`);
  rng.sample(free.filter((m) => m.work_state === '在职'), rng.int(3, 6)).forEach((m, i) => add(business, 'member', m.id, i === 0 ? '队长' : '成员'));
  const finance = team('财务监督小组', `${cname}财务监督小组`);
  rng.sample(free.filter((m) => m.work_state !== '学生'), rng.int(3, 5)).forEach((m, i) => add(finance, 'member', m.id, i === 0 ? '组长' : '成员'));
  for (const { pian } of pieces) {
    const t = team('网格服务团队', `${pian.name}网格服务团队`, pian.id);
    rng.sample(free, rng.int(3, 6)).forEach((m, i) => add(t, 'member', m.id, i === 0 ? '网格长' : i === 1 ? '网格员' : '民情联络员'));
  }
}

