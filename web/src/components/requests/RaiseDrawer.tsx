/** 代居民登记: a grid liaison or the community records a request on a resident's behalf (POST /requests), with the photos taken there. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { api } from '../../api.ts';
import { useT, type MsgKey } from '../../i18n.ts';
import type { OrgDetail } from '../../types.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { PhotoPicker, usePhotos } from './PhotoPicker.tsx';
import { useCategories, useCommunityAreas } from './shared.tsx';

type Values = {
  communityId: number; kind: '诉求' | '意见建议'; categoryId: number; title: string; body: string; place?: string; gridId?: number;
  contactName?: string; phone: string; source: 'liaison' | 'visit' | 'hall';
};
const SOURCES = ['liaison', 'visit', 'hall'] as const;
const isCommunity = (n: { kind: string }) => n.kind === 'community' || n.kind === 'village';

/** The drawer; `orgId` preselects the community when it is one. `onDone` gets the new request's id and tracking code. */
export function RaiseDrawer({ orgId, onClose, onDone }: { orgId?: number; onClose: () => void; onDone: (r: { id: number; trackingCode: string }) => void }) {
  const t = useT();
  const size = useDrawerSize(560);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const [communityId, setCommunityId] = useState<number | undefined>();
  const { items: categories } = useCategories(communityId ?? orgId);
  const { grids } = useCommunityAreas(communityId);
  const photos = usePhotos(2 * 1024 * 1024);

  useEffect(() => {
    if (!orgId) return undefined;
    let live = true;
    api.get<OrgDetail>(`/orgs/${orgId}`).then((d) => {
      if (!live || !isCommunity(d.org) || form.getFieldValue('communityId')) return;
      form.setFieldsValue({ communityId: d.org.id });
      setCommunityId(d.org.id);
    }).catch(() => undefined);
    return () => { live = false; };
  }, [orgId, form]);

  const submit = (v: Values) => run(async () => {
    const r = await api.post<{ id: number; trackingCode: string }>('/requests', {
      communityId: v.communityId, kind: v.kind, categoryId: v.categoryId, title: v.title.trim(), body: v.body.trim(), place: v.place?.trim() || null,
      gridId: v.gridId ?? null, contactName: v.contactName?.trim() || null, phone: v.phone.trim(), source: v.source, photos: photos.payload(),
    });
    onDone(r);
  });

  return (
    <Drawer open title={t('rq.new')} size={size} onClose={onClose} destroyOnHidden data-testid="rq-raise-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={photos.busy} onClick={() => form.submit()} data-testid="rq-raise-submit">{t('rq.submit')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="rq-raise-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: '诉求', source: 'liaison' }}>
        <Form.Item name="communityId" label={t('rq.form.community')} rules={[{ required: true }]}>
          <OrgTreeSelect selectable={isCommunity} data-testid="rq-raise-community"
            onChange={(v) => { setCommunityId(v); form.setFieldsValue({ communityId: v, gridId: undefined }); }} />
        </Form.Item>
        <Form.Item name="kind" label={t('rq.kind')}>
          <Radio.Group data-testid="rq-raise-kind" options={[{ value: '诉求', label: '诉求' }, { value: '意见建议', label: '意见建议' }]} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('rq.category')} rules={[{ required: true }]}>
          <Select data-testid="rq-raise-category" options={categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('rq.titleField')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="rq-raise-title" />
        </Form.Item>
        <Form.Item name="body" label={t('rq.body')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="rq-raise-body" />
        </Form.Item>
        <Form.Item name="place" label={t('rq.where')} rules={[{ max: 200 }]}>
          <Input data-testid="rq-raise-place" />
        </Form.Item>
        <Form.Item name="gridId" label={t('rq.form.gridOpt')}>
          <Select allowClear disabled={!communityId} data-testid="rq-raise-grid" options={grids.map((g) => ({ value: g.id, label: `${g.name}（${g.kind}）` }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('rq.form.contactName')} rules={[{ max: 50 }]}>
            <Input data-testid="rq-raise-contact" />
          </Form.Item>
          <Form.Item name="phone" label={t('rq.form.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '请填写11位手机号码' }]}>
            <Input inputMode="tel" maxLength={11} data-testid="rq-raise-phone" />
          </Form.Item>
        </Space>
        <Form.Item label={t('rp.photos')} extra={t('rp.photoHelp')} validateStatus={photos.error ? 'error' : undefined} help={photos.error ?? undefined}>
          <PhotoPicker state={photos} testId="rq-raise-photo" size={80} />
        </Form.Item>
        <Form.Item name="source" label={t('rq.source')}>
          <Radio.Group data-testid="rq-raise-source" options={SOURCES.map((s) => ({ value: s, label: t(`rq.source.${s}` as MsgKey) }))} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
