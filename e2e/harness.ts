/**
 * End-to-end harness: starts the real product (`src/main.ts`) on a free port with a data dir of its
 * own holding the demo data, and drives Debian's Chromium through playwright-core. The demo is
 * loaded once per test run by the product's own first start, into a template that each flow's
 * server starts from a copy of (as `npm start` on an existing data dir): loading it anew for every
 * file took most of the browser tests' time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

export const ADMIN_PASSWORD = 'E2e-Admin-2026!';

export type Server = { url: string; dataDir: string; proc: ChildProcess; stop: () => Promise<void>; log: () => string };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every file the demo data depends on (code, migrations), hashed with today's date: a template is reused only while both stand. */
function templateKey(): string {
  const h = crypto.createHash('sha256').update(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).update(ADMIN_PASSWORD);
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const f of [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'drizzle'))].sort()) h.update(f).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** The demo template's data dir, made by the first flow that asks (the others wait for it). */
async function demoTemplate(): Promise<string> {
  const dir = path.join(os.tmpdir(), `xf-e2e-demo-${templateKey()}`);
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  const t0 = Date.now();
  for (;;) {
    if (fs.existsSync(ready)) return dir;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another flow is making it; a lock older than five minutes was left by a process that died
      if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - t0 > 400_000) throw new Error(`the demo template at ${dir} was not made in time`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    const first = await launch(dir, {});
    await first.stop();
    if (first.proc.exitCode !== 0) throw new Error(`the demo template's server did not stop cleanly (${first.proc.exitCode ?? first.proc.signalCode}):\n${first.log()}`);
    fs.writeFileSync(ready, new Date().toISOString());
    return dir;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Starts the product with demo data (a copy of the template); resolves once /healthz answers. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const template = await demoTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-'));
  fs.cpSync(template, dataDir, { recursive: true, filter: (src) => path.basename(src) !== '.ready' });
  const server = await launch(dataDir, env);
  return { ...server, stop: async () => { await server.stop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

/** Starts `src/main.ts` on a data dir (loading the demo when it is empty); `stop` leaves the dir. */
async function launch(dataDir: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  fs.mkdirSync(dataDir, { recursive: true });
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout?.on('data', (d) => { log += d; });
  proc.stderr?.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() - t0 > 120_000) throw new Error(`server not healthy in 120 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url, dataDir, proc,
    log: () => log,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Launches headless Chromium as this machine allows it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Logs in through the login page and waits for the shell. */
export async function uiLogin(page: Page, base: string, username: string, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
}

/** A signed-in API client (cookie + CSRF token), for setting up and checking what the UI did. */
export type ApiSession = {
  username: string;
  /** GET that must answer 2xx; returns the JSON. */
  get: <T = any>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
  /** Any call; returns status and body (JSON when possible) without throwing. */
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
};

/** A write through the API that must succeed; returns the JSON. */
export async function write<T = any>(s: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.call(method, path, body);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} as ${s.username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** Logs in through POST /api/v1/auth/login from Node and returns a client bound to that session. */
export async function apiLogin(base: string, username: string, password = ADMIN_PASSWORD): Promise<ApiSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`API login of ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call: ApiSession['call'] = async (method, p, body) => {
    const headers: Record<string, string> = { cookie, accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${base}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed };
  };
  return {
    username,
    call,
    get: async (p, query) => {
      const qs = new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
      const r = await call('GET', qs ? `${p}?${qs}` : p);
      if (r.status < 200 || r.status > 299) throw new Error(`GET ${p} as ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

/** What a flow file shares between its steps: the server, the browser and the page of the moment. */
export type Flow = {
  server: Server;
  browser: Browser;
  /** The page the steps drive now; set it when a step opens another context, so a failure screenshot shows it. */
  page: Page;
  /** Opens a fresh browser context (own cookies and storage; baseURL = the server) and makes its page the current one. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
};

const SHOT_DIR = path.join(os.tmpdir(), 'xf-e2e-shots');

/**
 * Sets up one flow per file: ONE server with demo data and ONE browser for all its steps (its
 * `it`s, run in order). Once a step fails, the later steps are skipped (they build on it), and
 * one screenshot of the current page is written to $TMPDIR/xf-e2e-shots/ for debugging.
 */
export function useFlow(name: string, env: Record<string, string> = {}): Flow {
  const contexts: BrowserContext[] = [];
  const flow = {} as Flow;
  let failed = false;
  let shot = false;

  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
    flow.server = server;
    flow.browser = browser;
    flow.newPage = async (options) => {
      const ctx = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
      ctx.setDefaultTimeout(15_000);
      contexts.push(ctx);
      flow.page = await ctx.newPage();
      return flow.page;
    };
    await flow.newPage();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await flow.browser?.close().catch(() => undefined);
    await flow.server?.stop();
  });

  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    failed = true;
    if (shot || !flow.page || flow.page.isClosed()) return;
    shot = true;
    fs.mkdirSync(SHOT_DIR, { recursive: true });
    const file = path.join(SHOT_DIR, `${name}-${Date.now()}.png`);
    try {
      await flow.page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
      console.error(`[e2e] ${name}: "${ctx.task.name}" failed at ${flow.page.url()} — screenshot: ${file}`);
    } catch (err) {
      console.error(`[e2e] ${name}: screenshot failed: ${String(err)}`);
    }
  });

  return flow;
}

/** Waits until the element's visible text contains `expected` (or matches it), then returns the text. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<string> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    last = await locator.innerText({ timeout: 1_000 }).catch(() => '');
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() - t0 > timeout) {
      throw new Error(`waited ${timeout} ms for ${String(expected)} in ${locator.toString()}; its text was: ${JSON.stringify(last.slice(0, 500))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks `button` until `content` reaches `state`: a click that lands while antd still animates the layer can be lost. */
async function clickUntilGone(button: Locator, content: Locator, state: 'hidden' | 'detached'): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await button.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await content.waitFor({ state, timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/** Closes an antd confirm dialog (modal.success / modal.error) that holds `content`, by its own OK button. */
export function closeConfirm(page: Page, content: Locator): Promise<void> {
  return clickUntilGone(page.locator('.ant-modal-confirm', { has: content }).locator('.ant-modal-confirm-btns button').last(), content, 'detached');
}

/** Closes the antd drawer that holds `content` with its own close button (Escape goes to whatever has the focus: an open select keeps it). */
export function closeDrawer(page: Page, content: Locator): Promise<void> {
  return clickUntilGone(page.locator('.ant-drawer', { has: content }).locator('.ant-drawer-close'), content, 'hidden');
}

/**
 * An antd table by its data-testid. The testid sits on the inner `.ant-table`; this is the
 * wrapper around it, which also holds the loading spinner and the pagination.
 */
export function table(page: Page, testId: string): Locator {
  return page.locator('.ant-table-wrapper', { has: page.getByTestId(testId) });
}

/** The `data-row-key`s of a table's body rows (wrapper from `table()`), in order, once it is no longer loading. */
export async function rowKeys(wrapper: Locator): Promise<string[]> {
  await expect.poll(() => wrapper.locator('.ant-spin-spinning').count(), { timeout: 15_000, message: 'table still loading' }).toBe(0);
  return wrapper.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key') ?? ''));
}

/** Runs `action` and returns the file it makes the page download: suggested name and bytes. */
export async function captureDownload(page: Page, action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Picks an organisation in an OrgTreeSelect by typing its name and choosing the search result. */
export async function pickOrg(page: Page, testId: string, name: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: new RegExp(`^${name}\\s`) }).first().click();
  await waitForText(select, name);
}

/** Adds an option to a multiple select by typing `search` and clicking the option's test id (again if the click fell while the list moved). */
export async function addOption(page: Page, selectId: string, search: string, optionId: string): Promise<void> {
  const select = page.getByTestId(selectId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(search);
    await page.getByTestId(optionId).click();
    await page.keyboard.press('Escape');
    try {
      await waitForText(select, search, 3_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Chooses an option of an antd select by test ids, again if the click fell while the list was still opening or closing. */
export async function chooseOption(page: Page, selectId: string, optionId: string): Promise<void> {
  const select = page.getByTestId(selectId);
  const option = page.getByTestId(optionId);
  for (let attempt = 0; attempt < 5; attempt++) {
    // open the list unless it is open already (a second click would close it)
    if (!(await option.isVisible())) await select.click();
    const label = await option.innerText({ timeout: 4_000 }).catch(() => null);
    if (label !== null && await option.click({ timeout: 4_000 }).then(() => true, () => false)) {
      await option.waitFor({ state: 'hidden', timeout: 4_000 }).catch(() => undefined);
      if ((await select.innerText()).includes(label.trim())) return;
    } else {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not choose ${optionId} in ${selectId}`);
}

/** Picks a person in a PersonPicker by typing their name and choosing their option (again if the click fell while the list moved). */
export async function pickPerson(page: Page, testId: string, name: string, id: number): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(name);
    await page.getByTestId(`${testId}-option-${id}`).click();
    try {
      await waitForText(select, name, 3_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
