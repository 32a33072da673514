/** The file store through its API: refusals change nothing, content is stored once, scope holds, downloads are safe. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb, tempDir, testKeys } from '../../../test/db.js';
import { loginAs, PASSWORD, smallTree, type Client } from '../../../test/app.js';
import { apiPlugins } from '../../routes.js';
import { buildApp } from '../http/app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { rows, type Database } from '../db/client.js';
import type { AppContext } from '../http/context.js';
import { fileRoutes } from './routes.js';
import { DEFAULT_MAX_FILE_BYTES } from './service.js';
import { PDF, PNG } from './testing.js';

/** An app with the file routes, its files under a fresh temporary directory. */
async function appWithFiles(database: Database): Promise<{ ctx: AppContext; app: FastifyInstance }> {
  const config = loadConfig({ DATA_DIR: tempDir('xf-files-'), DEMO: '0', LOG_LEVEL: 'silent' }, []);
  const ctx: AppContext = { database, db: database.db, keys: testKeys, config };
  await bootstrap(ctx, { demo: false, adminPassword: PASSWORD });
  const app = await buildApp(ctx, [...apiPlugins.filter((p) => p !== fileRoutes), fileRoutes]);
  return { ctx, app };
}

/** A multipart/form-data body with one file part. */
function form(data: Buffer, filename: string, mime: string, field = 'file') {
  const boundary = `----xf${crypto.randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every stored blob (relative paths), ignoring the temporary directory. */
function blobs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => !p.startsWith('tmp') && fs.statSync(path.join(dir, p)).isFile()).sort();
}

describeDb('file store', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let a: Client, b: Client;

  const upload = (c: Client, orgId: number, data: Buffer, filename: string, mime: string, field?: string) => {
    const f = form(data, filename, mime, field);
    return app.inject({ method: 'POST', url: `/api/v1/files?orgId=${orgId}`, cookies: { xf_session: c.cookie }, headers: { 'x-csrf-token': c.csrf, ...f.headers }, payload: f.payload });
  };
  const state = async () => {
    const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM files`);
    const [{ e }] = await rows<{ e: number }>(ctx.db, sql`SELECT count(*)::int AS e FROM audit_events WHERE type = 'file.uploaded'`);
    const tmp = path.join(ctx.config.filesDir, 'tmp');
    return { files: n, events: e, blobs: blobs(ctx.config.filesDir), tmp: fs.existsSync(tmp) ? fs.readdirSync(tmp) : [] };
  };

  beforeAll(async () => {
    ({ app, ctx } = await appWithFiles(db()));
    t = await smallTree(ctx);
    a = await loginAs(app, 'seca');
    b = await loginAs(app, 'secb');
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
  });

  it('documents its routes in the OpenAPI spec', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/files', '/api/v1/files/{id}', '/api/v1/files/{id}/content']));
  });

  it('stores an upload with its audit event and serves it back safely', async () => {
    const r = await upload(a, t.commA, PDF, '会议纪要.pdf', 'application/pdf');
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json();
    expect(f).toMatchObject({ orgId: t.commA, name: '会议纪要.pdf', mime: 'application/pdf', size: PDF.length, sha256: crypto.createHash('sha256').update(PDF).digest('hex') });
    expect(fs.readFileSync(path.join(ctx.config.filesDir, f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256))).toEqual(PDF);

    const meta = await a.get(`/api/v1/files/${f.id}`);
    expect(meta.json()).toEqual(f);
    const dl = await a.get(`/api/v1/files/${f.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(PDF);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('会议纪要.pdf')}`);

    const [ev] = await rows<{ actor_name: string; org_path: string; target_id: string; data: { sha256: string } }>(ctx.db,
      sql`SELECT actor_name, org_path, target_id, data FROM audit_events WHERE type = 'file.uploaded' AND target_id = ${String(f.id)}`);
    expect(ev).toMatchObject({ actor_name: 'seca', target_id: String(f.id), data: { sha256: f.sha256 } });
    expect(ev.org_path).toMatch(new RegExp(`/${t.commA}/$`));
  });

  it('stores the same content once, however often and under whatever name it is uploaded', async () => {
    const before = await state();
    const content = Buffer.concat([PNG, crypto.randomBytes(64)]);
    const r1 = await upload(a, t.commA, content, '照片.png', 'image/png');
    const r2 = await upload(a, t.branchA, content, 'copy.png', 'application/octet-stream');
    expect([r1.statusCode, r2.statusCode]).toEqual([200, 200]);
    expect(r1.json().id).not.toBe(r2.json().id);
    expect(r1.json().sha256).toBe(r2.json().sha256);
    const after = await state();
    expect(after.files).toBe(before.files + 2);
    expect(after.events).toBe(before.events + 2);
    expect(after.blobs.length).toBe(before.blobs.length + 1);
    expect(after.tmp).toEqual([]);
  });

  it('accepts a real spreadsheet written by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('党员').addRow(['姓名', '支部']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(a, t.commA, xlsx, '花名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses wrong types, disguises, empty and oversized files, and changes nothing', async () => {
    const before = await state();
    const cases: [Buffer, string, string, number, string][] = [
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'setup.exe', 'application/octet-stream', 415, 'UNSUPPORTED_TYPE'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'report.pdf', 'application/pdf', 415, 'UNSUPPORTED_TYPE'],
      [PNG, 'photo.png', 'application/pdf', 415, 'UNSUPPORTED_TYPE'],
      [PNG, 'photo.pdf', 'application/octet-stream', 415, 'UNSUPPORTED_TYPE'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'page.html', 'text/html', 415, 'UNSUPPORTED_TYPE'],
      [Buffer.alloc(0), 'empty.txt', 'text/plain', 400, 'INVALID_FILE'],
      [Buffer.concat([PDF, Buffer.alloc(DEFAULT_MAX_FILE_BYTES + 1 - PDF.length)]), 'big.pdf', 'application/pdf', 413, 'TOO_LARGE'],
    ];
    for (const [data, name, mime, status, code] of cases) {
      const r = await upload(a, t.commA, data, name, mime);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
      expect(r.json().error.code, name).toBe(code);
    }
    const wrongField = await upload(a, t.commA, PDF, 'a.pdf', 'application/pdf', 'attachment');
    expect(wrongField.statusCode).toBe(400);
    const notMultipart = await a.post(`/api/v1/files?orgId=${t.commA}`, { file: 'x' });
    expect(notMultipart.json().error.code).toBe('UNSUPPORTED_TYPE');
    expect(await state()).toEqual(before);
  });

  it('accepts a file of exactly the size limit', async () => {
    const r = await upload(a, t.commA, Buffer.concat([PDF, Buffer.alloc(DEFAULT_MAX_FILE_BYTES - PDF.length, 0x20)]), 'max.pdf', 'application/pdf');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().size).toBe(DEFAULT_MAX_FILE_BYTES);
  });

  it('keeps one community out of another\'s files, and lets only writers upload', async () => {
    const f = (await upload(a, t.commA, Buffer.from('甲社区内部材料'), '材料.txt', 'text/plain')).json();
    expect(f.mime).toBe('text/plain; charset=utf-8');
    const before = await state();
    expect((await b.get(`/api/v1/files/${f.id}`)).statusCode).toBe(404);
    expect((await b.get(`/api/v1/files/${f.id}/content`)).statusCode).toBe(404);
    expect((await b.get('/api/v1/files/999999')).json().error.message).toBe((await b.get(`/api/v1/files/${f.id}`)).json().error.message);
    expect((await upload(b, t.commA, PDF, 'x.pdf', 'application/pdf')).statusCode).toBe(404);
    const auditor = await loginAs(app, 'auditor');
    expect((await auditor.get(`/api/v1/files/${f.id}`)).statusCode).toBe(200);
    expect((await upload(auditor, t.commA, PDF, 'x.pdf', 'application/pdf')).statusCode).toBe(403);
    const branch = await loginAs(app, 'brancha');
    expect((await upload(branch, t.commA, PDF, 'x.pdf', 'application/pdf')).statusCode).toBe(404);
    expect(await state()).toEqual(before);
    expect((await upload(branch, t.branchA, PDF, 'x.pdf', 'application/pdf')).statusCode).toBe(200);
    const street = await loginAs(app, 'streetadm');
    expect((await street.get(`/api/v1/files/${f.id}/content`)).body).toBe('甲社区内部材料');
  });
});
