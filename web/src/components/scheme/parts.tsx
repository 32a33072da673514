/** Small pieces the scheme pages share: the subject tag, problem lists with paths in words, field error text. */
import type { ReactNode } from 'react';
import { Alert, Tag, Typography } from 'antd';
import { useLang, useT } from '../../i18n.ts';
import { pathText } from './format.ts';
import type { Problem, SchemeDefinition, SheetProblem, Subject } from './types.ts';

/** 党员 / 组织. */
export function SubjectTag({ subject }: { subject: Subject }) {
  const t = useT();
  return subject === 'member'
    ? <Tag color="red" data-subject="member">{t('scheme.subject.member')}</Tag>
    : <Tag color="blue" data-subject="org">{t('scheme.subject.org')}</Tag>;
}

/** Problems (or warnings) each with its place in words; a click on one goes to it. */
export function ProblemList({ problems, kind = 'error', def, title, onGo, testId }: {
  problems: Problem[];
  kind?: 'error' | 'warning';
  def?: Partial<SchemeDefinition> | null;
  title?: ReactNode;
  onGo?: (path: (string | number)[]) => void;
  testId?: string;
}) {
  const t = useT();
  const lang = useLang();
  if (!problems.length) return null;
  return (
    <Alert type={kind} showIcon data-testid={testId} style={{ marginBottom: 12 }}
      title={title ?? (kind === 'error' ? t('scheme.problems', { n: problems.length }) : t('scheme.warnings', { n: problems.length }))}
      description={(
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 260, overflow: 'auto' }}>
          {problems.map((p, i) => (
            <li key={`${p.path.join('.')}-${i}`} data-path={p.path.join('.')} data-testid={testId ? `${testId}-item` : undefined}>
              {onGo
                ? <Typography.Link onClick={() => onGo(p.path)}>{pathText(p.path, def, t)}</Typography.Link>
                : <Typography.Text strong>{pathText(p.path, def, t)}</Typography.Text>}
              {lang === 'en' ? ': ' : '：'}{lang === 'en' && p.messageEn ? p.messageEn : p.message}
            </li>
          ))}
        </ul>
      )} />
  );
}

/** Problems of an Excel file: sheet, row and message. */
export function SheetProblemList({ problems }: { problems: SheetProblem[] }) {
  const t = useT();
  const lang = useLang();
  if (!problems.length) return null;
  return (
    <Alert type="error" showIcon data-testid="scheme-file-problems" style={{ marginBottom: 12 }}
      title={t('scheme.import.fileProblems', { n: problems.length })}
      description={(
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 260, overflow: 'auto' }}>
          {problems.map((p, i) => (
            <li key={i} data-testid="scheme-file-problems-item">
              <Typography.Text strong>{p.row ? t('scheme.import.sheetRow', { sheet: p.sheet, row: p.row }) : t('scheme.import.sheet', { sheet: p.sheet })}</Typography.Text>
              {lang === 'en' ? ': ' : '：'}{p.message}
            </li>
          ))}
        </ul>
      )} />
  );
}

/** Error lines under an editable cell. */
export function FieldErrors({ errors, warnings }: { errors?: string[]; warnings?: string[] }) {
  if (!errors?.length && !warnings?.length) return null;
  return (
    <div style={{ fontSize: 12, lineHeight: 1.4, marginTop: 2, whiteSpace: 'normal' }} data-testid="scheme-field-error">
      {errors?.map((e, i) => <div key={`e${i}`} style={{ color: '#cf1322' }}>{e}</div>)}
      {warnings?.map((e, i) => <div key={`w${i}`} style={{ color: '#d48806' }}>{e}</div>)}
    </div>
  );
}
