// Workflow interceptors (registered with the worker and bundled with the workflows): the log context a
// client call put in the start header (request id, invoice/dispute id) follows the workflow into every
// activity, child workflow and continue-as-new; a signal or update sent by a later request replaces the
// request id for what follows. Headers only: no command changes, so recorded histories replay unchanged.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type {
  ActivityInput, ContinueAsNewInput, LocalActivityInput, Next, SignalInput, StartChildWorkflowExecutionInput, UpdateInput,
  WorkflowExecuteInput, WorkflowInboundCallsInterceptor, WorkflowInterceptors, WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { LOG_CONTEXT_HEADER } from './log-context.definitions.js';

type Headers = Record<string, Payload>;

/** Called once per workflow execution: the context lives in this closure, never shared between workflows. */
export const interceptors = (): WorkflowInterceptors => {
  let context: Payload | undefined;

  const adoptRequestId = (headers: Headers): void => {
    const incoming = headers[LOG_CONTEXT_HEADER];
    if (!incoming) return;
    if (!context) {
      context = incoming;
      return;
    }
    const { requestId } = defaultPayloadConverter.fromPayload<{ requestId?: string }>(incoming);
    if (!requestId) return;
    const current = defaultPayloadConverter.fromPayload<Record<string, unknown>>(context);
    context = defaultPayloadConverter.toPayload({ ...current, requestId });
  };

  const withContext = <T extends { headers: Headers }>(input: T): T =>
    context ? { ...input, headers: { ...input.headers, [LOG_CONTEXT_HEADER]: context } } : input;

  const inbound: WorkflowInboundCallsInterceptor = {
    execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
      context = input.headers[LOG_CONTEXT_HEADER] ?? context;
      return next(input);
    },
    handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
      adoptRequestId(input.headers);
      return next(input);
    },
    handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
      adoptRequestId(input.headers);
      return next(input);
    },
  };

  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) => next(withContext(input)),
    scheduleLocalActivity: (input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) => next(withContext(input)),
    startChildWorkflowExecution: (input: StartChildWorkflowExecutionInput, next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>) =>
      next(withContext(input)),
    continueAsNew: (input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>) => next(withContext(input)),
  };

  return { inbound: [inbound], outbound: [outbound] };
};
