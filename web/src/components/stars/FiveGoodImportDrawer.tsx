/**
 * Excel导入 of 五好评定: for the organisation and year on screen, download the template (the
 * organisations counted there as a drop-down), pick the filled .xlsx and import it, all or nothing,
 * through the shared import drawer.
 */
import { Descriptions } from 'antd';
import { useT } from '../../i18n.ts';
import { ImportDrawer } from '../ImportDrawer.tsx';

type Props = { scope: { id: number; name: string }; year: number; onClose: () => void; onImported: () => void };

/** The Excel导入 drawer of the 五好评定 tab. */
export function FiveGoodImportDrawer({ scope, year, onClose, onImported }: Props) {
  const t = useT();
  return (
    <ImportDrawer title={t('stars.fg.importTitle')} testId="star-fg-import" onClose={onClose} onImported={onImported}
      header={<Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} items={[
        { key: 'scope', label: t('stars.fg.importScope'), children: scope.name },
        { key: 'year', label: t('stars.year'), children: <span data-testid="star-fg-import-year">{t('stars.yearN', { y: year })}</span> },
      ]} />}
      template={{ path: '/stars/five-good/template', query: { orgId: scope.id, year }, name: '五好评定导入模板.xlsx', hint: t('stars.fg.importTemplateHint') }}
      target={{ path: '/stars/five-good/import', query: { orgId: scope.id, year } }}
      rule={{ text: t('stars.fg.importReplaceHint'), type: 'warning' }}
      doneText={(n) => t('stars.fg.importDone', { n })} />
  );
}
