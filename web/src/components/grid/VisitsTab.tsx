/** 民情日记: the community's visits (or the caller's own), newest first, the big 记录走访 button, and their .xlsx. */
import { useEffect, useState } from 'react';
import { Button, DatePicker, List, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { Items } from '../../types.ts';
import { ExportButton } from '../stars/results.tsx';
import type { Visit } from './shared.tsx';

/** The tab; `onRecord` opens the visit form, `tick` reloads. */
export function VisitsTab({ communityId, gridId, tick, onRecord, onOpenHousehold }: {
  communityId: number; gridId?: number; tick: number; onRecord: () => void; onOpenHousehold: (id: number) => void;
}) {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [mine, setMine] = useState(!can('request.manage'));
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [items, setItems] = useState<Visit[]>([]);
  const [loading, setLoading] = useState(false);
  // the list's filters, which its export takes too
  const query = { orgId: communityId, mine: mine ? 'true' : undefined, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<Visit & { gridId: number | null }>>('/visits', query, ctrl.signal)
      .then((r) => setItems(gridId ? r.items.filter((v) => v.gridId === gridId) : r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, gridId, mine, range, tick, fb]);

  return (
    <div data-testid="gw-visits">
      {can('visit.write') && (
        <Button type="primary" size="large" block icon={<EditOutlined />} onClick={onRecord} style={{ height: 56, fontSize: 18, marginBottom: 16 }} data-testid="gw-visit-new">
          {t('gw.v.record')}
        </Button>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Space size={6}><Switch checked={mine} onChange={setMine} data-testid="gw-visits-mine" /><span>{t('gw.v.mine')}</span></Space>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} style={{ maxWidth: 300 }} data-testid="gw-visits-range" />
        <Tooltip title={gridId ? t('gw.export.whole') : undefined}>
          <span><ExportButton path="/visits/export" query={query} name="民情日记.xlsx" testId="gw-visits-export" plain /></span>
        </Tooltip>
      </Space>
      <List<Visit> loading={loading} dataSource={items} locale={{ emptyText: t('gw.v.empty') }} pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false} data-testid="gw-visits-list"
        renderItem={(v) => (
          <List.Item key={v.id} data-testid={`gw-visit-row-${v.id}`}>
            <List.Item.Meta
              title={<Space wrap size={4}>
                <Tag color="blue">{v.kind}</Tag>
                <span>{v.visitedOn}</span>
                <Typography.Text strong>{v.whom}</Typography.Text>
                {v.householdId && v.householdAddress && <Typography.Link onClick={() => onOpenHousehold(v.householdId!)} data-testid={`gw-visit-row-household-${v.id}`}>{v.householdAddress}</Typography.Link>}
                {v.gridName && <Typography.Text type="secondary">{v.gridName}</Typography.Text>}
              </Space>}
              description={<>
                <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }} data-testid={`gw-visit-row-heard-${v.id}`}>{v.heard}</div>
                {v.followUp && <div><Typography.Text type="secondary">{t('gw.v.followUp')}：</Typography.Text>{v.followUp}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('gw.v.liaison')}：{v.liaisonName}</Typography.Text>
              </>} />
          </List.Item>
        )} />
    </div>
  );
}
