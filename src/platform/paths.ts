/** Where the project's own files are, whether running from src/ through tsx or from the bundle in dist/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

/** The folder that holds package.json. */
export const PROJECT_ROOT = findRoot();
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'drizzle');
/** The built UI; XF_WEB_DIST points elsewhere (a second build while developing). */
export const WEB_DIST = process.env.XF_WEB_DIST || path.join(PROJECT_ROOT, 'web', 'dist');
