import { BankLine } from './bank-line.entity.js';
import { BankStatement } from './bank-statement.entity.js';

export const CASH_ENTITIES = [BankStatement, BankLine];
