/**
 * The criteria of one star level as a table: code, group, text and the checks in words; editors
 * change them in place (the checks as JSON text, checked before saving), add and remove criteria.
 */
import { Button, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n.ts';
import { withTestId } from '../../../testid.ts';
import { checksError, describeCheck, parseChecks } from './checks.ts';
import { GROUPS } from './model.ts';
import type { CriterionRow, StandardValues } from './model.ts';
import { Plain } from './parts.tsx';

const CODE = /^[A-Za-z0-9_.-]{1,24}$/;

/** The checks of a criterion in words, as they stand in the form. */
function ChecksText({ path }: { path: (string | number)[] }) {
  const t = useT();
  const form = Form.useFormInstance<StandardValues>();
  const text = Form.useWatch(path, form) as string | undefined;
  const checks = parseChecks(text);
  if (checks === null) return <Typography.Text type="secondary">{t('stars.std.checks.unreadable')}</Typography.Text>;
  if (!checks.length) return <Tag>{t('stars.claim.byClaim')}</Tag>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {checks.map((c, i) => <li key={i}>{describeCheck(c, t)}</li>)}
    </ul>
  );
}

/** A code not used by any criterion of the standard: L{stars}-{n}. */
function freeCode(values: StandardValues, stars: number): string {
  const used = new Set(values.levels.flatMap((l) => l.criteria.map((c) => c.code)));
  let n = (values.levels.find((l) => l.stars === stars)?.criteria.length ?? 0) + 1;
  while (used.has(`L${stars}-${n}`)) n++;
  return `L${stars}-${n}`;
}

/** The criteria table of the level at `index` (stars `stars`). */
export function CriteriaTable({ index, stars, editable }: { index: number; stars: number; editable: boolean }) {
  const t = useT();
  const form = Form.useFormInstance<StandardValues>();
  const id = (j: number, part: string) => `star-std-crit-${stars}-${j}-${part}`;
  const item = { style: { marginBottom: 0 } };

  return (
    <Form.List name={['levels', index, 'criteria']}>
      {(fields, { add, remove }) => (
        <>
          <Table<FormListFieldData> rowKey="key" size="small" bordered pagination={false} dataSource={fields} scroll={{ x: editable ? 1040 : 900 }}
            data-testid={`star-std-criteria-${stars}`} onRow={(_r, j) => withTestId({}, `star-std-crit-${stars}-${j ?? 0}`)}
            columns={[
              { title: t('stars.std.f.code'), key: 'code', width: 130, render: (_v, f, j) => (
                <Form.Item name={[f.name, 'code']} {...item} rules={[{ required: true, pattern: CODE, message: t('stars.std.codeRule') }]}>
                  {editable ? <Input maxLength={24} style={{ fontFamily: 'monospace' }} data-testid={id(j, 'code')} /> : <Plain testId={id(j, 'code')} />}
                </Form.Item>
              ) },
              { title: t('stars.std.f.group'), key: 'group', width: 110, render: (_v, f, j) => (
                <Form.Item name={[f.name, 'group']} {...item}>
                  {editable
                    ? <Select style={{ width: 90 }} options={GROUPS.map((g) => ({ value: g, label: t('stars.std.groupN', { n: g }) }))} data-testid={id(j, 'group')} />
                    : <Plain render={(g) => t('stars.std.groupN', { n: Number(g) })} testId={id(j, 'group')} />}
                </Form.Item>
              ) },
              { title: t('stars.std.f.text'), key: 'text', render: (_v, f, j) => (
                <Form.Item name={[f.name, 'text']} {...item} rules={[{ required: true, whitespace: true, message: t('stars.std.textRequired') }, { max: 2000 }]}>
                  {editable ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid={id(j, 'text')} /> : <Plain testId={id(j, 'text')} />}
                </Form.Item>
              ) },
              { title: t('stars.std.f.checks'), key: 'checks', width: editable ? 360 : 300, render: (_v, f, j) => (
                <div data-testid={id(j, 'checks')}>
                  <ChecksText path={['levels', index, 'criteria', f.name, 'checksJson']} />
                  {editable && (
                    <Form.Item name={[f.name, 'checksJson']} style={{ margin: '6px 0 0' }}
                      rules={[{ validator: async (_r, v: string | undefined) => { const why = checksError(v, t); if (why) throw new Error(why); } }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 10 }} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }}
                        aria-label={t('stars.std.checksJson')} data-testid={id(j, 'json')} />
                    </Form.Item>
                  )}
                </div>
              ) },
              ...(editable ? [{ title: t('common.actions'), key: 'remove', width: 64, render: (_v: unknown, f: FormListFieldData, j: number) => (
                <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)}
                  aria-label={t('common.delete')} title={t('common.delete')} data-testid={id(j, 'remove')} />
              ) }] : []),
            ]} />
          {editable && (
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid={`star-std-crit-add-${stars}`}
              onClick={() => add({ code: freeCode(form.getFieldsValue(true) as StandardValues, stars), group: 1, text: '', checksJson: '[]' } satisfies CriterionRow)}>
              {t('stars.std.addCriterion')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
