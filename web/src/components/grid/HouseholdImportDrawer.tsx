/** 导入住户: the households of the community on screen from the template (its grids as a drop-down), all or nothing. */
import { useT } from '../../i18n.ts';
import { ImportDrawer } from '../ImportDrawer.tsx';

/** The drawer; `onImported` reloads the list after a successful import. */
export function HouseholdImportDrawer({ communityId, onClose, onImported }: { communityId: number; onClose: () => void; onImported: () => void }) {
  const t = useT();
  return (
    <ImportDrawer title={t('gw.hh.import')} testId="gw-hh-import" onClose={onClose} onImported={onImported}
      template={{ path: '/households/template', query: { communityId }, name: '住户信息导入模板.xlsx', hint: t('gw.hh.importTemplateHint') }}
      target={{ path: '/households/import', query: { communityId } }}
      rule={{ text: t('gw.hh.importRule'), type: 'info' }}
      doneText={(n) => t('gw.hh.importDone', { n })} />
  );
}
