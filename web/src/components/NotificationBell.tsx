/** The bell in the header: unread count, a short list, mark one or all as read. */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import { useFeedback } from '../feedback.ts';
import { ItemList } from './ItemList.tsx';
import type { Notice } from '../types.ts';

const POLL_MS = 60_000;

/** Notification bell with an unread Badge. */
export function NotificationBell() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const res = await api.get<{ items: Notice[]; unread: number }>('/notifications');
      setItems(res.items);
      setUnread(res.unread);
    } catch {
      // the bell stays quiet on errors; pages report their own
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const openNotice = async (n: Notice) => {
    try {
      if (!n.readAt) await api.post(`/notifications/${n.id}/read`);
      await load();
      setOpen(false);
      if (n.link) navigate(n.link);
    } catch (err) {
      fb.error(err);
    }
  };

  const readAll = async () => {
    try {
      await api.post('/notifications/read-all');
      await load();
    } catch (err) {
      fb.error(err);
    }
  };

  const content = (
    <div style={{ width: 320, maxWidth: '80vw' }} data-testid="notification-list">
      <ItemList items={items.slice(0, 20)} rowKey={(n) => n.id} maxHeight={360} empty={t('header.noNotifications')}
        render={(n) => ({
          onClick: () => void openNotice(n),
          title: <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>,
          description: <><div>{n.body}</div>{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</>,
        })} />
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content}
      title={<div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span>{t('header.notifications')}</span>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => void readAll()} data-testid="notifications-read-all">{t('header.readAll')}</Button>
      </div>}>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('header.notifications')} data-testid="notifications" />
      </Badge>
    </Popover>
  );
}
