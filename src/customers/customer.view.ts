/**
 * The customer rows CustomersService and CustomerDirectory answer with, as
 * types for other capabilities (which never query the tables themselves).
 */
export type { CustomerContact } from './customer-contact.entity.js';
export type { Customer } from './customer.entity.js';
