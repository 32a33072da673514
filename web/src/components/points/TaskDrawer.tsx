/** 办理: update a task's status, outcome (from its options), resolution and due date; the version goes back so a concurrent edit is refused. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, api } from '../../api.ts';
import { formatTime, toDay } from '../../dates.ts';
import { applyFieldErrors, errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { TASK_STATUSES, TaskKindTag, TaskStatusTag, taskStatusLabel, useDrawerSize } from './shared.tsx';
import { TaskSource } from './TaskSource.tsx';
import type { Task } from './types.ts';

type Values = { status: Task['status']; outcome?: string | null; resolution?: string | null; dueOn?: Dayjs | null };

type Props = {
  task: Task | null;
  onClose: () => void;
  /** After saving, or when the task changed under us (reload the list). */
  onSaved: () => void;
};

/** The task drawer. */
export function TaskDrawer({ task, onClose, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const size = useDrawerSize(600);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = Form.useWatch('status', form);
  if (!task) return null;
  const closed = task.status === 'done' || task.status === 'cancelled';
  const editable = !closed && task.actions.includes('task.manage');

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { version: task.version };
    if (v.status !== task.status) body.status = v.status;
    const outcome = v.outcome || null;
    if (outcome !== task.outcome) body.outcome = outcome;
    const resolution = v.resolution?.trim() || null;
    if (resolution !== task.resolution) body.resolution = resolution;
    const dueOn = v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null;
    if (dueOn !== task.dueOn) body.dueOn = dueOn;
    try {
      await api.patch(`/tasks/${task.id}`, body);
      fb.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        fb.error(err);
        onSaved();
        return;
      }
      applyFieldErrors(form, err, lang);
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden data-testid="task-drawer"
      title={editable ? t('task.handle') : t('task.detail')}
      extra={editable && <Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="task-submit">{t('common.save')}</Button>
      </Space>}>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }} items={[
        { key: 'title', label: t('task.title'), children: <Typography.Text strong>{task.title}</Typography.Text> },
        { key: 'kind', label: t('common.kind'), children: <TaskKindTag kind={task.kind} t={t} /> },
        { key: 'org', label: t('common.org'), children: task.orgName },
        { key: 'run', label: t('task.source'), children: <TaskSource task={task} /> },
        { key: 'status', label: t('common.status'), children: <TaskStatusTag status={task.status} t={t} /> },
        ...(task.options.length ? [{ key: 'opts', label: t('task.options'), children: task.options.join('、') }] : []),
        { key: 'created', label: t('common.createdAt'), children: formatTime(task.createdAt) },
        ...(task.closedAt ? [{ key: 'closed', label: t('task.closedAt'), children: formatTime(task.closedAt) }] : []),
      ]} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="task-error" />}
      {!editable && !closed && <Alert type="info" showIcon title={t('task.readOnly')} style={{ marginBottom: 16 }} />}
      {closed && <Alert type="success" showIcon title={t('task.closed')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" disabled={!editable} data-testid="task-form" onFinish={(v) => void submit(v)}
        initialValues={{ status: task.status, outcome: task.outcome, resolution: task.resolution, dueOn: toDay(task.dueOn) }}>
        <Form.Item name="status" label={t('common.status')} rules={[{ required: true }]}>
          <Select data-testid="task-status" options={TASK_STATUSES.map((s) => ({ value: s, label: taskStatusLabel(s, lang) }))} />
        </Form.Item>
        {task.options.length > 0 && (
          <Form.Item name="outcome" label={t('task.outcome')}
            rules={status === 'done' ? [{ required: true, message: t('task.outcomeRequired') }] : []}>
            <Select allowClear data-testid="task-outcome" options={task.options.map((o) => ({ value: o, label: o }))} placeholder={t('common.select')} />
          </Form.Item>
        )}
        <Form.Item name="resolution" label={t('task.resolution')}
          rules={status === 'done' ? [{ required: true, whitespace: true, message: t('task.resolutionRequired') }] : []}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('task.resolutionHint')} data-testid="task-resolution" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('task.dueOn')}>
          <DatePicker style={{ width: 200 }} data-testid="task-due" />
        </Form.Item>
        {editable && (status === 'done' || status === 'cancelled') && <Alert type="warning" showIcon title={t('task.closeWarning')} />}
      </Form>
    </Drawer>
  );
}
