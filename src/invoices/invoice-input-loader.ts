import { Inject, Injectable } from '@nestjs/common';
import { CustomersService } from '../customers/customers.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { InvoiceDunningInput } from '../../workflows/definitions.js';
import { InvoiceWorkflowInputs } from './invoice-workflow-input.js';
import type { Invoice } from './invoice.entity.js';

/**
 * The workflow input for an invoice read on its own (a payment's
 * signal-with-start), its entity and customer's time zone looked up through
 * their modules.
 */
@Injectable()
export class InvoiceInputLoader {
  constructor(
    @Inject(InvoiceWorkflowInputs) private readonly inputs: InvoiceWorkflowInputs,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  async forInvoice(invoice: Invoice): Promise<InvoiceDunningInput> {
    const [entity, timeZone] = await Promise.all([
      this.entities.findById(invoice.entityId),
      this.customers.timeZoneOf(invoice.customerId),
    ]);
    if (!entity) throw new Error(`Invoice ${invoice.id}: legal entity ${invoice.entityId} not found`);
    return this.inputs.build(invoice, entity, timeZone);
  }
}
