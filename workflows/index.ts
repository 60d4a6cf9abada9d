// Entry point of the workflow bundle: every workflow type the worker serves.
export { invoiceDunningWorkflow } from './invoice-dunning.workflow.js';
export { customerCommunicationsWorkflow } from './customer-communications.workflow.js';
export { creditLimitApprovalWorkflow } from './credit-limit-approval.workflow.js';
export { creditRescoringWorkflow } from './credit-rescoring.workflow.js';
export { disputeApprovalWorkflow } from './dispute-approval.workflow.js';
export { erpDeliveryWorkflow } from './erp-delivery.workflow.js';
export { kpiSnapshotsWorkflow } from './kpi-snapshots.workflow.js';
export { writeOffApprovalWorkflow } from './write-off-approval.workflow.js';
export { promiseToPayWorkflow } from './promise-to-pay.workflow.js';
export { paymentPlanWorkflow } from './payment-plan.workflow.js';
export { invoiceImportWorkflow } from './invoice-import.workflow.js';
