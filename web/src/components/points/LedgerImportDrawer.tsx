/**
 * Excel导入 on the ledger: for the scheme and year on screen, choose the organisation the entries
 * go into, download the template (indicator codes of the version in force as a drop-down), pick the
 * filled .xlsx and import it, all or nothing, through the shared import job (progress, then the
 * count written or the errors by row).
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { ImportProgress, ImportResult, XlsxPicker, jobFailed, useImportJob } from '../ImportJobView.tsx';
import { recordOrgFor, useDrawerSize } from './shared.tsx';
import type { SchemeRow } from './types.ts';

type Props = {
  scheme: SchemeRow;
  /** The year of the template's indicator codes. */
  year: number;
  onClose: () => void;
  /** Entries were written: the ledger reloads. */
  onImported: (count: number) => void;
};

/** The Excel导入 drawer of the ledger page. */
export function LedgerImportDrawer({ scheme, year, onClose, onImported }: Props) {
  const t = useT();
  const fb = useFeedback();
  const { me } = useSession();
  const size = useDrawerSize(560);
  const [orgId, setOrgId] = useState<number | undefined>(() => recordOrgFor(me));
  const [file, setFile] = useState<File | null>(null);
  const [fetching, setFetching] = useState(false);
  const imp = useImportJob((job) => { if (!jobFailed(job)) onImported(job.done || job.total); });

  const getTemplate = async () => {
    setFetching(true);
    try {
      await download('/points/import-template', { schemeId: scheme.id, year }, '积分记录导入模板.xlsx');
    } catch (err) {
      fb.error(err);
    } finally {
      setFetching(false);
    }
  };

  const start = () => {
    if (file && orgId) void imp.start('/points/import', file, { schemeId: scheme.id, orgId });
  };

  const again = () => {
    setFile(null);
    imp.reset();
  };

  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden title={t('points.import.title')} data-testid="ledger-import-drawer">
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }} data-testid="ledger-import-scheme" items={[
        { key: 'scheme', label: t('points.scheme'), children: scheme.name },
        { key: 'year', label: t('points.year'), children: (
          <Space orientation="vertical" size={0}>
            <span data-testid="ledger-import-year">{t('points.import.year', { y: year })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.import.yearHint')}</Typography.Text>
          </Space>
        ) },
      ]} />
      {imp.running && <ImportProgress state={imp} testId="ledger-import-progress" />}
      <ImportResult state={imp} successTestId="ledger-import-done" failureTestId="ledger-import-failed" errorsTestId="ledger-import-errors"
        successText={(n) => t('points.import.done', { n })}
        successExtra={<Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" onClick={onClose} data-testid="ledger-import-close">{t('points.import.close')}</Button>
          <Button onClick={again} data-testid="ledger-import-again">{t('points.import.again')}</Button>
        </Space>}
        failureExtra={<Button type="primary" onClick={again} data-testid="ledger-import-again">{t('points.import.retry')}</Button>} />
      {!imp.job && (
        <Form layout="vertical" data-testid="ledger-import-form">
          <Form.Item label={t('points.import.org')} required extra={scheme.subject === 'org' ? t('points.import.orgHint.org') : t('points.import.orgHint.member')}>
            <OrgTreeSelect value={orgId} onChange={setOrgId} style={{ width: '100%' }} data-testid="ledger-import-org" />
          </Form.Item>
          <Form.Item label={t('points.import.template')} extra={t('points.import.templateDesc')}>
            <Button icon={<DownloadOutlined />} loading={fetching} onClick={() => void getTemplate()} data-testid="ledger-import-template">{t('import.download')}</Button>
          </Form.Item>
          <Form.Item label={t('points.import.file')} required>
            <Alert type="warning" showIcon title={t('import.atomicHint')} style={{ marginBottom: 12 }} />
            <XlsxPicker file={file} onChange={setFile} disabled={imp.uploading} testId="ledger-import-upload" />
          </Form.Item>
          <Button type="primary" block icon={<UploadOutlined />} disabled={!file || !orgId} loading={imp.uploading} onClick={start} data-testid="ledger-import-start">
            {t('import.start')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
