/** 群众详情: the record, edit, 查看完整号码 and 变更记录. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { allows } from '../actions.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueLabel } from '../i18n.ts';
import { PersonHistory } from '../components/PersonHistory.tsx';
import { ResidentFormDrawer } from '../components/ResidentFormDrawer.tsx';
import { Forbidden, NotFound, PageSpinner } from '../components/Status.tsx';
import type { Resident, Sensitive } from '../types.ts';

/** The resident detail page. */
export function ResidentDetailPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { id } = useParams();
  const [resident, setResident] = useState<Resident | null>(null);
  const [sensitive, setSensitive] = useState<Sensitive | null>(null);
  const [editing, setEditing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const [missing, setMissing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await api.get<Resident | { resident: Resident }>(`/residents/${id}`);
      setResident('resident' in res ? res.resident : res);
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
    try {
      setSensitive(await api.get<Sensitive>(`/residents/${id}/sensitive`));
      fb.success(t('member.sensitiveShown'));
    } catch (err) {
      fb.error(err);
    }
  };

  if (missing === 404) return <NotFound />;
  if (missing === 403) return <Forbidden />;
  if (!resident) return <PageSpinner />;
  const yesNo = (v: boolean) => (v ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no'));

  return (
    <Card data-testid="resident-detail"
      title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />{resident.name}</Space>}
      extra={<Space wrap>
        {allows(resident.actions, 'residentSensitive') && !sensitive && <Button icon={<EyeOutlined />} onClick={() => void reveal()} data-testid="resident-reveal">{t('common.viewFull')}</Button>}
        {allows(resident.actions, 'residentEdit') && <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resident-edit">{t('common.edit')}</Button>}
      </Space>}>
      <Tabs items={[
        { key: 'info', label: t('common.basicInfo'), children: (
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={[
            { key: 'name', label: t('member.name'), children: resident.name },
            { key: 'gender', label: t('member.gender'), children: valueLabel(resident.gender, lang) },
            { key: 'birthDate', label: t('member.birthDate'), children: resident.birthDate },
            { key: 'community', label: t('resident.community'), children: resident.communityName },
            { key: 'id', label: t('member.idNumber'), children: sensitive?.idNumber ?? resident.idMasked },
            { key: 'phone', label: t('member.phone'), children: sensitive?.phone ?? resident.phoneMasked },
            { key: 'rep', label: t('resident.isRepresentative'), children: yesNo(resident.isRepresentative) },
            { key: 'nonparty', label: t('resident.isNonpartyRep'), children: yesNo(resident.isNonpartyRep) },
            { key: 'address', label: t('resident.address'), children: resident.address, span: 'filled' },
          ]} />
        ) },
        ...(allows(resident.actions, 'history') ? [
          { key: 'history', label: t('common.history'), children: <PersonHistory key={historyKey} path={`/residents/${resident.id}/history`} /> },
        ] : []),
      ]} />
      {editing && <ResidentFormDrawer open resident={resident} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); void load(); }} />}
    </Card>
  );
}
