/** 办理记录: the steps taken, oldest first — who, when, from → to, the level and the comment. */
import { Empty, Space, Timeline, Typography } from 'antd';
import { formatTime } from '../../dates.ts';
import { useT } from '../../i18n.ts';
import { Stars, stateLabel, stepLabel } from './shared.tsx';
import type { StepRecord } from './types.ts';

const COLORS: Record<string, string> = { refuse: 'red', return: 'orange', sendBack: 'orange', objectionUpheld: 'red', publish: 'green' };

/** The timeline of an application's steps. */
export function StepTimeline({ steps }: { steps: StepRecord[] }) {
  const t = useT();
  if (!steps.length) return <Empty description={t('stars.noSteps')} />;
  return (
    <Timeline data-testid="star-timeline" style={{ paddingTop: 8 }}
      items={steps.map((s, i) => ({
        key: i,
        color: COLORS[s.step] ?? 'blue',
        content: (
          <div data-testid={`star-timeline-${i}`} data-step={s.step}>
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{stepLabel(s.step, t)}</Typography.Text>
              <Typography.Text type="secondary">{formatTime(s.at)}</Typography.Text>
              <Typography.Text>{s.actorName ?? t('stars.system')}</Typography.Text>
            </Space>
            <div style={{ fontSize: 13 }}>
              {s.fromState !== s.toState
                ? t('stars.fromTo', { from: stateLabel(s.fromState, t), to: stateLabel(s.toState, t) })
                : stateLabel(s.toState, t)}
              {s.level ? <span style={{ marginInlineStart: 8 }}><Stars value={s.level} small /></span> : null}
            </div>
            {s.comment && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{s.comment}</Typography.Paragraph>}
          </div>
        ),
      }))} />
  );
}
