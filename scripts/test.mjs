// Runs every test tier (unit, database on PGlite and on PostgreSQL when TEST_DATABASE_URL is set,
// browser end-to-end) and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) { console.log('0 passed, 1 failed'); process.exit(1); }

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xf-vitest-')), 'result.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env });
let passed = 0, failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numFailedTestSuites ?? 0) + (r.numTodoTests ?? 0) * 0;
  const skipped = r.numPendingTests ?? 0;
  if (skipped) console.log(`(${skipped} skipped)`);
} catch {
  failed += 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
