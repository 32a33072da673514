/**
 * The scales of generated data and the streaming generator: province → city → county →
 * street/town → community/village, one chunk at a time, so that a province never has to be
 * held in memory. Pure: ids start from the given bases and nothing is read or written.
 */
import { Rng, mix, splitTotal } from './random.js';
import { placeName } from './names.js';
import { landline } from './rules.js';
import { generateCommunity } from './community.js';
import { emptyChunk, IdAllocator, type Chunk, type IdBases, type OrgRow } from './rows.js';

/** The named sizes of generated data. */
export const SCALE_NAMES = ['demo', 'county', 'city', 'province'] as const;
/** A named size: demo, county, city or province. */
export type Scale = (typeof SCALE_NAMES)[number];

/** How many of each level a scale has. */
export type ScaleSpec = {
  root: 'province' | 'city' | 'county';
  cities: number;
  countiesPerCity: number;
  streetsPerCounty: number;
  communitiesPerCounty: number;
  membersPerCounty: number;
};

const COUNTY: Omit<ScaleSpec, 'root' | 'cities' | 'countiesPerCity'> = { streetsPerCounty: 12, communitiesPerCounty: 150, membersPerCounty: 100_000 };

/** The built-in scales. */
export const SCALES: Record<Scale, ScaleSpec> = {
  demo: { root: 'county', cities: 1, countiesPerCity: 1, streetsPerCounty: 1, communitiesPerCounty: 10, membersPerCounty: 1_000 },
  county: { root: 'county', cities: 1, countiesPerCity: 1, ...COUNTY },
  city: { root: 'city', cities: 1, countiesPerCity: 10, ...COUNTY },
  province: { root: 'province', cities: 4, countiesPerCity: 10, ...COUNTY },
};

/** The reference date of generated records when none is given: ages and dates are as of this day. */
export const DEFAULT_AS_OF = '2025-06-30';

/** What to generate. */
export type RowOptions = { scale: Scale; seed: number; asOf?: string };

/** The exact number of members a scale generates. */
export function totalMembers(scale: Scale): number {
  const s = SCALES[scale];
  return s.cities * s.countiesPerCity * s.membersPerCounty;
}

const PROVINCES: readonly (readonly [string, string])[] = [
  ['33', '0571'], ['51', '028'], ['35', '0591'], ['32', '025'], ['37', '0531'], ['42', '027'], ['43', '0731'], ['36', '0791'],
];

type Level = { row: OrgRow | null; code: string; areaCode: string };

function adminOrg(ids: IdAllocator, parent: OrgRow | null, countyId: number | null, kind: string, name: string, code: string, rng: Rng, areaCode: string): OrgRow {
  const id = ids.take('org');
  return {
    id, county_id: kind === 'county' ? id : countyId, parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, kind, name,
    short_name: null, code, established_on: null, unit_name: name, unit_nature: null, secretary_name: null,
    contact_phone: landline(rng, areaCode), address: null, elected_on: null, term_years: null,
  };
}

/** The organisation code of the root (a 6-digit division code). */
export function rootCode(opts: RowOptions): string {
  return rootCodes(opts).code;
}

/** The start shared by every division code the options generate (2 digits for a province, 4 for a city, 6 for a county). */
export function codePrefix(opts: RowOptions): string {
  const root = SCALES[opts.scale].root;
  return rootCode(opts).slice(0, root === 'province' ? 2 : root === 'city' ? 4 : 6);
}

function rootCodes(opts: RowOptions): { code: string; province: string; areaCode: string; city: string; county: string } {
  const h = mix(opts.seed, 0x5eed);
  const [province, areaCode] = PROVINCES[h % PROVINCES.length];
  const city = String(1 + ((h >>> 8) % 9)).padStart(2, '0');
  const county = String(2 + ((h >>> 16) % 20)).padStart(2, '0');
  const root = SCALES[opts.scale].root;
  const code = root === 'province' ? `${province}0000` : root === 'city' ? `${province}${city}00` : `${province}${city}${county}`;
  return { code, province, areaCode, city, county };
}

/**
 * Yields the data of a scale chunk by chunk, in foreign-key order (every org before what refers
 * to it). The first org is the root. Same options and bases → the same rows.
 */
export function* generateRows(opts: RowOptions, bases: IdBases): Generator<Chunk> {
  const spec = SCALES[opts.scale];
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  const ids = new IdAllocator(bases);
  const codes = rootCodes(opts);
  const top = new Rng(opts.seed, 0);
  const names = new Set<string>();
  let provinceLevel: Level = { row: null, code: codes.province, areaCode: codes.areaCode };
  const head = emptyChunk();
  if (spec.root === 'province') {
    const row = adminOrg(ids, null, null, 'province', `${placeName(top, names)}省`, `${codes.province}0000`, top, codes.areaCode);
    provinceLevel = { row, code: codes.province, areaCode: codes.areaCode };
    head.orgs.push(row);
  }
  yield head;
  let countyIndex = 0;
  for (let c = 0; c < spec.cities; c++) {
    const cityCode = spec.root === 'province' ? codes.province + String(c + 1).padStart(2, '0') : codes.province + codes.city;
    let cityLevel: Level = { row: null, code: cityCode, areaCode: codes.areaCode };
    const cityNames = new Set<string>();
    if (spec.root !== 'county') {
      const rng = new Rng(opts.seed, 100, c);
      const row = adminOrg(ids, provinceLevel.row, null, 'city', `${placeName(rng, names)}市`, `${cityCode}00`, rng, codes.areaCode);
      cityLevel = { row, code: cityCode, areaCode: codes.areaCode };
      yield { ...emptyChunk(), orgs: [row] };
    }
    for (let k = 0; k < spec.countiesPerCity; k++, countyIndex++) {
      const countyCode = spec.root === 'county' ? cityCode + codes.county : cityCode + String(k + 2).padStart(2, '0');
      yield* generateCounty(opts.seed, asOf, spec, countyIndex, countyCode, k < 3 ? '区' : '县', cityLevel, cityNames, ids);
    }
  }
}

function* generateCounty(seed: number, asOf: string, spec: ScaleSpec, countyIndex: number, code: string, suffix: '区' | '县', parent: Level, siblingNames: Set<string>, ids: IdAllocator): Generator<Chunk> {
  const rng = new Rng(seed, 1000, countyIndex);
  const countyPlace = placeName(rng, siblingNames);
  const county = adminOrg(ids, parent.row, null, 'county', countyPlace + suffix, code, rng, parent.areaCode);
  county.unit_nature = suffix === '区' ? '市辖区' : '县';
  const countyId = county.id;
  const head: Chunk = { ...emptyChunk(), orgs: [county] };
  const streetCount = spec.streetsPerCounty;
  const urbanShare = suffix === '区' ? 0.7 : 0.25;
  const streetsUrban = Math.max(1, Math.round(streetCount * urbanShare));
  const streetNames = new Set<string>();
  const streets = Array.from({ length: streetCount }, (_, i) => {
    const urban = i < streetsUrban;
    const place = placeName(rng, streetNames);
    const seq = urban ? i + 1 : 100 + i - streetsUrban + 1;
    const row = adminOrg(ids, county, countyId, urban ? 'street' : 'town', place + (urban ? '街道' : '镇'), code + String(seq).padStart(3, '0'), rng, parent.areaCode);
    row.unit_nature = urban ? '街道' : '镇';
    row.address = `${county.name}${place}${urban ? '街道办事处' : '镇人民政府'}`;
    return { row, place, urban };
  });
  head.orgs.push(...streets.map((s) => s.row));
  yield head;

  const perStreet = splitTotal(rng, spec.communitiesPerCounty, streetCount, 0.3, 1);
  const members = splitTotal(rng, spec.membersPerCounty, spec.communitiesPerCounty, 0.5, Math.min(10, Math.floor(spec.membersPerCounty / spec.communitiesPerCounty)));
  const takenIds = new Set<string>();
  const communityNames = new Set<string>();
  let communityIndex = 0;
  for (let s = 0; s < streets.length; s++) {
    const street = streets[s];
    const seats = street.urban ? perStreet[s] : Math.min(perStreet[s], rng.int(1, 2));
    for (let j = 0; j < perStreet[s]; j++, communityIndex++) {
      const settlement = j < seats ? 'community' : 'village';
      const seq = settlement === 'community' ? j + 1 : 200 + j - seats + 1;
      yield generateCommunity({
        seed, keys: [countyIndex, communityIndex], asOf, countyId, countyName: county.name, region: code,
        areaCode: parent.areaCode, street: street.row, streetPlace: street.place, settlement,
        place: placeName(rng, communityNames), code: street.row.code + String(seq).padStart(3, '0'),
        members: members[communityIndex], takenIds,
      }, ids);
    }
  }
}
