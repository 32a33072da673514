// Builds what `npm start` runs, when missing or older than its sources: the web UI (web/dist)
// and the server bundle (dist/server/main.mjs, our TypeScript in one file; packages stay in node_modules).
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}
const stale = (out, ...sources) => !fs.existsSync(out) || fs.statSync(out).mtimeMs < Math.max(...sources.map((s) => newest(path.join(root, s))));

const webOut = path.join(root, 'web', 'dist', 'index.html');
if (stale(webOut, 'web/src', 'web/index.html', 'web/vite.config.ts')) {
  console.log('正在构建网页界面 / building the web UI …');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
  // Compressed copies beside each script and style sheet, served to browsers that accept them.
  const assets = path.join(root, 'web', 'dist', 'assets');
  for (const f of fs.existsSync(assets) ? fs.readdirSync(assets) : []) {
    if (!/\.(js|css)$/.test(f)) continue;
    const raw = fs.readFileSync(path.join(assets, f));
    fs.writeFileSync(path.join(assets, `${f}.gz`), zlib.gzipSync(raw, { level: 9 }));
    fs.writeFileSync(path.join(assets, `${f}.br`), zlib.brotliCompressSync(raw));
  }
}

const serverOut = path.join(root, 'dist', 'server', 'main.mjs');
if (process.argv.includes('--server') && stale(serverOut, 'src', 'package.json')) {
  await build({
    entryPoints: [path.join(root, 'src', 'main.ts'), path.join(root, 'src', 'cli.ts')],
    outdir: path.dirname(serverOut),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
