/**
 * 考评标准: the standard's name and source, then one collapsible card per star level with its four
 * group paragraphs (verbatim text of the document) and its criteria table.
 */
import { Collapse, Form, Input, Space, Tag, Typography } from 'antd';
import { useT } from '../../../i18n.ts';
import { CriteriaTable } from './CriteriaTable.tsx';
import type { StandardValues } from './model.ts';
import { Plain } from './parts.tsx';
import { STAR_KEYS } from './paths.ts';

/** "N 条" of a level, as the form stands. */
function CountTag({ index }: { index: number }) {
  const t = useT();
  const form = Form.useFormInstance<StandardValues>();
  const criteria = Form.useWatch(['levels', index, 'criteria'], form) as unknown[] | undefined;
  return <Tag data-testid={`star-std-level-count-${index + 1}`}>{t('stars.std.criteriaN', { n: criteria?.length ?? 0 })}</Tag>;
}

/** The four group paragraphs of the level at `index`. */
function Groups({ index, stars, editable }: { index: number; stars: number; editable: boolean }) {
  const t = useT();
  const form = Form.useFormInstance<StandardValues>();
  return (
    <Form.List name={['levels', index, 'groups']}>
      {(fields) => fields.map((f) => {
        const group = Number(form.getFieldValue(['levels', index, 'groups', f.name, 'group']) ?? f.name + 1);
        const testId = `star-std-group-${stars}-${group}`;
        return (
          <Form.Item key={f.key} name={[f.name, 'text']} label={t('stars.std.groupN', { n: group })} style={{ marginBottom: 12 }}
            rules={[{ required: true, whitespace: true, message: t('stars.std.textRequired') }, { max: 2000 }]}>
            {editable ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid={testId} /> : <Plain testId={testId} />}
          </Form.Item>
        );
      })}
    </Form.List>
  );
}

/** The 考评标准 tab; `open` are the keys (star numbers) of the expanded levels. */
export function CriteriaTab({ levels, editable, open, onOpen }: {
  levels: { stars: number }[];
  editable: boolean;
  open: string[];
  onOpen: (keys: string[]) => void;
}) {
  const t = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Form.Item name="name" label={t('stars.std.f.name')} style={{ marginBottom: 12 }} rules={[{ required: true, whitespace: true, message: t('stars.std.textRequired') }, { max: 100 }]}>
          {editable ? <Input maxLength={100} data-testid="star-std-name" /> : <Plain testId="star-std-name" />}
        </Form.Item>
        <Form.Item name="source" label={t('stars.std.f.source')} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('stars.std.textRequired') }, { max: 500 }]}>
          {editable ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="star-std-source" /> : <Plain testId="star-std-source" />}
        </Form.Item>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stars.std.criteriaHint')}</Typography.Text>
      <Collapse activeKey={open} onChange={(k) => onOpen(Array.isArray(k) ? k : [k])} data-testid="star-std-levels"
        items={levels.map((l, i) => ({
          key: String(l.stars),
          forceRender: true,
          label: <span data-testid={`star-std-level-${l.stars}`}>{STAR_KEYS[l.stars] ? t(STAR_KEYS[l.stars]) : t('stars.levelN', { n: l.stars })}</span>,
          extra: <CountTag index={i} />,
          children: (
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              <Groups index={i} stars={l.stars} editable={editable} />
              <CriteriaTable index={i} stars={l.stars} editable={editable} />
            </Space>
          ),
        }))} />
    </Space>
  );
}
