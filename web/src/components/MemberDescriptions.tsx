/** The read-only view of a member record, used on the detail page and on 我的. */
import { Descriptions, Tag } from 'antd';
import { useLang, useT, valueLabel } from '../i18n.ts';
import { partyStateColor } from '../labels.ts';
import type { Member, Sensitive } from '../types.ts';

/** Unwraps `{ member }` or a bare member. */
export function asMember(res: Member | { member: Member }): Member {
  return 'member' in res ? res.member : res;
}

/** Descriptions of a member record; used here and on 我的. */
export function MemberDescriptions({ member, sensitive, column }: { member: Member; sensitive?: Sensitive | null; column?: number }) {
  const t = useT();
  const lang = useLang();
  const yesNo = (v?: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <Descriptions bordered size="small" column={column ?? { xs: 1, sm: 1, md: 2, xl: 3 }} data-testid="member-record" styles={{ label: { width: 130 } }}
      items={[
        { key: 'name', label: t('member.name'), children: member.name },
        { key: 'gender', label: t('member.gender'), children: valueLabel(member.gender, lang) },
        { key: 'ethnicity', label: t('member.ethnicity'), children: valueLabel(member.ethnicity, lang) },
        { key: 'birthDate', label: t('member.birthDate'), children: member.birthDate },
        { key: 'id', label: t('member.idNumber'), children: <span data-testid="member-id-number">{sensitive?.idNumber ?? member.idMasked}</span> },
        { key: 'phone', label: t('member.phone'), children: <span data-testid="member-phone">{sensitive?.phone ?? member.phoneMasked}</span> },
        { key: 'education', label: t('member.education'), children: valueLabel(member.education, lang) },
        { key: 'org', label: t('common.org'), children: member.orgName },
        { key: 'category', label: t('member.category'), children: <Tag color={member.category === '预备党员' ? 'gold' : 'red'}>{valueLabel(member.category, lang)}</Tag> },
        { key: 'joinDate', label: t('member.joinDate'), children: member.joinDate },
        { key: 'fullDate', label: t('member.fullDate'), children: member.fullDate },
        { key: 'partyState', label: t('member.partyState'), children: <Tag color={partyStateColor(member.partyState)}>{valueLabel(member.partyState, lang)}</Tag> },
        { key: 'partyStateDate', label: t('member.partyStateDate'), children: member.partyStateDate },
        { key: 'workState', label: t('member.workState'), children: valueLabel(member.workState, lang) },
        { key: 'post', label: t('member.post'), children: member.post },
        { key: 'flowing', label: t('member.flowing'), children: yesNo(member.flowing) },
        { key: 'tier', label: t('member.tier'), children: member.tier },
        { key: 'workplace', label: t('member.workplace'), children: member.workplace },
      ]} />
  );
}
