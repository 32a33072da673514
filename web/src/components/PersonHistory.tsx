/** 变更记录: the audit events of one record (who changed what, when). */
import { useEffect, useState } from 'react';
import { Table, Typography } from 'antd';
import { api } from '../api.ts';
import { formatTime } from '../dates.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { eventLabel, summarizeData } from '../auditLabels.ts';
import { useLang } from '../i18n.ts';
import type { AuditEvent, Items } from '../types.ts';

/** The history table of the record at `path` (e.g. /members/12/history). */
export function PersonHistory({ path }: { path: string }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<AuditEvent>>(path, undefined, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => setLoading(false));
    return () => ctrl.abort();
  }, [path, fb]);

  return (
    <Table<AuditEvent> size="small" rowKey={(r) => `${r.chain}-${r.seq}`} loading={loading} dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="history-table"
      columns={[
        { title: t('common.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
        { title: t('common.operation'), dataIndex: 'type', width: 150, render: (v: string) => eventLabel(v, lang) },
        { title: t('common.operator'), dataIndex: 'actorName', width: 120 },
        {
          title: t('common.changes'), dataIndex: 'data',
          render: (v: unknown) => <Typography.Text style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{summarizeData(v)}</Typography.Text>,
        },
      ]} />
  );
}
