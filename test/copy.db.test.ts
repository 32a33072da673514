/** Bulk writing with COPY FROM STDIN: the driver's client is found only inside a transaction on a server, and every value comes back as written. */
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { arrayText, copyInto, copyText, pgClientOf, rows } from '../src/platform/db/client.js';

type Row = { id: number; label: string | null; tags: string[]; amount: string; flag: boolean };

const NASTY = ['plain', '组织谈话', 'back\\slash', 'tab\there', 'new\nline', 'return\rhere', 'quote"d', 'comma,brace{}', 'NULL', '\\N', ''];

describeDb('COPY into a table', (db, kind) => {
  it(kind === 'postgres' ? 'writes every value back as it was, in slices, inside the transaction' : 'has no driver client on PGlite, so callers take the INSERT path', async () => {
    const d = db();
    expect(pgClientOf(d.db)).toBeNull(); // a pool, not one transaction's client
    await d.db.execute(sql`CREATE TABLE copy_probe (id bigint PRIMARY KEY, label text, tags text[] NOT NULL, amount numeric(12,2) NOT NULL, flag boolean NOT NULL)`);
    const want: Row[] = NASTY.map((label, i) => ({ id: i + 1, label: i === 3 ? null : label, tags: [label, NASTY[(i + 1) % NASTY.length]], amount: (i * 12.5 - 3).toFixed(2), flag: i % 2 === 0 }));
    await d.db.transaction(async (tx) => {
      const client = pgClientOf(tx);
      if (kind === 'pglite') {
        expect(client).toBeNull();
        return;
      }
      expect(client).not.toBeNull();
      const slices = [want.slice(0, 4), want.slice(4, 5), [], want.slice(5)];
      await copyInto(client!, 'copy_probe', ['id', 'label', 'tags', 'amount', 'flag'], slices,
        (part) => part.map((r) => `${[r.id, r.label, arrayText(r.tags), Number(r.amount), r.flag].map(copyText).join('\t')}\n`).join(''));
      // the same transaction sees the rows
      expect((await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM copy_probe`))[0].n).toBe(want.length);
    });
    if (kind === 'pglite') return;
    const got = await rows<Row>(d.db, sql`SELECT id, label, tags, amount::text AS amount, flag FROM copy_probe ORDER BY id`);
    expect(got).toEqual(want);
  });

  if (kind === 'postgres') it('rolls back every row when one is refused, and the error names the cause', async () => {
    const d = db();
    await d.db.execute(sql`CREATE TABLE copy_refuse (id bigint PRIMARY KEY)`);
    await expect(d.db.transaction(async (tx) => {
      await copyInto(pgClientOf(tx)!, 'copy_refuse', ['id'], [[1, 2, 3], [4, 2]], (part) => part.map((n) => `${n}\n`).join(''));
    })).rejects.toThrow(/duplicate key/);
    expect((await rows<{ n: number }>(d.db, sql`SELECT count(*)::int AS n FROM copy_refuse`))[0].n).toBe(0);
  });
});
