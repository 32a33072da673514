/** Per criterion of the level: its text and group, 达到, a note and text/link/file evidence (editable or read-only). */
import { useState } from 'react';
import { Button, Card, Checkbox, Divider, Empty, Form, Input, Progress, Space, Tag, Typography, Upload } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, FileTextOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { API_BASE, api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { OutcomeTag, SafeLink } from './shared.tsx';
import type { Claim, Criterion, CriterionOutcome, Evidence } from './types.ts';

/** One piece of evidence as a form row. */
export type EvidenceRow = { kind: 'text' | 'link' | 'file'; text?: string; url?: string; title?: string; fileId?: number; name?: string };
/** One claim as form values. */
export type ClaimValues = { met?: boolean; note?: string; evidence?: EvidenceRow[] };

/** Stored claims of the criteria → form values. */
export function claimValues(criteria: Criterion[], claims: Record<string, Claim>): Record<string, ClaimValues> {
  return Object.fromEntries(criteria.map((c) => {
    const x = claims[c.code];
    const evidence: EvidenceRow[] = (x?.evidence ?? []).map((e) => (e.kind === 'text' ? { kind: 'text', text: e.text }
      : e.kind === 'link' ? { kind: 'link', url: e.url, title: e.title ?? '' } : { kind: 'file', fileId: e.fileId, name: e.name ?? '' }));
    return [c.code, { met: x?.met === true, note: x?.note ?? '', evidence }];
  }));
}

/** Form values → claims the API takes; empty evidence rows are left out. */
export function claimsOut(values: Record<string, ClaimValues> | undefined): Record<string, Claim> {
  const out: Record<string, Claim> = {};
  for (const [code, v] of Object.entries(values ?? {})) {
    const evidence: Evidence[] = [];
    for (const e of v.evidence ?? []) {
      if (e.kind === 'text' && e.text?.trim()) evidence.push({ kind: 'text', text: e.text.trim() });
      else if (e.kind === 'link' && e.url?.trim()) evidence.push({ kind: 'link', url: e.url.trim(), title: e.title?.trim() || null });
      else if (e.kind === 'file' && e.fileId) evidence.push({ kind: 'file', fileId: e.fileId, name: e.name || null });
    }
    out[code] = { met: Boolean(v.met), note: v.note?.trim() || null, evidence };
  }
  return out;
}

/** The largest file the server takes by default (FILES_MAX_MB = 10). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The types /files accepts (PDF, images, Word, Excel, plain text). */
const FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.txt';
/** The record POST /files answers. */
type UploadedFile = { id: number; name: string };

/** A stored file's name as a download link. */
function FileLink({ fileId, name }: { fileId: number; name: string }) {
  return <a href={`${API_BASE}/files/${fileId}/content`} download style={{ wordBreak: 'break-all' }}><PaperClipOutlined /> {name}</a>;
}

/** 上传附件: picks one file, uploads it under the organisation, and on success adds it as evidence. */
function FileAdder({ code, orgId, full, onAdd }: { code: string; orgId: number; full: () => boolean; onAdd: (row: EvidenceRow) => void }) {
  const t = useT();
  const lang = useLang();
  const [uploading, setUploading] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Upload accept={FILE_ACCEPT} multiple={false} showUploadList={false} disabled={uploading !== null}
        beforeUpload={(f) => {
          if (f.size > MAX_FILE_BYTES) { setError(t('stars.claim.fileTooBig', { mb: MAX_FILE_BYTES / 1024 / 1024 })); return Upload.LIST_IGNORE; }
          setError(null);
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          const form = new FormData();
          form.append('file', f, f.name);
          setUploading(f.name);
          setSent(0);
          api.uploadWithProgress<UploadedFile>('/files', form, { orgId }, setSent)
            .then((res) => {
              if (full()) setError(t('stars.claim.fileFull'));
              else onAdd({ kind: 'file', fileId: res.id, name: res.name.slice(0, 200) });
              onSuccess?.(res);
            })
            .catch((err: unknown) => {
              setError(errorText(err, lang));
              onError?.(err instanceof Error ? err : new Error(String(err)));
            })
            .finally(() => setUploading(null));
        }}>
        <Button size="small" icon={<UploadOutlined />} loading={uploading !== null} data-testid={`star-claim-add-file-${code}`}>{t('stars.claim.addFile')}</Button>
      </Upload>
      {uploading !== null && (
        <div style={{ minWidth: 200, maxWidth: 320 }} data-testid={`star-claim-file-uploading-${code}`}>
          <Typography.Text type="secondary" ellipsis>{t('stars.claim.uploading', { name: uploading })}</Typography.Text>
          <Progress percent={Math.floor(sent * 100)} size="small" status="active" aria-label={t('stars.claim.uploading', { name: uploading })} />
        </div>
      )}
      {error && <Typography.Text type="danger" data-testid={`star-claim-file-error-${code}`}>{error}</Typography.Text>}
    </>
  );
}

function EvidenceList({ code, orgId, form }: { code: string; orgId: number; form: FormInstance }) {
  const t = useT();
  const path = ['claims', code, 'evidence'];
  return (
    <Form.List name={['claims', code, 'evidence']}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          {fields.map((f, i) => {
            const kind = form.getFieldValue(['claims', code, 'evidence', f.name, 'kind']) as EvidenceRow['kind'];
            const remover = <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} data-testid={`star-claim-evidence-remove-${code}-${i}`} />;
            if (kind === 'file') {
              const row = form.getFieldValue([...path, f.name]) as EvidenceRow;
              return (
                <div key={f.key} style={{ display: 'flex', gap: 6, alignItems: 'center' }} data-testid={`star-claim-evidence-${code}-${i}`}>
                  <FileLink fileId={row.fileId ?? 0} name={row.name || t('stars.claim.file')} />{remover}
                </div>
              );
            }
            if (kind === 'link') {
              return (
                <div key={f.key} style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                  <Form.Item name={[f.name, 'url']} noStyle rules={[{ type: 'url', message: t('stars.claim.badUrl') }, { required: true, message: t('stars.claim.urlRequired') }]}>
                    <Input prefix={<LinkOutlined />} placeholder="https://" maxLength={500} style={{ flex: '2 1 220px' }} data-testid={`star-claim-evidence-${code}-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} noStyle>
                    <Input placeholder={t('stars.claim.linkTitle')} maxLength={100} style={{ flex: '1 1 140px' }} data-testid={`star-claim-evidence-title-${code}-${i}`} />
                  </Form.Item>
                  {remover}
                </div>
              );
            }
            return (
              <div key={f.key} style={{ display: 'flex', gap: 6 }}>
                <Form.Item name={[f.name, 'text']} noStyle rules={[{ required: true, whitespace: true, message: t('stars.claim.textRequired') }]}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('stars.claim.textEvidence')} data-testid={`star-claim-evidence-${code}-${i}`} />
                </Form.Item>
                {remover}
              </div>
            );
          })}
          {fields.length < 10 && (
            <Space wrap size={6}>
              <Button size="small" icon={<FileTextOutlined />} onClick={() => add({ kind: 'text', text: '' })} data-testid={`star-claim-add-text-${code}`}>{t('stars.claim.addText')}</Button>
              <Button size="small" icon={<LinkOutlined />} onClick={() => add({ kind: 'link', url: '', title: '' })} data-testid={`star-claim-add-link-${code}`}>{t('stars.claim.addLink')}</Button>
              <FileAdder code={code} orgId={orgId} onAdd={(row) => add(row)}
                full={() => ((form.getFieldValue(path) as EvidenceRow[] | undefined)?.length ?? 0) >= 10} />
            </Space>
          )}
        </Space>
      )}
    </Form.List>
  );
}

function ReadOnlyClaim({ claim }: { claim: Claim | undefined }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <span>{claim?.met ? <Tag color="blue">{t('stars.claim.claimed')}</Tag> : <Tag>{t('stars.claim.notClaimed')}</Tag>}</span>
      {claim?.note && <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{claim.note}</Typography.Paragraph>}
      {(claim?.evidence ?? []).map((e, i) => (
        <div key={i} style={{ wordBreak: 'break-all' }}>
          {e.kind === 'text' && <><FileTextOutlined /> <span style={{ whiteSpace: 'pre-wrap' }}>{e.text}</span></>}
          {e.kind === 'link' && <><LinkOutlined /> <SafeLink url={e.url} title={e.title} /></>}
          {e.kind === 'file' && <FileLink fileId={e.fileId} name={e.name || t('stars.claim.file')} />}
        </div>
      ))}
    </Space>
  );
}

/** The criteria of the level, grouped by their group (1–4). */
export function ClaimsFields({ criteria, claims, outcomes, editable, form, orgId }: {
  criteria: Criterion[];
  claims: Record<string, Claim>;
  outcomes: CriterionOutcome[];
  editable: boolean;
  form: FormInstance;
  /** The application's organisation, under which evidence files are uploaded. */
  orgId: number;
}) {
  const t = useT();
  if (!criteria.length) return <Empty />;
  const groups = [...new Set(criteria.map((c) => c.group))].sort((a, b) => a - b);
  return (
    <div data-testid="star-claims">
      {groups.map((g) => (
        <div key={g}>
          <Divider titlePlacement="start" style={{ margin: '12px 0' }}>{t('stars.claim.group', { n: g })}</Divider>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {criteria.filter((c) => c.group === g).map((c) => {
              const outcome = outcomes.find((o) => o.code === c.code);
              return (
                <Card key={c.code} size="small" data-testid={`star-claim-${c.code}`}
                  title={<Space wrap size={4}>
                    <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{c.code}</Typography.Text>
                    {c.checks.length ? <Tag color="geekblue">{t('stars.claim.measurable')}</Tag> : <Tag>{t('stars.claim.byClaim')}</Tag>}
                  </Space>}
                  extra={outcome && <OutcomeTag met={outcome.met} t={t} />}>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>{c.text}</Typography.Paragraph>
                  {c.checks.length > 0 && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('stars.claim.measurableHint')}</Typography.Paragraph>}
                  {editable ? (
                    <>
                      <Form.Item name={['claims', c.code, 'met']} valuePropName="checked" style={{ marginBottom: 8 }}>
                        <Checkbox data-testid={`star-claim-met-${c.code}`}>{t('stars.claim.met')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={['claims', c.code, 'note']} style={{ marginBottom: 8 }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('stars.claim.note')} data-testid={`star-claim-note-${c.code}`} />
                      </Form.Item>
                      <EvidenceList code={c.code} orgId={orgId} form={form} />
                    </>
                  ) : <ReadOnlyClaim claim={claims[c.code]} />}
                </Card>
              );
            })}
          </Space>
        </div>
      ))}
    </div>
  );
}
