/** 我的: the member's own record (phone-width friendly), account, password, 动态口令 and API tokens. */
import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, Grid, Space, Tag } from 'antd';
import { ApiError, api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useSession } from '../session.tsx';
import { ApiTokens } from '../components/ApiTokens.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';
import { MemberDescriptions, asMember } from '../components/MemberDescriptions.tsx';
import { TotpSetup } from '../components/TotpSetup.tsx';
import type { Member } from '../types.ts';

/** The 我的 page. */
export function MePage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [member, setMember] = useState<Member | null | undefined>(undefined);

  useEffect(() => {
    api.get<Member | { member: Member }>('/me/member')
      .then((m) => setMember(asMember(m)))
      .catch((err: unknown) => {
        setMember(null);
        if (!(err instanceof ApiError && (err.status === 404 || err.status === 403))) fb.error(err);
      });
  }, [fb]);

  if (!me) return null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }} data-testid="me-page">
      <Card title={t('me.member')} size="small" loading={member === undefined}>
        {member ? <MemberDescriptions member={member} column={narrow ? 1 : 2} /> : <Empty description={t('me.noMember')} />}
      </Card>
      <Card title={t('me.account')} size="small">
        <Descriptions size="small" column={1} items={[
          { key: 'username', label: t('users.username'), children: me.user.username },
          { key: 'name', label: t('users.displayName'), children: me.user.displayName },
          { key: 'roles', label: t('me.roles'), children: me.grants.length ? (
            <Space size={[4, 4]} wrap>{me.grants.map((g) => <Tag key={g.id} color="red">{roleLabel(g.role, lang)} · {g.orgName}</Tag>)}</Space>
          ) : t('me.noRoles') },
        ]} />
      </Card>
      <Card title={t('password.title')} size="small"><ChangePasswordForm /></Card>
      <Card title={t('totp.title')} size="small"><TotpSetup /></Card>
      <Card title={t('tokens.title')} size="small"><ApiTokens /></Card>
    </Space>
  );
}
