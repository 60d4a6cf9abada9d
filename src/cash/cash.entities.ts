import { BankLine } from './bank-line.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { CreditAllocation } from './credit-allocation.entity.js';
import { CustomerCredit } from './customer-credit.entity.js';
import { PayerLink } from './payer-link.entity.js';

export const CASH_ENTITIES = [BankStatement, BankLine, PayerLink, CustomerCredit, CreditAllocation];
