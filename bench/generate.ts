/**
 * Generation figures: protection (SM4 + keyed SM3) rate, the demo on embedded PGlite, the
 * county on PostgreSQL, and the province projected from the measured county rate.
 */
import crypto from 'node:crypto';
import { openDatabase } from '../src/platform/db/client.js';
import { maskIdNumber, maskPhone, protect, type Keys } from '../src/platform/crypto/sm.js';
import { generate, SCALES, type GenerateResult } from '../src/modules/generate/index.js';
import { note, row, timed, type Row } from './lib.js';

/** Limits of generation, in seconds unless said otherwise. */
export const GENERATE_LIMITS = { demoPglite: 10, countyPostgres: 120, protectPerSecond: 10_000 } as const;

/** Fresh random keys: the figures do not depend on them. */
export function benchKeys(): Keys {
  return { dataKey: crypto.randomBytes(16), hashKey: crypto.randomBytes(32) };
}

/** People (ID number + phone) protected per second on one core. */
export function benchProtect(keys: Keys, people = 20_000): Row[] {
  const t = performance.now();
  for (let i = 0; i < people; i++) {
    protect(keys, `33010619${String(500_000 + i).padStart(8, '0')}X`, maskIdNumber);
    protect(keys, `138${String(i).padStart(8, '0')}`, maskPhone);
  }
  const rate = (people * 1000) / (performance.now() - t);
  return [row('protect ID + phone (SM4, HMAC-SM3)', rate, 'people/s', GENERATE_LIMITS.protectPerSecond, 'higher')];
}

/** The demo scale into a fresh in-memory PGlite (migration not counted). */
export async function benchDemoPglite(keys: Keys): Promise<Row[]> {
  note('demo on PGlite');
  const database = await openDatabase({});
  try {
    const { ms } = await timed(() => generate(database, keys, { scale: 'demo', seed: 1 }));
    return [row('generate demo on PGlite', ms / 1000, 's', GENERATE_LIMITS.demoPglite)];
  } finally {
    await database.close();
  }
}

/** The county scale into the (empty, migrated here) PostgreSQL database at `url`; the data stays for later figures. */
export async function benchCountyPostgres(url: string, keys: Keys): Promise<{ rows: Row[]; result: GenerateResult }> {
  note('county on PostgreSQL');
  const database = await openDatabase({ url });
  try {
    let shown = 0;
    const result = await generate(database, keys, {
      scale: 'county', seed: 1,
      onProgress: (done, total) => {
        if (done - shown >= total / 5 || done === total) { shown = done; note(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} members`); }
      },
    });
    const seconds = result.ms / 1000;
    const province = SCALES.province;
    const counties = province.cities * province.countiesPerCity;
    return {
      result,
      rows: [
        row('generate county on PostgreSQL', seconds, 's', GENERATE_LIMITS.countyPostgres),
        row('  members inserted per second', result.members / seconds, 'members/s', null),
        row(`  province (${counties} counties), projected`, (seconds * counties) / 60, 'min', null),
      ],
    };
  } finally {
    await database.close();
  }
}
