/**
 * Excel导入 of 五好评定: for the organisation and year on screen, download the template (the
 * organisations counted there as a drop-down), pick the filled .xlsx and import it, all or nothing,
 * through the shared import job (progress, then the count written or the errors by row).
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { ImportProgress, ImportResult, XlsxPicker, jobFailed, useImportJob } from '../ImportJobView.tsx';
import { useDrawerSize } from '../points/shared.tsx';

type Props = { scope: { id: number; name: string }; year: number; onClose: () => void; onImported: () => void };

/** The Excel导入 drawer of the 五好评定 tab. */
export function FiveGoodImportDrawer({ scope, year, onClose, onImported }: Props) {
  const t = useT();
  const fb = useFeedback();
  const size = useDrawerSize(520);
  const [file, setFile] = useState<File | null>(null);
  const [fetching, setFetching] = useState(false);
  const imp = useImportJob((job) => { if (!jobFailed(job)) onImported(); });

  const getTemplate = async () => {
    setFetching(true);
    try {
      await download('/stars/five-good/template', { orgId: scope.id, year }, '五好评定导入模板.xlsx');
    } catch (err) {
      fb.error(err);
    } finally {
      setFetching(false);
    }
  };
  const again = () => { setFile(null); imp.reset(); };

  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden title={t('stars.fg.importTitle')} data-testid="star-fg-import-drawer">
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} items={[
        { key: 'scope', label: t('stars.fg.importScope'), children: scope.name },
        { key: 'year', label: t('stars.year'), children: <span data-testid="star-fg-import-year">{t('stars.yearN', { y: year })}</span> },
      ]} />
      {imp.running && <ImportProgress state={imp} testId="star-fg-import-progress" />}
      <ImportResult state={imp} successTestId="star-fg-import-done" failureTestId="star-fg-import-failed" errorsTestId="star-fg-import-errors"
        successText={(n) => t('stars.fg.importDone', { n })}
        successExtra={<Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" onClick={onClose} data-testid="star-fg-import-close">{t('points.import.close')}</Button>
          <Button onClick={again}>{t('points.import.again')}</Button>
        </Space>}
        failureExtra={<Button type="primary" onClick={again} data-testid="star-fg-import-again">{t('points.import.retry')}</Button>} />
      {!imp.job && (
        <Form layout="vertical">
          <Form.Item label={t('points.import.template')} extra={t('stars.fg.importTemplateHint')}>
            <Button icon={<DownloadOutlined />} loading={fetching} onClick={() => void getTemplate()} data-testid="star-fg-import-template">{t('import.download')}</Button>
          </Form.Item>
          <Form.Item label={t('points.import.file')} required>
            <Alert type="warning" showIcon title={t('stars.fg.importReplaceHint')} style={{ marginBottom: 12 }} />
            <XlsxPicker file={file} onChange={setFile} disabled={imp.uploading} testId="star-fg-import-upload" />
          </Form.Item>
          <Button type="primary" block icon={<UploadOutlined />} disabled={!file} loading={imp.uploading}
            onClick={() => { if (file) void imp.start('/stars/five-good/import', file, { orgId: scope.id, year }); }} data-testid="star-fg-import-start">
            {t('import.start')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
