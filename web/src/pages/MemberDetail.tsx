/** 党员详情: the record, edit, 查看完整号码 (audited) and 变更记录. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Space, Tabs } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { allows } from '../actions.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { MemberFormDrawer } from '../components/MemberFormDrawer.tsx';
import { PersonHistory } from '../components/PersonHistory.tsx';
import { Forbidden, NotFound, PageSpinner } from '../components/Status.tsx';
import { MemberDescriptions, asMember } from '../components/MemberDescriptions.tsx';
import type { Member, Sensitive } from '../types.ts';

/** The member detail page. */
export function MemberDetailPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { id } = useParams();
  const [member, setMember] = useState<Member | null>(null);
  const [sensitive, setSensitive] = useState<Sensitive | null>(null);
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const [missing, setMissing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setMember(asMember(await api.get<Member | { member: Member }>(`/members/${id}`)));
      setSensitive(null);
      setHistoryKey((k) => k + 1);
    } catch (err) {
      // A record outside the caller's scope answers 404 like a missing one: show that page, not a spinner.
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) setMissing(err.status);
      else fb.error(err);
    }
  }, [id, fb]);

  useEffect(() => { void load(); }, [load]);

  const reveal = async () => {
    setRevealing(true);
    try {
      setSensitive(await api.get<Sensitive>(`/members/${id}/sensitive`));
      fb.success(t('member.sensitiveShown'));
    } catch (err) {
      fb.error(err);
    } finally {
      setRevealing(false);
    }
  };

  if (missing === 404) return <NotFound />;
  if (missing === 403) return <Forbidden />;
  if (!member) return <PageSpinner />;

  return (
    <Card data-testid="member-detail"
      title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />{member.name}</Space>}
      extra={<Space wrap>
        {allows(member.actions, 'memberSensitive') && !sensitive && (
          <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="member-reveal">{t('common.viewFull')}</Button>
        )}
        {allows(member.actions, 'memberEdit') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">{t('common.edit')}</Button>
        )}
      </Space>}>
      <Tabs items={[
        { key: 'info', label: t('common.basicInfo'), children: <MemberDescriptions member={member} sensitive={sensitive} /> },
        ...(allows(member.actions, 'history') ? [
          { key: 'history', label: <span data-testid="member-history-tab">{t('common.history')}</span>, children: <PersonHistory key={historyKey} path={`/members/${member.id}/history`} /> },
        ] : []),
      ]} />
      {editing && (
        <MemberFormDrawer open member={member} onClose={() => setEditing(false)}
          onSaved={() => { setEditing(false); void load(); }} />
      )}
    </Card>
  );
}
