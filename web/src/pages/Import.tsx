/** 数据导入: a wizard — type and target → template → upload .xlsx → progress → result (all-or-nothing). */
import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Steps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { ImportProgress, ImportResult, XlsxPicker, useImportJob } from '../components/ImportJobView.tsx';

type Kind = 'members' | 'orgs';

/** The import wizard. */
export function ImportPage() {
  const t = useT();
  const fb = useFeedback();
  const [chosen, setChosen] = useState(0);
  const [kind, setKind] = useState<Kind>('members');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const imp = useImportJob();
  // steps 0–2 are chosen by the user; 3 and 4 follow the job
  const step = imp.running ? 3 : imp.finished ? 4 : chosen;

  const getTemplate = async () => {
    try {
      await download(`/excel/templates/${kind}`, { orgId }, kind === 'members' ? '党员信息导入模板.xlsx' : '组织信息导入模板.xlsx');
    } catch (err) {
      fb.error(err);
    }
  };

  const start = async () => {
    if (!file || !orgId) return;
    await imp.start(`/imports/${kind}`, file, { orgId });
  };

  const restart = (to: number) => {
    setFile(null);
    imp.reset();
    setChosen(to);
  };

  return (
    <Card title={t('import.title')} data-testid="import-page">
      <Steps current={step} status={step < 4 ? 'process' : imp.failed ? 'error' : 'finish'} style={{ marginBottom: 32 }} responsive items={[
        { title: t('import.step.kind') }, { title: t('import.step.template') }, { title: t('import.step.upload') },
        { title: t('import.step.progress') }, { title: t('import.step.result') },
      ]} />
      <div style={{ maxWidth: 880, margin: '0 auto' }}>
        {step === 0 && (
          <Form layout="vertical">
            <Form.Item label={t('import.kind')}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)} optionType="button" buttonStyle="solid" data-testid="import-kind"
                options={[{ value: 'members', label: t('import.kind.members') }, { value: 'orgs', label: t('import.kind.orgs') }]} />
            </Form.Item>
            <Form.Item label={kind === 'orgs' ? t('import.targetOrgs') : t('import.target')} required>
              <OrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: 400, maxWidth: '100%' }} data-testid="import-org" />
            </Form.Item>
            <Button type="primary" disabled={!orgId} onClick={() => setChosen(1)} data-testid="import-next">{t('import.next')}</Button>
          </Form>
        )}
        {step === 1 && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('import.templateDesc')} />
            <Button icon={<DownloadOutlined />} onClick={() => void getTemplate()} data-testid="import-template">{t('import.download')}</Button>
            <Space>
              <Button onClick={() => setChosen(0)}>{t('import.prev')}</Button>
              <Button type="primary" onClick={() => setChosen(2)} data-testid="import-next">{t('import.next')}</Button>
            </Space>
          </Space>
        )}
        {step === 2 && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={t('import.atomicHint')} />
            <XlsxPicker file={file} onChange={setFile} testId="import-upload" />
            <Space>
              <Button onClick={() => setChosen(1)}>{t('import.prev')}</Button>
              <Button type="primary" disabled={!file} loading={imp.uploading} onClick={() => void start()} data-testid="import-start">{t('import.start')}</Button>
            </Space>
          </Space>
        )}
        {step === 3 && <ImportProgress state={imp} testId="import-progress" />}
        {step === 4 && (
          <ImportResult state={imp} successTestId="import-result" failureTestId="import-result" errorsTestId="import-errors"
            failureExtra={<Button type="primary" onClick={() => restart(2)} data-testid="import-again">{t('import.again')}</Button>}
            successExtra={<Button type="primary" onClick={() => restart(0)} data-testid="import-again">{t('import.again')}</Button>} />
        )}
      </div>
    </Card>
  );
}
