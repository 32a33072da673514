/**
 * The members on a ballot, one card each: the grades as large radio choices (probationary members
 * take part without a grade) and an optional comment of at most 100 characters. Used by the public
 * voting page and by the tellers' paper-ballot entry.
 */
import { useState } from 'react';
import { Button, Input, Radio, Tag, Typography } from 'antd';
import { useLang, useT, valueLabel } from '../../i18n.ts';
import { GRADE_COLORS } from './shared.tsx';
import type { Subject } from './types.ts';

/** Longest comment on one member, in characters (the server's limit). */
export const MAX_COMMENT = 100;

/** What a ballot holds while it is filled in. */
export type BallotValue = { grades: Record<string, string>; comments: Record<string, string> };

/** An empty ballot. */
export const emptyBallot = (): BallotValue => ({ grades: {}, comments: {} });

/** How many graded members still lack a grade. */
export function missingGrades(subjects: Subject[], v: BallotValue): number {
  return subjects.filter((s) => s.graded && !v.grades[String(s.memberId)]).length;
}

/** The ballot as the API takes it: grades of the graded members, comments trimmed and non-empty. */
export function ballotBody(subjects: Subject[], v: BallotValue): { grades: Record<string, string>; comments: Record<string, string> } {
  const graded = new Set(subjects.filter((s) => s.graded).map((s) => String(s.memberId)));
  const grades = Object.fromEntries(Object.entries(v.grades).filter(([k]) => graded.has(k)));
  const comments = Object.fromEntries(Object.entries(v.comments).map(([k, c]) => [k, c.trim()]).filter(([, c]) => c));
  return { grades, comments };
}

type Props = {
  subjects: Subject[];
  grades: string[];
  value: BallotValue;
  onChange: (v: BallotValue) => void;
  /** Test ids start with this (vote, paper). */
  prefix: string;
  /** Phone layout: bigger choices, one card per member. */
  large?: boolean;
};

/** The cards. */
export function BallotCards({ subjects, grades, value, onChange, prefix, large }: Props) {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const set = (k: 'grades' | 'comments', id: string, v: string) => onChange({ ...value, [k]: { ...value[k], [id]: v } });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: large ? 12 : 8 }} data-testid={`${prefix}-cards`}>
      {subjects.map((s, i) => {
        const id = String(s.memberId);
        const chosen = value.grades[id];
        const missing = s.graded && !chosen;
        return (
          <div key={id} data-testid={`${prefix}-card-${id}`} data-graded={s.graded ? 'true' : 'false'}
            style={{ background: '#fff', border: `1px solid ${missing ? '#d9d9d9' : '#b7eb8f'}`, borderRadius: 8, padding: large ? 14 : 10 }}>
            <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 8, marginBottom: s.graded ? 10 : 4 }}>
              <Typography.Text type="secondary" style={{ minWidth: 24 }}>{i + 1}.</Typography.Text>
              <Typography.Text strong style={{ fontSize: large ? 18 : 15 }}>{s.name}</Typography.Text>
              {!s.graded && <Tag color="gold" data-testid={`${prefix}-probationary-${id}`}>{t('eval.probationary')}</Tag>}
            </div>
            {s.graded && (
              <Radio.Group value={chosen} onChange={(e) => set('grades', id, String(e.target.value))} data-testid={`${prefix}-grades-${id}`}
                style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${large ? 130 : 104}px, 1fr))`, gap: 8, width: '100%' }}>
                {grades.map((g) => (
                  <Radio key={g} value={g}
                    style={{
                      margin: 0, padding: large ? '10px 12px' : '4px 8px', borderRadius: 6, fontSize: large ? 16 : 14,
                      border: `1px solid ${chosen === g ? GRADE_COLORS[g] ?? '#c8102e' : '#d9d9d9'}`, background: chosen === g ? '#fff7e6' : '#fff',
                    }}>
                    <span data-testid={`${prefix}-grade-${id}-${g}`}>{valueLabel(g, lang)}</span>
                  </Radio>
                ))}
              </Radio.Group>
            )}
            {open[id] || value.comments[id] ? (
              <Input.TextArea value={value.comments[id] ?? ''} onChange={(e) => set('comments', id, e.target.value)} maxLength={MAX_COMMENT} showCount
                autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('eval.ballot.commentPlaceholder')} style={{ marginTop: 10 }} data-testid={`${prefix}-comment-${id}`} />
            ) : (
              <Button type="link" size="small" style={{ padding: 0, marginTop: 6 }} onClick={() => setOpen({ ...open, [id]: true })} data-testid={`${prefix}-comment-open-${id}`}>
                {t('eval.ballot.addComment')}
              </Button>
            )}
          </div>
        );
      })}
    </div>
  );
}
