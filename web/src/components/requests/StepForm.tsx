/**
 * The form of one step on a request: 分拨交办 (handler kind, grid or unit, category, note; the kind
 * defaults to the category's default handler), 办结 (note to the resident required), 未解决关闭 (reason
 * required), 合并 (another open request of the same community) and 备注. Field errors from the server
 * land at their fields; a VERSION_CONFLICT asks the drawer to reload.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { ApiError, api } from '../../api.ts';
import { useT, type MsgKey } from '../../i18n.ts';
import { useSubmit } from '../stars/useSubmit.ts';
import { HANDLERS, useCategories, useCommunityAreas, type HandlerKind, type RequestDetail, type RequestItem, type RequestPage, type StepAction } from './shared.tsx';

type Values = { handlerKind?: HandlerKind; gridId?: number; unitId?: number; categoryId?: number; note?: string; publicNote?: string; intoId?: number };
export type FormAction = Exclude<StepAction, 'deliver' | 'start'>;

const clean = (s?: string) => (s?.trim() ? s.trim() : null);

/** The form; `onDone` after the step was taken, `onConflict` when someone changed the request meanwhile. */
export function StepForm({ d, action, onDone, onCancel, onConflict }: {
  d: RequestDetail; action: FormAction; onDone: () => void; onCancel: () => void; onConflict: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useSubmit(form);
  const { items: categories } = useCategories(action === 'assign' ? d.communityId : undefined);
  const { grids, units } = useCommunityAreas(action === 'assign' ? d.communityId : undefined, true);
  const [targets, setTargets] = useState<RequestItem[]>([]);
  const [intoSearch, setIntoSearch] = useState('');
  const handlerKind = Form.useWatch('handlerKind', form);
  const categoryId = Form.useWatch('categoryId', form) ?? d.categoryId;
  const category = categories.find((c) => c.id === categoryId);

  // the handler kind starts as the category's default handler, once the categories are known
  useEffect(() => {
    if (action !== 'assign' || !category || form.isFieldTouched('handlerKind')) return;
    form.setFieldValue('handlerKind', category.handler);
  }, [action, category, form]);

  // the open requests of the community to merge into: searched on the server by title or tracking code, so none is out of reach
  useEffect(() => {
    if (action !== 'merge') return undefined;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      api.get<RequestPage>('/requests', { orgId: d.communityId, state: 'open', pageSize: 50, ...(intoSearch.trim() ? { q: intoSearch.trim() } : {}) }, ctrl.signal)
        .then((r) => setTargets(r.items.filter((x) => x.id !== d.id && x.communityId === d.communityId))).catch(() => undefined);
    }, intoSearch ? 300 : 0);
    return () => { window.clearTimeout(timer); ctrl.abort(); };
  }, [action, d.id, d.communityId, intoSearch]);

  const submit = (v: Values) => run(async () => {
    let body: Record<string, unknown>;
    if (action === 'assign') body = { handlerKind: v.handlerKind, gridId: v.handlerKind === 'grid' ? v.gridId ?? null : null, unitId: v.handlerKind === 'unit' ? v.unitId ?? null : null, categoryId: v.categoryId ?? null, note: clean(v.note) };
    else if (action === 'resolve' || action === 'close') body = { publicNote: v.publicNote?.trim() ?? '', note: clean(v.note) };
    else if (action === 'merge') body = { intoId: v.intoId, note: clean(v.note) };
    else {
      if (!clean(v.note) && !clean(v.publicNote)) { setError(t('rq.noteRequired')); return; }
      body = { publicNote: clean(v.publicNote), note: clean(v.note) };
    }
    try {
      await api.post(`/requests/${d.id}/steps`, { action, rowVersion: d.rowVersion, ...body });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') { onConflict(); return; }
      throw err;
    }
    onDone();
  });

  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid={`rq-form-${action}`}
      initialValues={{ categoryId: d.categoryId, gridId: d.handlerGridId ?? d.gridId ?? undefined, unitId: d.handlerUnitId ?? undefined }}
      onValuesChange={(changed: Values) => {
        const c = changed.categoryId ? categories.find((x) => x.id === changed.categoryId) : undefined;
        if (c) form.setFieldValue('handlerKind', c.handler);
      }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t(`rq.act.${action}` as MsgKey)}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="rq-form-error" />}
      {action === 'assign' && (
        <>
          <Form.Item name="categoryId" label={t('rq.category')} rules={[{ required: true }]}>
            <Select data-testid="rq-form-category" options={categories.filter((c) => c.active || c.id === d.categoryId).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="handlerKind" label={t('rq.handlerKind')} rules={[{ required: true }]}
            extra={category ? <span data-testid="rq-form-default-handler">{t('rq.defaultHandler', { h: t(`rq.handlerKind.${category.handler}` as MsgKey) })}</span> : null}>
            <Radio.Group data-testid="rq-form-handler" optionType="button"
              options={HANDLERS.map((h) => ({ value: h, label: <span data-testid={`rq-form-handler-${h}`}>{t(`rq.handlerKind.${h}` as MsgKey)}</span> }))} />
          </Form.Item>
          {handlerKind === 'grid' && (
            <Form.Item name="gridId" label={t('rq.grid')} rules={[{ required: true }]}>
              <Select data-testid="rq-form-grid" options={grids.map((g) => ({ value: g.id, label: <span data-testid={`rq-form-grid-${g.id}`}>{g.name}（{g.kind}）</span> }))} />
            </Form.Item>
          )}
          {handlerKind === 'unit' && (
            <Form.Item name="unitId" label={t('rq.unit')} rules={[{ required: true }]}>
              <Select data-testid="rq-form-unit" options={units.map((u) => ({ value: u.id, label: <span data-testid={`rq-form-unit-${u.id}`}>{u.name}</span> }))} />
            </Form.Item>
          )}
        </>
      )}
      {action === 'merge' && (
        <Form.Item name="intoId" label={t('rq.intoId')} extra={t('rq.intoHint')} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={setIntoSearch} data-testid="rq-form-into"
            options={targets.map((x) => ({ value: x.id, label: <span data-testid={`rq-form-into-${x.id}`}>{x.trackingCode} {x.title}</span> }))} />
        </Form.Item>
      )}
      {(action === 'resolve' || action === 'close' || action === 'note') && (
        <Form.Item name="publicNote" label={t(action === 'resolve' ? 'rq.publicNote' : action === 'close' ? 'rq.closeReason' : 'rq.publicNoteOpt')}
          rules={action === 'note' ? [{ max: 500 }] : [{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} data-testid="rq-form-public-note" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('rq.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} data-testid="rq-form-note" />
      </Form.Item>
      <Space>
        <Button onClick={onCancel} data-testid="rq-form-cancel">{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} danger={action === 'close'} data-testid="rq-form-submit">{t('rq.submit')}</Button>
      </Space>
    </Form>
  );
}
