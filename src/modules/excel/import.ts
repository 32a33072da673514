/**
 * Imports of members and organisations from .xlsx: the upload is checked and opened in the
 * request; a job row tracks the rest, which runs in the background of the same process. All or
 * nothing: every row is checked first; any error fails the job and writes nothing; otherwise
 * every row is written in one transaction together with the audit event and the job's status.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/client.js';
import { importJobs } from '../../platform/db/schema.js';
import { insertEvent } from '../../platform/audit/store.js';
import type { Actor, OrgRef } from '../../platform/auth/access.js';
import { who, type AppContext } from '../../platform/http/context.js';
import { cellText, isExampleRow, mapHeaders, unwrap } from './parse.js';
import { checkMembers, checkOrgs, yieldToLoop, type Checked, type SheetRow } from './import-rows.js';
import { templateColumns } from './template.js';
import { DATA_SHEET, MAX_FILE_BYTES, MAX_IMPORT_ROWS, MAX_KEPT_ERRORS, type ImportKind, type RowError } from './schema.js';

/** An accepted upload: its name, SHA-256 and the opened workbook. */
export type Upload = { name: string; sha256: string; workbook: ExcelJS.Workbook };

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const invalidFile = () => new AppError('INVALID_FILE', '不是有效的 Excel (.xlsx) 文件', 'not a valid .xlsx file');

/** Checks an uploaded file and opens it: at most 10 MB, a ZIP archive, and a workbook exceljs can read. */
export async function readUpload(name: string, bytes: Buffer): Promise<Upload> {
  if (bytes.length > MAX_FILE_BYTES) throw new AppError('TOO_LARGE', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (bytes.length < 4 || !bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw invalidFile();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like Buffer; a copy as a plain ArrayBuffer satisfies both.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw invalidFile();
  }
  if (!workbook.worksheets.length) throw invalidFile();
  return { name, sha256: createHash('sha256').update(bytes).digest('hex'), workbook };
}

const fileError = (message: string, messageEn: string): RowError => ({ row: 0, column: '', message, messageEn });

/** The data rows of an import's sheet (header in row 1; empty rows and the example row skipped), or the problems of its layout. */
export function sheetRows(wb: ExcelJS.Workbook, kind: ImportKind): { rows: SheetRow[]; errors: RowError[] } {
  const columns = templateColumns(kind);
  const ws = wb.getWorksheet(DATA_SHEET[kind]) ?? wb.worksheets.find((w) => w.state === 'visible' && !['填写说明', '选项'].includes(w.name));
  if (!ws) return { rows: [], errors: [fileError('文件中没有可导入的工作表', 'the file has no sheet to import')] };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => { headers[col] = cellText(unwrap(cell.value)); });
  const { at, problems } = mapHeaders(headers, columns);
  if (problems.length) return { rows: [], errors: problems.map((p) => ({ row: 1, ...p })) };
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const get = (key: string) => {
      const c = at.get(key);
      return c === undefined ? null : unwrap(row.getCell(c).value);
    };
    if (columns.every((c) => cellText(get(c.key)) === '') || isExampleRow(cellText(get(columns[0].key)))) return;
    rows.push({ n, get });
  });
  if (!rows.length) return { rows, errors: [fileError(`“${ws.name}”工作表中没有数据行`, 'the sheet has no data rows')] };
  if (rows.length > MAX_IMPORT_ROWS) return { rows: [], errors: [fileError(`一次至多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请分批导入`, `at most ${MAX_IMPORT_ROWS} rows per import`)] };
  return { rows, errors: [] };
}

/** The error reported when writing fails after every row passed its checks. */
function writeFailure(e: unknown): RowError {
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (code === '23505') return fileError('写入时发现重复记录（可能有他人同时导入了相同数据），未导入任何数据，请重新上传', 'duplicate found while writing: nothing imported');
  return fileError('导入时发生内部错误，未导入任何数据', 'internal error while importing: nothing imported');
}

/** The view of a job for GET /imports/:id; undefined unless it belongs to `userId`. */
export async function getJob(db: Db, id: number, userId: number) {
  const [j] = await db.select().from(importJobs).where(and(eq(importJobs.id, id), eq(importJobs.userId, userId)));
  if (!j) return undefined;
  return { id: j.id, kind: j.kind, status: j.status as 'running' | 'failed' | 'done', total: j.total, done: j.done, errors: j.errors as RowError[], createdAt: j.createdAt, finishedAt: j.finishedAt };
}

/** Checks the rows of an import kind that another module owns (points), returning errors or a writer. */
export type RowChecker = (rows: SheetRow[], progress: (done: number) => Promise<void>) => Promise<Checked>;

type Job = { id: number; actor: Actor; kind: ImportKind; target: OrgRef; upload: Upload; checker?: RowChecker };

/** Runs imports in the background of this process and keeps their promises, so shutdown can wait for them. */
export class ImportRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly ctx: AppContext, private readonly log: FastifyBaseLogger) {}

  /** Creates the job row (status 'running'), starts the import and answers the job id at once. */
  async start(actor: Actor, kind: ImportKind, target: OrgRef, upload: Upload, checker?: RowChecker): Promise<number> {
    const [row] = await this.ctx.db.insert(importJobs).values({ kind, userId: actor.userId, orgId: target.id, status: 'running' }).returning({ id: importJobs.id });
    const job: Job = { id: row.id, actor, kind, target, upload, checker };
    const p: Promise<void> = yieldToLoop().then(() => this.run(job))
      .catch((err: unknown) => this.log.error({ err, jobId: job.id }, 'import job could not record its outcome'))
      .finally(() => { this.running.delete(p); });
    this.running.add(p);
    return job.id;
  }

  /** Resolves when every running import has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Checks every row; on any error records the failure and returns null, else the writer. */
  private async check(job: Job): Promise<Checked['write']> {
    const { db, keys } = this.ctx;
    try {
      const sheet = sheetRows(job.upload.workbook, job.kind);
      if (sheet.errors.length) return await this.fail(job, sheet.errors);
      await db.update(importJobs).set({ total: sheet.rows.length }).where(eq(importJobs.id, job.id));
      const progress = async (done: number) => {
        await db.update(importJobs).set({ done }).where(eq(importJobs.id, job.id));
        await yieldToLoop();
      };
      const checked = job.checker ? await job.checker(sheet.rows, progress)
        : job.kind === 'members' ? await checkMembers(db, keys, job.target, sheet.rows, progress)
          : await checkOrgs(db, job.target, sheet.rows, progress);
      return checked.write ?? await this.fail(job, checked.errors);
    } catch (err) {
      this.log.error({ err, jobId: job.id }, 'import check failed');
      return this.fail(job, [fileError('检查文件时发生内部错误，未导入任何数据', 'internal error while checking: nothing imported')]);
    }
  }

  private async run(job: Job): Promise<void> {
    const write = await this.check(job);
    if (!write) return;
    const { db } = this.ctx;
    const { id, actor, kind, target, upload } = job;
    try {
      await db.transaction(async (tx) => {
        const count = await write(tx);
        await insertEvent(tx, {
          type: 'import.completed', ...who(actor), countyId: target.countyId, orgId: target.id, orgPath: target.path, targetType: 'import_job', targetId: id,
          data: { kind, count, jobId: id, fileName: upload.name, sha256: upload.sha256 },
        });
        await tx.update(importJobs).set({ status: 'done', total: count, done: count, finishedAt: new Date() }).where(eq(importJobs.id, id));
      });
    } catch (err) {
      this.log.error({ err, jobId: id }, 'import write failed');
      await this.fail(job, [writeFailure(err)]);
    }
  }

  /** Records a failed import: the audit event in a transaction of its own, then the job's status and (at most 1000) errors. */
  private async fail(job: Job, errors: RowError[]): Promise<null> {
    const { db } = this.ctx;
    const { id, actor, kind, target, upload } = job;
    await db.transaction(async (tx) => {
      await insertEvent(tx, {
        type: 'import.failed', ...who(actor), countyId: target.countyId, orgId: target.id, orgPath: target.path, targetType: 'import_job', targetId: id,
        data: { kind, jobId: id, fileName: upload.name, sha256: upload.sha256, errorCount: errors.length },
      });
    });
    const kept = errors.length > MAX_KEPT_ERRORS
      ? [...errors.slice(0, MAX_KEPT_ERRORS), fileError(`另有 ${errors.length - MAX_KEPT_ERRORS} 处错误未列出`, `${errors.length - MAX_KEPT_ERRORS} more errors not listed`)]
      : errors;
    await db.update(importJobs).set({ status: 'failed', errors: kept, finishedAt: new Date() }).where(eq(importJobs.id, id));
    return null;
  }
}

/**
 * Marks imports that a stopped process left running as failed, so nobody waits on them; nothing
 * of them was written, since an import writes in one transaction at its end. With one process
 * (PGlite) every running job is such a leftover; on a server shared by several processes only
 * jobs older than an hour are.
 */
export async function failInterruptedImports(db: Db, singleProcess: boolean): Promise<number> {
  const error = { row: 0, column: '', message: '服务重启，导入中断，未写入任何数据，请重新上传', messageEn: 'the server restarted during the import: nothing was written, upload again' };
  return db.transaction(async (tx) => {
    const r = await tx.update(importJobs).set({ status: 'failed', finishedAt: new Date(), errors: [error] })
      .where(singleProcess ? eq(importJobs.status, 'running') : and(eq(importJobs.status, 'running'), lt(importJobs.createdAt, new Date(Date.now() - 3_600_000))))
      .returning({ id: importJobs.id });
    if (r.length) await insertEvent(tx, { type: 'import.failed', actorName: 'system', targetType: 'import_job', targetId: r.map((x) => x.id).join(','), data: { reason: 'interrupted by a restart', jobIds: r.map((x) => x.id) } });
    return r.length;
  });
}
