import { PaymentPlan } from './payment-plan.entity.js';
import { PaymentPromise } from './payment-promise.entity.js';

export const PROMISE_ENTITIES = [PaymentPromise, PaymentPlan];
