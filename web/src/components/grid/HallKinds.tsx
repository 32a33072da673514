/** 办事类别设置: the county's kinds of 办事, for those who manage requests for the whole county: add, rename, reorder, retire. */
import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Modal, Space, Switch, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';

type Kind = { id: number; name: string; active: boolean; sort: number };

/** The button and its dialog; shows nothing to those who may not change the kinds. */
export function HallKindsButton({ orgId, onChanged }: { orgId: number; onChanged: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [kinds, setKinds] = useState<{ items: Kind[]; manage: boolean } | null>(null);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<{ items: Kind[]; manage: boolean }>('/hall-kinds', { orgId }, ctrl.signal).then(setKinds).catch(() => setKinds(null));
    return () => ctrl.abort();
  }, [orgId, tick]);
  if (!kinds?.manage) return null;

  const save = async (k: Kind | null, body: Omit<Kind, 'id'>) => {
    try {
      if (k) await api.put(`/hall-kinds/${k.id}?orgId=${orgId}`, body);
      else await api.post(`/hall-kinds?orgId=${orgId}`, body);
      fb.success();
      setTick((n) => n + 1);
      onChanged();
      return true;
    } catch (err) {
      fb.error(err);
      return false;
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="gw-hall-kinds-edit">{t('gw.h.kindsEdit')}</Button>
      <Modal open={open} title={t('gw.h.kindsEdit')} footer={null} onCancel={() => setOpen(false)} width={560} data-testid="gw-hall-kinds-modal">
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input value={name} maxLength={30} onChange={(e) => setName(e.target.value)} placeholder={t('gw.h.kindName')} data-testid="gw-hall-kind-name" />
          <Button type="primary" icon={<PlusOutlined />} disabled={!name.trim()} data-testid="gw-hall-kind-add"
            onClick={async () => { if (await save(null, { name: name.trim(), active: true, sort: (kinds.items.at(-1)?.sort ?? 0) + 1 })) setName(''); }}>{t('common.add')}</Button>
        </Space.Compact>
        <Table<Kind> rowKey="id" size="small" pagination={false} dataSource={kinds.items} data-testid="gw-hall-kinds-table"
          columns={[
            { title: t('gw.h.kindName'), dataIndex: 'name', render: (v: string, k) => <Input defaultValue={v} maxLength={30} onBlur={(e) => { const n = e.target.value.trim(); if (n && n !== v) void save(k, { ...k, name: n }); }} /> },
            { title: t('gw.h.kindSort'), dataIndex: 'sort', width: 90, render: (v: number, k) => <InputNumber min={0} max={999} defaultValue={v} onBlur={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n !== v) void save(k, { ...k, sort: n }); }} /> },
            { title: t('gw.h.kindActive'), dataIndex: 'active', width: 80, render: (v: boolean, k) => <Switch checked={v} onChange={(on) => void save(k, { ...k, active: on })} data-testid={`gw-hall-kind-active-${k.id}`} /> },
          ]} />
      </Modal>
    </>
  );
}
