/**
 * The drawer of a simple Excel import: download the template, pick the filled .xlsx and import it,
 * all or nothing, through the shared import job (progress, then the count written or the errors by
 * row). `testId` prefixes every test id (`<testId>-drawer`, `-template`, `-upload`, `-start`, …).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Form, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download, type Query } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { ImportProgress, ImportResult, XlsxPicker, jobFailed, useImportJob } from './ImportJobView.tsx';
import { useDrawerSize } from './points/shared.tsx';

type Props = {
  title: string; testId: string;
  /** What the import goes into, shown above the form. */
  header?: ReactNode;
  template: { path: string; query: Query; name: string; hint: string };
  /** The import endpoint and its query. */
  target: { path: string; query: Query };
  /** The rule to heed before uploading, and how strongly. */
  rule: { text: string; type: 'info' | 'warning' };
  doneText: (n: number) => string;
  onClose: () => void;
  onImported: () => void;
};

/** The drawer. */
export function ImportDrawer({ title, testId, header, template, target, rule, doneText, onClose, onImported }: Props) {
  const t = useT();
  const fb = useFeedback();
  const size = useDrawerSize(520);
  const [file, setFile] = useState<File | null>(null);
  const [fetching, setFetching] = useState(false);
  const imp = useImportJob((job) => { if (!jobFailed(job)) onImported(); });

  const getTemplate = async () => {
    setFetching(true);
    try {
      await download(template.path, template.query, template.name);
    } catch (err) {
      fb.error(err);
    } finally {
      setFetching(false);
    }
  };
  const again = () => { setFile(null); imp.reset(); };

  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden title={title} data-testid={`${testId}-drawer`}>
      {header}
      {imp.running && <ImportProgress state={imp} testId={`${testId}-progress`} />}
      <ImportResult state={imp} successTestId={`${testId}-done`} failureTestId={`${testId}-failed`} errorsTestId={`${testId}-errors`}
        successText={doneText}
        successExtra={<Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" onClick={onClose} data-testid={`${testId}-close`}>{t('points.import.close')}</Button>
          <Button onClick={again}>{t('points.import.again')}</Button>
        </Space>}
        failureExtra={<Button type="primary" onClick={again} data-testid={`${testId}-again`}>{t('points.import.retry')}</Button>} />
      {!imp.job && (
        <Form layout="vertical">
          <Form.Item label={t('points.import.template')} extra={template.hint}>
            <Button icon={<DownloadOutlined />} loading={fetching} onClick={() => void getTemplate()} data-testid={`${testId}-template`}>{t('import.download')}</Button>
          </Form.Item>
          <Form.Item label={t('points.import.file')} required>
            <Alert type={rule.type} showIcon title={rule.text} style={{ marginBottom: 12 }} />
            <XlsxPicker file={file} onChange={setFile} disabled={imp.uploading} testId={`${testId}-upload`} />
          </Form.Item>
          <Button type="primary" block icon={<UploadOutlined />} disabled={!file} loading={imp.uploading}
            onClick={() => { if (file) void imp.start(target.path, file, target.query); }} data-testid={`${testId}-start`}>
            {t('import.start')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
