import type { IntlShape } from 'react-intl';
import { formatReason } from '../ui/reasons';

/** What a task (worklist or task routes) says about its title: the English text, and its code with params when it has them. */
export interface TitledTask {
  title: string;
  titleCode?: string | null;
  titleParams?: Readonly<Record<string, string | number>> | null;
}

/** The task's title in the reader's language; a task stored before titles had codes shows its English title. */
export function taskTitleText(intl: IntlShape, task: TitledTask): string {
  const reason = task.titleParams?.reason;
  return formatReason(intl, `workspace.taskTitle.${task.titleCode ?? ''}`, task.titleParams, task.title,
    // A portal dispute's reason, in the disputes' catalogue.
    reason === undefined ? {} : { reasonLabel: intl.formatMessage({ id: `disputes.reason.${reason}`, defaultMessage: String(reason).replace(/_/g, ' ') }) });
}
