import { PaymentPromise } from './payment-promise.entity.js';

export const PROMISE_ENTITIES = [PaymentPromise];
