/**
 * 居民诉求 · 意见建议 (public, no login, phone first): a resident of a community raises a request or
 * makes a suggestion: category with its time limit, what and where, an optional grid and name, the
 * phone for follow-up, up to three photos (large ones compressed here to JPEG ≤ 2 MB) and the small
 * sum that keeps scripts out. The answer is a tracking code to keep; with it and the phone the
 * resident follows the request on /public/requests/track (the code after #, never in server logs).
 */
import { PublicShell } from '../components/PublicShell.tsx';
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Result, Segmented, Select, Space, Spin, Typography } from 'antd';
import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { PhotoPicker, usePhotos } from '../components/requests/PhotoPicker.tsx';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { errorText, fieldIssues } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import type { Lang, TFunction } from '../i18n.ts';

type Category = { id: number; name: string; limitDays: number };
type FormInfo = { community: { id: number; name: string }; categories: Category[]; grids: { id: number; name: string; kind: string }[]; photoMaxBytes: number };
type Challenge = { token: string; question: string };
type Values = { kind: '诉求' | '意见建议'; categoryId?: number; title?: string; body?: string; place?: string; gridId?: number; contactName?: string; phone?: string; answer?: string };

const FIELDS = ['kind', 'categoryId', 'title', 'body', 'place', 'gridId', 'contactName', 'phone'] as const;
export const PHONE_RE = /^1[3-9]\d{9}$/;


/** Copies text, with the old way for pages served without https (no Clipboard API there). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  Object.assign(ta.style, { position: 'fixed', top: '0', opacity: '0' });
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  ta.remove();
  return ok;
}

/** The message of one field issue in the language shown; the whole error's English when the issue has none. */
function issueText(err: unknown, issue: { message: string; messageEn?: string }, lang: Lang): string {
  if (lang !== 'en') return issue.message;
  return issue.messageEn ?? (err instanceof ApiError && fieldIssues(err).length === 1 ? err.messageEn : issue.message);
}

/** The tracking code after a submission: large, copyable, with how to follow it. */
function Done({ code, onAnother, t }: { code: string; onAnother: () => void; t: TFunction }) {
  const { message } = App.useApp();
  const copy = async () => { if (await copyText(code)) void message.success(t('rp.copied')); else void message.warning(t('rp.copyFailed')); };
  return (
    <Card data-testid="req-done" style={{ border: '2px solid #52c41a', background: '#f6ffed' }}>
      <Typography.Title level={4} style={{ marginTop: 0, textAlign: 'center' }}>{t('rp.done')}</Typography.Title>
      <Typography.Text type="secondary">{t('rp.codeLabel')}</Typography.Text>
      <div style={{ textAlign: 'center', margin: '8px 0 12px' }}>
        <span data-testid="req-tracking-code" style={{ fontFamily: 'monospace', fontSize: 30, fontWeight: 700, letterSpacing: 2, userSelect: 'all', wordBreak: 'break-all' }}>{code}</span>
      </div>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Button block size="large" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="req-copy">{t('rp.copy')}</Button>
        <Alert type="warning" showIcon title={t('rp.keep')} data-testid="req-keep" />
        <Link to={{ pathname: '/public/requests/track', hash: `code=${code}` }} data-testid="req-track-link">
          <Button type="primary" block size="large">{t('rp.trackLink')}</Button>
        </Link>
        <Button block type="link" onClick={onAnother} data-testid="req-another">{t('rp.another')}</Button>
      </Space>
    </Card>
  );
}

/** The public request form. */
export function PublicRequestPage() {
  const t = useT();
  const lang = useLang();
  const { communityId } = useParams();
  const id = Number(communityId);
  const [form] = Form.useForm<Values>();
  const [info, setInfo] = useState<FormInfo | null>(null);
  const [problem, setProblem] = useState<{ notFound: boolean; err?: unknown } | null>(null);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [challengeError, setChallengeError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const categoryId = Form.useWatch('categoryId', form);

  const loadChallenge = useCallback(async () => {
    setChallengeError(null);
    try {
      setChallenge(await api.get<Challenge>('/public/requests/challenge'));
    } catch (err) {
      setChallenge(null);
      setChallengeError(err);
    }
  }, []);

  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) { setProblem({ notFound: true }); return undefined; }
    const ctrl = new AbortController();
    setInfo(null);
    setProblem(null);
    api.get<FormInfo>(`/public/requests/form/${id}`, undefined, ctrl.signal)
      .then((f) => { setInfo(f); void loadChallenge(); })
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setProblem({ notFound: err instanceof ApiError && err.status === 404, err });
      });
    return () => ctrl.abort();
  }, [id, loadChallenge]);

  const photos = usePhotos(info?.photoMaxBytes ?? 2 * 1024 * 1024);

  const showErrors = (err: unknown) => {
    const fields: { name: (typeof FIELDS)[number]; errors: string[] }[] = [];
    const answer: string[] = [];
    let photoMsg: string | null = null;
    for (const issue of fieldIssues(err)) {
      const head = String(issue.path[0] ?? '');
      const text = issueText(err, issue, lang);
      if (head === 'challenge') answer.push(text);
      else if (head === 'photos') photoMsg = err instanceof ApiError && err.code !== 'VALIDATION' ? errorText(err, lang) : text;
      else if ((FIELDS as readonly string[]).includes(head)) fields.push({ name: head as (typeof FIELDS)[number], errors: [text] });
    }
    // the check is single-use: its answer goes with it, and a new question is fetched
    form.setFields([...fields, { name: 'answer', value: '', errors: answer }]);
    photos.setError(photoMsg);
    const matched = fields.length + answer.length + (photoMsg ? 1 : 0);
    setError(matched ? null : err);
    const first = fields[0]?.name ?? (photoMsg ? null : answer.length ? 'answer' : null);
    if (first) form.scrollToField(first, { block: 'center' });
  };

  const submit = async (v: Values) => {
    if (!challenge || !info) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ trackingCode: string }>('/public/requests', {
        communityId: info.community.id, kind: v.kind, categoryId: v.categoryId, title: v.title ?? '', body: v.body ?? '', place: v.place?.trim() || null,
        gridId: v.gridId ?? null, contactName: v.contactName?.trim() || null, phone: v.phone ?? '', photos: photos.payload(),
        challenge: { token: challenge.token, answer: Number(v.answer) },
      });
      setCode(r.trackingCode);
      window.scrollTo(0, 0);
    } catch (err) {
      showErrors(err);
      void loadChallenge();
    } finally {
      setBusy(false);
    }
  };

  const another = () => {
    form.resetFields();
    photos.reset();
    setCode(null);
    void loadChallenge();
  };

  const category = info?.categories.find((c) => c.id === categoryId);
  const req = [{ required: true, whitespace: true, message: t('rp.required') }];
  return (
    <PublicShell title={t('rp.title')} subtitle={info?.community.name ?? t('rp.subtitle')} testId="req-page">
      {problem && <Result status={problem.notFound ? '404' : 'error'} title={problem.notFound ? t('rp.notFound') : errorText(problem.err, lang)} data-testid="req-error-page" />}
      {!problem && !info && <div style={{ textAlign: 'center', padding: 60 }}><Spin size="large" /></div>}
      {info && code && <Done code={code} onAnother={another} t={t} />}
      {info && !code && (
        <Card size="small">
          <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="req-community">{info.community.name}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('rp.intro')}</Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" initialValues={{ kind: '诉求' }} onFinish={(v) => void submit(v)} data-testid="req-form"
            onFinishFailed={({ errorFields }) => { if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' }); }}>
            <Form.Item name="kind" label={t('rp.kind')}>
              <Segmented block size="large" data-testid="req-kind" options={(['诉求', '意见建议'] as const).map((k) => ({ value: k, label: t(`rp.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="categoryId" label={t('rp.category')} rules={[{ required: true, message: t('rp.categoryPick') }]}
              extra={category ? <span data-testid="req-category-limit">{t('rp.limit', { n: category.limitDays })}</span> : undefined}>
              <Select size="large" placeholder={t('rp.categoryPick')} virtual={false} data-testid="req-category"
                options={info.categories.map((c) => ({ value: c.id, label: c.name }))}
                optionRender={(o) => {
                  const c = info.categories.find((x) => x.id === o.value);
                  return (
                    <div data-testid={`req-category-option-${String(o.value)}`} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <span>{o.label}</span>
                      {c && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rp.limit', { n: c.limitDays })}</Typography.Text>}
                    </div>
                  );
                }} />
            </Form.Item>
            <Form.Item name="title" label={t('rp.titleField')} rules={req}>
              <Input size="large" maxLength={60} showCount placeholder={t('rp.titlePh')} data-testid="req-title" />
            </Form.Item>
            <Form.Item name="body" label={t('rp.body')} rules={req}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 4, maxRows: 10 }} placeholder={t('rp.bodyPh')} style={{ fontSize: 16 }} data-testid="req-body" />
            </Form.Item>
            <Form.Item name="place" label={t('rp.place')}>
              <Input size="large" maxLength={200} placeholder={t('rp.placePh')} data-testid="req-place" />
            </Form.Item>
            {info.grids.length > 0 && (
              <Form.Item name="gridId" label={t('rp.grid')}>
                <Select size="large" allowClear virtual={false} placeholder={t('rp.gridPh')} data-testid="req-grid"
                  options={info.grids.map((g) => ({ value: g.id, label: g.name }))}
                  optionRender={(o) => <div data-testid={`req-grid-option-${String(o.value)}`}>{o.label}</div>} />
              </Form.Item>
            )}
            <Form.Item name="contactName" label={t('rp.name')}>
              <Input size="large" maxLength={50} placeholder={t('rp.namePh')} autoComplete="name" data-testid="req-name" />
            </Form.Item>
            <Form.Item name="phone" label={t('rp.phone')} extra={t('rp.phoneHelp')} normalize={(v: string) => v.replace(/\D/g, '').slice(0, 11)}
              rules={[{ required: true, message: t('rp.phoneBad') }, { pattern: PHONE_RE, message: t('rp.phoneBad') }]}>
              <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="req-phone" />
            </Form.Item>
            <Form.Item label={t('rp.photos')} extra={t('rp.photoHelp')} validateStatus={photos.error ? 'error' : undefined} help={photos.error ?? undefined}>
              <PhotoPicker state={photos} testId="req-photo" />
            </Form.Item>
            <Form.Item label={t('rp.check')} required extra={t('rp.checkHelp')}>
              {challengeError !== null && <Alert type="error" showIcon title={errorText(challengeError, lang)} style={{ marginBottom: 8 }} />}
              <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
                <span data-testid="req-challenge-question" style={{ fontSize: 18, fontWeight: 600, lineHeight: '40px', whiteSpace: 'nowrap' }}>{challenge?.question ?? '…'}</span>
                <Form.Item name="answer" noStyle rules={[{ required: true, message: t('rp.checkBad') }, { pattern: /^\d{1,4}$/, message: t('rp.checkBad') }]}>
                  <Input size="large" inputMode="numeric" autoComplete="off" maxLength={4} placeholder={t('rp.checkAnswer')} style={{ flex: 1, minWidth: 0 }} data-testid="req-challenge-answer" />
                </Form.Item>
                <Button size="large" icon={<ReloadOutlined />} aria-label={t('rp.checkNew')} onClick={() => { form.setFieldValue('answer', ''); void loadChallenge(); }} data-testid="req-challenge-new" />
              </div>
            </Form.Item>
            {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="req-error" />}
            <Button type="primary" htmlType="submit" size="large" block loading={busy} disabled={!challenge || photos.busy} data-testid="req-submit">{t('rp.submit')}</Button>
          </Form>
        </Card>
      )}
    </PublicShell>
  );
}
