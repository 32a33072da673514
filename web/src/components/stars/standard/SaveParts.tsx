/** Saving the standard: the dialog that asks for a note, and the list of problems that stopped a save (each with its field in words). */
import { useState } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { useT } from '../../../i18n.ts';
import { withTestId } from '../../../testid.ts';
import { pathLabel } from './paths.ts';

/** A problem of the standard: the server's (path of the definition) or the form's own. */
export type Problem = { path: (string | number)[]; message: string };

/** 保存为新版本: asks for a note (说明) and confirms the version to come. */
export function SaveModal({ next, busy, onOk, onCancel }: { next: number; busy: boolean; onOk: (note: string) => void; onCancel: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  return (
    <Modal open title={t('stars.std.saveTitle', { n: next })} onCancel={onCancel} onOk={() => onOk(note.trim())} destroyOnHidden
      okText={t('stars.std.save')} okButtonProps={withTestId({ loading: busy }, 'star-std-save-ok')} cancelButtonProps={withTestId({}, 'star-std-save-cancel')}>
      <div data-testid="star-std-save-modal">
        <Typography.Paragraph type="secondary">{t('stars.std.saveHint', { n: next })}</Typography.Paragraph>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('stars.std.notePlaceholder')} aria-label={t('stars.std.note')} data-testid="star-std-note" />
      </div>
    </Modal>
  );
}

/** The problems that stopped a save; a click on one opens its tab and field. */
export function ProblemAlert({ problems, fromServer, onGo, onClose }: {
  problems: Problem[];
  fromServer: boolean;
  onGo: (p: Problem) => void;
  onClose: () => void;
}) {
  const t = useT();
  if (!problems.length) return null;
  return (
    <Alert type="error" showIcon closable={{ onClose }} style={{ marginBottom: 12 }} data-testid="star-std-problems" data-count={problems.length}
      title={t(fromServer ? 'stars.std.problems.server' : 'stars.std.problems.form', { n: problems.length })}
      description={
        <ol style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflowY: 'auto' }}>
          {problems.map((p, i) => (
            <li key={i} data-testid={`star-std-problem-${i}`}>
              <a onClick={() => onGo(p)} data-testid={`star-std-problem-path-${i}`}>{pathLabel(p.path, t)}</a>
              <span>{t('stars.std.colon')}{p.message}</span>
            </li>
          ))}
        </ol>
      } />
  );
}
