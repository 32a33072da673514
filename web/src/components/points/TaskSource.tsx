/** Where a task came from: a year-end run (年终考评), a 民主评议 campaign (as a link to it), or an unkept commitment. */
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import type { Task } from './types.ts';

/** The source of a task as a link. */
export function TaskSource({ task }: { task: Task }) {
  const t = useT();
  const navigate = useNavigate();
  const go = (path: string) => (e: MouseEvent) => { e.stopPropagation(); navigate(path); };
  if (task.evalCampaignId) {
    return (
      <a onClick={go(`/evaluation/${task.evalCampaignId}`)} data-testid={`task-source-eval-${task.id}`} data-campaign={task.evalCampaignId}>
        {t('task.evalText', { name: task.evalName ?? String(task.evalCampaignId) })}
      </a>
    );
  }
  if (task.commitmentId) return <span data-testid={`task-source-commitment-${task.id}`}>{t('task.commitmentText', { year: task.year ?? '' })}</span>;
  return <a onClick={go(`/runs/${task.runId}`)} data-testid={`task-source-run-${task.id}`}>{t('task.runText', { year: task.year, id: task.runId ?? '' })}</a>;
}
