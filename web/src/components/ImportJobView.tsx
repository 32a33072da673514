/**
 * What every Excel import of the app shares: the .xlsx picker with its checks, the upload that
 * starts a job on the shared import runner (202 {jobId}, or 400 with row errors when the file is
 * refused at once), polling GET /imports/:id until the job ends, and the progress and result
 * views (success with the count written, or the per-row error table: all or nothing).
 */
import { useEffect, useRef, useState } from 'react';
import { Grid, Progress, Result, Table, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError, api } from '../api.ts';
import type { Query } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import type { ImportJob, ImportRowError } from '../types.ts';

/** The largest file the picker accepts. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024; // as the server checks (MAX_FILE_BYTES)
const POLL_MS = 1000;
const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The row errors of an upload refused at once (400 with error.details), or null for any other error. */
export function rowErrorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  const rows = err.details.filter((d): d is ImportRowError => typeof d === 'object' && d !== null && 'row' in d && 'message' in d);
  return rows.length ? rows : null;
}

/** Whether a finished job wrote nothing (failed, or reported errors). */
export function jobFailed(job: ImportJob | null): boolean {
  return job !== null && (job.status === 'failed' || job.errors.length > 0);
}

/** How many records a successful job wrote. */
export function jobCount(job: ImportJob): number {
  return job.done || job.total;
}

export type ImportJobState = {
  /** The job: null before an upload; status 'running' while it runs. */
  job: ImportJob | null;
  /** The upload is on its way. */
  uploading: boolean;
  running: boolean;
  finished: boolean;
  failed: boolean;
  /** Rows checked so far, 0–100. */
  percent: number;
  /** Uploads `file` (multipart field `file`) to `path` with `query` and follows the job it starts. */
  start: (path: string, file: File, query?: Query) => Promise<void>;
  /** Forgets the job (and stops following it). */
  reset: () => void;
};

/**
 * Uploads a file to an import endpoint and follows the job. `onFinish` is called once when the
 * job ends (or the upload is refused with row errors).
 */
export function useImportJob(onFinish?: (job: ImportJob) => void): ImportJobState {
  const fb = useFeedback();
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const finish = useRef(onFinish);
  finish.current = onFinish;
  const generation = useRef(0);

  useEffect(() => {
    if (!jobId) return undefined;
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const j = await api.get<ImportJob>(`/imports/${jobId}`);
        if (!live) return;
        setJob(j);
        if (j.status === 'running') timer = window.setTimeout(() => void poll(), POLL_MS);
        else finish.current?.(j);
      } catch (err) {
        if (live) fb.error(err);
      }
    };
    void poll();
    return () => { live = false; window.clearTimeout(timer); };
  }, [jobId, fb]);

  const start = async (path: string, file: File, query?: Query) => {
    const mine = ++generation.current;
    setUploading(true);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await api.upload<{ jobId: string | number }>(path, form, query);
      if (mine !== generation.current) return;
      setJob({ status: 'running', total: 0, done: 0, errors: [] });
      setJobId(String(res.jobId));
    } catch (err) {
      if (mine !== generation.current) return;
      const rows = rowErrorsOf(err);
      if (rows) {
        const failed: ImportJob = { status: 'failed', total: 0, done: 0, errors: rows };
        setJob(failed);
        finish.current?.(failed);
      } else {
        fb.error(err);
      }
    } finally {
      if (mine === generation.current) setUploading(false);
    }
  };

  const reset = () => {
    generation.current++;
    setUploading(false);
    setJob(null);
    setJobId(null);
  };

  const running = job?.status === 'running';
  return {
    job, uploading, running, finished: job !== null && !running, failed: !running && jobFailed(job),
    percent: job && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0,
    start, reset,
  };
}

type PickerProps = {
  file: File | null;
  onChange: (file: File | null) => void;
  disabled?: boolean;
  /** On the wrapper, which holds the file input. */
  testId: string;
};

/** A drop zone for one .xlsx file of at most 10 MB; the file is kept, not sent. */
export function XlsxPicker({ file, onChange, disabled, testId }: PickerProps) {
  const t = useT();
  const fb = useFeedback();
  return (
    <div data-testid={testId}>
      <Upload.Dragger accept={XLSX_ACCEPT} multiple={false} maxCount={1} disabled={disabled}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : []}
        onRemove={() => { onChange(null); return true; }}
        beforeUpload={(f) => {
          if (!f.name.toLowerCase().endsWith('.xlsx')) { fb.error(new Error(t('import.onlyXlsx'))); return Upload.LIST_IGNORE; }
          if (f.size > MAX_IMPORT_BYTES) { fb.error(new Error(t('import.tooBig'))); return Upload.LIST_IGNORE; }
          onChange(f);
          return false;
        }}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('import.dragHint')}</p>
        <p className="ant-upload-hint">{t('import.dragSub')}</p>
      </Upload.Dragger>
    </div>
  );
}

/** The progress of a running job. */
export function ImportProgress({ state, testId }: { state: ImportJobState; testId: string }) {
  const t = useT();
  const { job, percent } = state;
  return (
    <div style={{ textAlign: 'center', padding: 24 }} data-testid={testId}>
      <Progress type="circle" percent={percent} status="active" />
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('import.running')}</Typography.Paragraph>
      {job && job.total > 0 && <Typography.Text type="secondary">{t('import.progress', { done: job.done, total: job.total })}</Typography.Text>}
    </div>
  );
}

type ResultProps = {
  state: ImportJobState;
  /** data-testid of the success view and of the failure view (the same id for both is fine). */
  successTestId: string;
  failureTestId: string;
  errorsTestId: string;
  /** What a successful import says it wrote. */
  successText?: (n: number) => string;
  /** Buttons under the success view and the failure view. */
  successExtra?: ReactNode;
  failureExtra?: ReactNode;
};

/** The end of a job: success with the count written, or the errors by row (nothing written). */
export function ImportResult({ state, successTestId, failureTestId, errorsTestId, successText, successExtra, failureExtra }: ResultProps) {
  const t = useT();
  const lang = useLang();
  // on a phone the message column keeps most of the width
  const wide = Grid.useBreakpoint().md ?? false;
  const { job } = state;
  if (!job || !state.finished) return null;
  if (state.failed) {
    return (
      <div data-testid={failureTestId}>
        <Result status="error" title={t('import.failed')} subTitle={t('import.failedDesc', { n: job.errors.length })} extra={failureExtra} />
        <Table<ImportRowError> size="small" bordered rowKey={(r) => `${r.row}|${r.column ?? ''}|${r.message}`} dataSource={job.errors}
          pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid={errorsTestId}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: wide ? 80 : 56 },
            { title: t('import.column'), dataIndex: 'column', width: wide ? 160 : 96 },
            { title: t('import.error'), dataIndex: 'message', render: (v: string, r) => (lang === 'en' && r.messageEn ? r.messageEn : v) },
          ]} />
      </div>
    );
  }
  const n = jobCount(job);
  return (
    <Result status="success" title={t('import.success')} subTitle={successText ? successText(n) : t('import.successDesc', { n })}
      data-testid={successTestId} extra={successExtra} />
  );
}
