import { AgedBalanceCustomer, AgedBalanceDay, ReceivableSettlement } from './aged-balance-day.entity.js';
import { OpenReceivable } from './open-receivable.entity.js';
import { ReceivableMovement } from './receivable-movement.entity.js';

export const LEDGER_ENTITIES = [ReceivableMovement, OpenReceivable, AgedBalanceDay, AgedBalanceCustomer, ReceivableSettlement];
