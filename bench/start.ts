/** `npm start` on an existing data dir: from the command to a healthy /healthz, median of three. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { note, row, type Row } from './lib.js';

export const START_LIMIT_S = 3;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn('npm', ['start', '--silent'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: 'Bench-Start-2026!', LOG_LEVEL: 'warn' }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error('npm start exited');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - t0;
      } catch { /* not yet */ }
      if (performance.now() - t0 > 120_000) throw new Error('not healthy within 120 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    process.kill(-proc.pid!, 'SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
  }
}

/** First start (demo data), then three starts on the same data dir. */
export async function benchStart(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-bench-start-'));
  try {
    note('npm start: a first start with demo data, then three starts on the same data dir');
    const first = await startOnce(dir);
    const again = [await startOnce(dir), await startOnce(dir), await startOnce(dir)].sort((a, b) => a - b);
    return [
      row('npm start, first start with demo data', first / 1000, 's', null),
      row('npm start on an existing data dir (median of 3)', again[1] / 1000, 's', START_LIMIT_S),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
