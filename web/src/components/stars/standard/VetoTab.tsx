/** 一票否决: the veto items (code and text) that bar the higher star levels; editors add, change and remove them. */
import { Alert, Button, Form, Input, Table } from 'antd';
import type { FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n.ts';
import { withTestId } from '../../../testid.ts';
import type { StandardValues } from './model.ts';
import { Plain } from './parts.tsx';

const CODE = /^[A-Za-z0-9_.-]{1,24}$/;

/** A code not used by another veto item: V{n}. */
function freeCode(values: StandardValues): string {
  const used = new Set(values.vetoes.map((v) => v.code));
  let n = values.vetoes.length + 1;
  while (used.has(`V${n}`)) n++;
  return `V${n}`;
}

/** The 一票否决 tab. */
export function VetoTab({ editable, vetoFrom }: { editable: boolean; vetoFrom: number }) {
  const t = useT();
  const form = Form.useFormInstance<StandardValues>();
  const item = { style: { marginBottom: 0 } };
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('stars.std.vetoHint', { n: vetoFrom })} />
      <Form.List name="vetoes">
        {(fields, { add, remove }) => (
          <>
            <Table<FormListFieldData> rowKey="key" size="small" bordered pagination={false} dataSource={fields} scroll={{ x: 560 }} data-testid="star-std-vetoes"
              onRow={(_r, k) => withTestId({}, `star-std-veto-${k ?? 0}`)}
              locale={{ emptyText: t('stars.std.noVetoes') }}
              columns={[
                { title: t('stars.std.f.code'), key: 'code', width: 130, render: (_v, f, k) => (
                  <Form.Item name={[f.name, 'code']} {...item} rules={[{ required: true, pattern: CODE, message: t('stars.std.codeRule') }]}>
                    {editable ? <Input maxLength={24} style={{ fontFamily: 'monospace' }} data-testid={`star-std-veto-${k}-code`} /> : <Plain testId={`star-std-veto-${k}-code`} />}
                  </Form.Item>
                ) },
                { title: t('stars.std.vetoText'), key: 'text', render: (_v, f, k) => (
                  <Form.Item name={[f.name, 'text']} {...item} rules={[{ required: true, whitespace: true, message: t('stars.std.textRequired') }, { max: 2000 }]}>
                    {editable ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} data-testid={`star-std-veto-${k}-text`} /> : <Plain testId={`star-std-veto-${k}-text`} />}
                  </Form.Item>
                ) },
                ...(editable ? [{ title: t('common.actions'), key: 'remove', width: 64, render: (_v: unknown, f: FormListFieldData, k: number) => (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} title={t('common.delete')}
                    data-testid={`star-std-veto-${k}-remove`} />
                ) }] : []),
              ]} />
            {editable && fields.length < 20 && (
              <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid="star-std-veto-add"
                onClick={() => add({ code: freeCode(form.getFieldsValue(true) as StandardValues), text: '' })}>
                {t('stars.std.addVeto')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}
