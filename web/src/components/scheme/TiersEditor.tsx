/**
 * The scheme editor's 分层 tab: the tiers in order, each with its rule as JSON text checked as it is
 * typed and read back in words, and a help popover listing the facts and operators a rule may use.
 */
import { Button, Input, Popover, Table, Typography } from 'antd';
import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useLang, useT } from '../../i18n.ts';
import { factLabel, ruleText } from './format.ts';
import { move, newRow } from './draft.ts';
import type { DraftTier } from './draft.ts';
import { FieldErrors } from './parts.tsx';
import { CONDITION_OPS, MEMBER_FACTS } from './types.ts';
import { CodeInput, RowButtons, removeRow, setRow } from './edit-parts.tsx';
import type { Props } from './edit-parts.tsx';

function RuleHelp() {
  const t = useT();
  return (
    <Popover trigger="click" title={t('scheme.rule.helpTitle')} content={(
      <div style={{ maxWidth: 420, fontSize: 13 }} data-testid="scheme-rule-help">
        <Typography.Paragraph style={{ marginBottom: 6 }}>{t('scheme.rule.helpIntro')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 6 }}>
          <b>fact</b>：{MEMBER_FACTS.map((f) => `${f}（${factLabel(f, t)}）`).join('、')}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 6 }}><b>op</b>：{CONDITION_OPS.join(', ')}</Typography.Paragraph>
        <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {'{"any": [\n  {"fact": "age", "op": "gte", "value": 70},\n  {"fact": "tierLabel", "op": "eq", "value": "年老体弱"}\n]}\n{"fact": "flowing", "op": "eq", "value": true}\n{"all": []}'}
        </Typography.Paragraph>
      </div>
    )}>
      <Button size="small" type="link" icon={<QuestionCircleOutlined />} data-testid="scheme-rule-help-open">{t('scheme.rule.help')}</Button>
    </Popover>
  );
}

export function TiersEditor({ draft, onChange, errors, warnings }: Props) {
  const t = useT();
  const lang = useLang();
  const e = (k: string) => errors.get(k);
  const st = (k: string) => (errors.has(k) ? 'error' as const : undefined);
  const setText = (r: DraftTier, text: string) => {
    let patch: Partial<DraftTier>;
    try {
      const parsed: unknown = JSON.parse(text);
      patch = parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { __text: text, rule: parsed as DraftTier['rule'], __err: null }
        : { __text: text, __err: t('scheme.rule.notObject') };
    } catch (err) {
      patch = { __text: text, __err: t('scheme.rule.badJson', { msg: (err as Error).message }) };
    }
    setRow(onChange, 'tiers', r.__k, patch);
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('scheme.tiersOrder')} <RuleHelp /></Typography.Paragraph>
      <FieldErrors errors={e('tiers')} warnings={warnings.get('tiers')} />
      <Table<DraftTier> rowKey="__k" size="small" pagination={false} dataSource={draft.tiers} scroll={{ x: 1080 }} data-testid="scheme-edit-tiers"
        locale={{ emptyText: t('scheme.noTiers') }}
        columns={[
          { title: '#', key: 'i', width: 40, render: (_v, _r, i) => i + 1 },
          { title: t('scheme.f.code'), dataIndex: 'code', width: 110, render: (v: string, r, i) => <><CodeInput value={v} list="tiers" rowKey={r.__k} onChange={onChange} status={st(`tiers.${i}.code`)} testId="scheme-edit-tier-code" /><FieldErrors errors={e(`tiers.${i}.code`)} /></> },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 190, render: (v: string, r, i) => (
            <>
              <Input size="small" value={v} status={st(`tiers.${i}.name`)} onChange={(ev) => setRow(onChange, 'tiers', r.__k, { name: ev.target.value })} data-testid="scheme-edit-tier-name" />
              <Input size="small" value={r.description ?? ''} placeholder={t('scheme.f.description')} style={{ marginTop: 4 }} onChange={(ev) => setRow(onChange, 'tiers', r.__k, { description: ev.target.value })} />
              <FieldErrors errors={[...(e(`tiers.${i}.name`) ?? []), ...(e(`tiers.${i}`) ?? []), ...(e(`tiers.${i}.description`) ?? [])]} warnings={warnings.get(`tiers.${i}`)} />
            </>
          ) },
          { title: t('scheme.f.rule'), dataIndex: '__text', render: (v: string, r, i) => (
            <>
              <Input.TextArea value={v} autoSize={{ minRows: 1, maxRows: 10 }} status={r.__err || errors.has(`tiers.${i}.rule`) ? 'error' : undefined}
                style={{ fontFamily: 'monospace', fontSize: 12 }} spellCheck={false} onChange={(ev) => setText(r, ev.target.value)} data-testid="scheme-edit-tier-rule" />
              <div style={{ fontSize: 12, marginTop: 2 }}>
                {r.__err
                  ? <span style={{ color: '#cf1322' }} data-testid="scheme-edit-tier-rule-error">{r.__err}</span>
                  : <Typography.Text type="secondary" data-testid="scheme-edit-tier-rule-text">{t('scheme.rule.reads')}{ruleText(r.rule, t, lang)}</Typography.Text>}
              </div>
              <FieldErrors errors={r.__err ? undefined : e(`tiers.${i}.rule`)} warnings={warnings.get(`tiers.${i}.rule`)} />
            </>
          ) },
          { title: '', key: 'x', width: 100, render: (_v, r, i) => (
            <RowButtons movable testId="scheme-edit-tier-remove" onRemove={() => removeRow(onChange, 'tiers', r.__k)}
              onUp={i > 0 ? () => onChange((d) => ({ ...d, tiers: move(d.tiers, i, -1) })) : undefined}
              onDown={i < draft.tiers.length - 1 ? () => onChange((d) => ({ ...d, tiers: move(d.tiers, i, 1) })) : undefined} />
          ) },
        ]} />
      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid="scheme-edit-tier-add"
        onClick={() => onChange((d) => ({ ...d, tiers: [...d.tiers, newRow.tier(d)] }))}>{t('scheme.edit.addTier')}</Button>
    </>
  );
}
