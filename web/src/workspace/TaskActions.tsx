import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { addDays } from '../ui/dates';
import { ErrorAlert } from '../ui/ErrorAlert';
import { taskTitleText } from './task-title';
import { TASK_OUTCOMES, useAssignTask, useCompleteTask, useSnoozeTask, type TaskOutcome, type WorklistTask } from './queries';

export type TaskAction = 'snooze' | 'complete';

/** "Assign to me": the task stops following the portfolio and stays with the signed-in collector. */
export function TakeTaskButton({ task, onDone }: { task: WorklistTask; onDone: (message: string) => void }) {
  const intl = useIntl();
  const assign = useAssignTask(task.id);
  return (
    <>
      <Button size="xs" variant="default" loading={assign.isPending}
        aria-label={intl.formatMessage({ id: 'workspace.task.takeLabel' }, { task: taskTitleText(intl, task) })}
        onClick={() => assign.mutate({ assignee: 'me' }, { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.take' }, { task: taskTitleText(intl, task) })) })}>
        <FormattedMessage id="workspace.task.take" />
      </Button>
      {assign.error && <ErrorAlert error={assign.error} />}
    </>
  );
}

export function TaskActionDialog({ action, task, today, onClose, onDone }: {
  action: TaskAction | null; task: WorklistTask; today: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const intl = useIntl();
  return (
    <Modal opened={action !== null} onClose={onClose} size="md" closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'workspace.close' }) }}
      title={action ? intl.formatMessage({ id: `workspace.task.${action}.title` }, { task: taskTitleText(intl, task) }) : ''}>
      {action === 'snooze' && <SnoozeForm task={task} today={today} onDone={onDone} />}
      {action === 'complete' && <CompleteForm task={task} today={today} onDone={onDone} />}
    </Modal>
  );
}

const fieldErrors = (error: unknown) => (error instanceof ApiError ? error.fieldErrors : {});

function SnoozeForm({ task, today, onDone }: { task: WorklistTask; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const snooze = useSnoozeTask(task.id);
  // Tomorrow morning: a snooze means not today, and 09:00 today may already be past (the API refuses the past).
  const [until, setUntil] = useState(`${addDays(today, 1)}T09:00`);
  const errors = fieldErrors(snooze.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    snooze.mutate({ until: new Date(until).toISOString() }, { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.snooze' }, { task: taskTitleText(intl, task) })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.task.snooze.title' }, { task: taskTitleText(intl, task) })}>
      <Stack>
        {snooze.error && !errors.until && <ErrorAlert error={snooze.error} />}
        <TextInput type="datetime-local" required label={intl.formatMessage({ id: 'workspace.task.snooze.until' })} value={until} error={errors.until} onChange={(e) => setUntil(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit" loading={snooze.isPending}><FormattedMessage id="workspace.task.snooze.submit" /></Button></Group>
      </Stack>
    </form>
  );
}

function CompleteForm({ task, today, onDone }: { task: WorklistTask; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const complete = useCompleteTask(task.id);
  const outcomes = TASK_OUTCOMES[task.kind] ?? ['not_needed'];
  const [outcome, setOutcome] = useState<TaskOutcome>(outcomes[0]!);
  const [note, setNote] = useState('');
  const [callBackOn, setCallBackOn] = useState(today);
  const errors = fieldErrors(complete.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate({ outcome, note: note.trim() || undefined, ...(outcome === 'call_back_on' ? { callBackOn } : {}) },
      { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.complete' }, { task: taskTitleText(intl, task) })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.task.complete.title' }, { task: taskTitleText(intl, task) })}>
      <Stack>
        {complete.error && Object.keys(errors).length === 0 && <ErrorAlert error={complete.error} />}
        <NativeSelect label={intl.formatMessage({ id: 'workspace.task.complete.outcome' })} required value={outcome} error={errors.outcome}
          data={outcomes.map((o) => ({ value: o, label: intl.formatMessage({ id: `workspace.outcome.${o}` }) }))}
          onChange={(e) => setOutcome(e.currentTarget.value as TaskOutcome)} />
        {outcome === 'call_back_on' && (
          <TextInput type="date" required min={today} label={intl.formatMessage({ id: 'workspace.call.callBackOn' })} value={callBackOn} error={errors.callBackOn} onChange={(e) => setCallBackOn(e.currentTarget.value)} />
        )}
        <Textarea label={intl.formatMessage({ id: 'workspace.call.note' })} autosize minRows={2} maxLength={4000} value={note} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit" loading={complete.isPending}><FormattedMessage id="workspace.task.complete.submit" /></Button></Group>
      </Stack>
    </form>
  );
}
