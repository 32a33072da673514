/** 数据导入: a wizard — type and target → template → upload .xlsx → progress → result (all-or-nothing). */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Progress, Radio, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import type { ImportJob, ImportRowError } from '../types.ts';

type Kind = 'members' | 'orgs';
const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 1000;

function rowErrorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  const rows = err.details.filter((d): d is ImportRowError => typeof d === 'object' && d !== null && 'row' in d && 'message' in d);
  return rows.length ? rows : null;
}

/** The import wizard. */
export function ImportPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<Kind>('members');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!jobId) return undefined;
    let live = true;
    const poll = async () => {
      try {
        const j = await api.get<ImportJob>(`/imports/${jobId}`);
        if (!live) return;
        setJob(j);
        if (j.status === 'running') timer.current = window.setTimeout(() => void poll(), POLL_MS);
        else setStep(4);
      } catch (err) {
        if (live) fb.error(err);
      }
    };
    void poll();
    return () => { live = false; window.clearTimeout(timer.current); };
  }, [jobId, fb]);

  const getTemplate = async () => {
    try {
      await download(`/excel/templates/${kind}`, { orgId }, kind === 'members' ? '党员信息导入模板.xlsx' : '组织机构导入模板.xlsx');
    } catch (err) {
      fb.error(err);
    }
  };

  const start = async () => {
    if (!file || !orgId) return;
    setBusy(true);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await api.upload<{ jobId: string | number }>(`/imports/${kind}`, form, { orgId });
      setJob({ status: 'running', total: 0, done: 0, errors: [] });
      setJobId(String(res.jobId));
      setStep(3);
    } catch (err) {
      const rows = rowErrorsOf(err);
      if (rows) {
        setJob({ status: 'failed', total: 0, done: 0, errors: rows });
        setStep(4);
      } else {
        fb.error(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setFile(null);
    setJob(null);
    setJobId(null);
    setStep(2);
  };

  const percent = job && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  const failed = job !== null && (job.status === 'failed' || job.errors.length > 0);

  return (
    <Card title={t('import.title')} data-testid="import-page">
      <Steps current={step} status={step < 4 ? 'process' : failed ? 'error' : 'finish'} style={{ marginBottom: 32 }} responsive items={[
        { title: t('import.step.kind') }, { title: t('import.step.template') }, { title: t('import.step.upload') },
        { title: t('import.step.progress') }, { title: t('import.step.result') },
      ]} />
      <div style={{ maxWidth: 880, margin: '0 auto' }}>
        {step === 0 && (
          <Form layout="vertical">
            <Form.Item label={t('import.kind')}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)} optionType="button" buttonStyle="solid" data-testid="import-kind"
                options={[{ value: 'members', label: t('import.kind.members') }, { value: 'orgs', label: t('import.kind.orgs') }]} />
            </Form.Item>
            <Form.Item label={kind === 'orgs' ? t('import.targetOrgs') : t('import.target')} required>
              <OrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: 400, maxWidth: '100%' }} data-testid="import-org" />
            </Form.Item>
            <Button type="primary" disabled={!orgId} onClick={() => setStep(1)} data-testid="import-next">{t('import.next')}</Button>
          </Form>
        )}
        {step === 1 && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('import.templateDesc')} />
            <Button icon={<DownloadOutlined />} onClick={() => void getTemplate()} data-testid="import-template">{t('import.download')}</Button>
            <Space>
              <Button onClick={() => setStep(0)}>{t('import.prev')}</Button>
              <Button type="primary" onClick={() => setStep(2)} data-testid="import-next">{t('import.next')}</Button>
            </Space>
          </Space>
        )}
        {step === 2 && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={t('import.atomicHint')} />
            <div data-testid="import-upload">
              <Upload.Dragger accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" multiple={false} maxCount={1}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : []}
                onRemove={() => { setFile(null); return true; }}
                beforeUpload={(f) => {
                  if (!f.name.toLowerCase().endsWith('.xlsx')) { fb.error(new Error(t('import.onlyXlsx'))); return Upload.LIST_IGNORE; }
                  if (f.size > MAX_BYTES) { fb.error(new Error(t('import.tooBig'))); return Upload.LIST_IGNORE; }
                  setFile(f);
                  return false;
                }}>
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{t('import.dragHint')}</p>
                <p className="ant-upload-hint">{t('import.dragSub')}</p>
              </Upload.Dragger>
            </div>
            <Space>
              <Button onClick={() => setStep(1)}>{t('import.prev')}</Button>
              <Button type="primary" disabled={!file} loading={busy} onClick={() => void start()} data-testid="import-start">{t('import.start')}</Button>
            </Space>
          </Space>
        )}
        {step === 3 && (
          <div style={{ textAlign: 'center', padding: 24 }} data-testid="import-progress">
            <Progress type="circle" percent={percent} status="active" />
            <Typography.Paragraph style={{ marginTop: 16 }}>{t('import.running')}</Typography.Paragraph>
            {job && job.total > 0 && <Typography.Text type="secondary">{t('import.progress', { done: job.done, total: job.total })}</Typography.Text>}
          </div>
        )}
        {step === 4 && job && (
          failed ? (
            <div data-testid="import-result">
              <Result status="error" title={t('import.failed')} subTitle={t('import.failedDesc', { n: job.errors.length })}
                extra={<Button type="primary" onClick={restart} data-testid="import-again">{t('import.again')}</Button>} />
              <Table<ImportRowError> size="small" bordered rowKey={(r) => `${r.row}|${r.column ?? ''}|${r.message}`} dataSource={job.errors}
                pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="import-errors"
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 80 },
                  { title: t('import.column'), dataIndex: 'column', width: 160 },
                  { title: t('import.error'), dataIndex: 'message', render: (v: string, r) => (lang === 'en' && r.messageEn ? r.messageEn : v) },
                ]} />
            </div>
          ) : (
            <Result status="success" title={t('import.success')} subTitle={t('import.successDesc', { n: job.done || job.total })} data-testid="import-result"
              extra={<Button type="primary" onClick={() => { restart(); setStep(0); }} data-testid="import-again">{t('import.again')}</Button>} />
          )
        )}
      </div>
    </Card>
  );
}
