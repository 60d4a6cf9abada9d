/** Node-free: how workflows call the ERP delivery activity. */
import type { ActivityOptions } from '@temporalio/workflow';

/** Retried every 10 s doubling to hourly, with no attempt limit: until the ERP acknowledges. */
export const ERP_DELIVERY_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
};
