import { ApiProperty } from '@nestjs/swagger';
import type { PortalLinkView } from './portal-links.service.js';

// Response schemas of the portal routes (the console's generated client reads them).

class PortalNamed {
  @ApiProperty() name!: string;
}

class PortalCustomer extends PortalNamed {
  @ApiProperty() externalId!: string;
}

class PortalContact {
  @ApiProperty({ type: 'string', nullable: true }) name!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) email!: string | null;
  @ApiProperty({ enum: ['fr', 'en'] }) language!: 'fr' | 'en';
}

export class PortalSessionResponse {
  @ApiProperty({ type: PortalCustomer }) customer!: PortalCustomer;
  @ApiProperty({ type: PortalNamed, description: 'The legal entity that invoiced' }) entity!: PortalNamed;
  @ApiProperty({ type: PortalContact }) contact!: PortalContact;
  @ApiProperty({ description: 'The entity has a payment page (pay buttons)' }) canPay!: boolean;
  @ApiProperty({ description: 'Echo it in X-CSRF-Token on unsafe requests' }) csrfToken!: string;
}

class PortalBalance {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1200.00' }) open!: string;
  @ApiProperty({ example: '400.00' }) overdue!: string;
}

class PortalOpenItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ example: '1200.00' }) amount!: string;
  @ApiProperty({ example: '1200.00' }) openAmount!: string;
  @ApiProperty({ description: 'Negative before the due date' }) daysOverdue!: number;
  @ApiProperty() disputed!: boolean;
  @ApiProperty({ description: 'The ERP supplied the invoice PDF' }) hasDocument!: boolean;
  @ApiProperty() canPay!: boolean;
}

class PortalDisputeInvoice {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'string', nullable: true }) number!: string | null;
}

class PortalDispute {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() reasonCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ type: 'string', nullable: true }) acceptedAmount!: string | null;
  @ApiProperty({ type: [PortalDisputeInvoice] }) invoices!: PortalDisputeInvoice[];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

export class PortalAccountResponse {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [PortalBalance] }) balances!: PortalBalance[];
  @ApiProperty({ type: [PortalOpenItem] }) openItems!: PortalOpenItem[];
  @ApiProperty({ type: [PortalDispute] }) disputes!: PortalDispute[];
}

class PortalDocument {
  @ApiProperty({ enum: ['invoice', 'letter'] }) kind!: 'invoice' | 'letter';
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'Where to download the PDF (same origin, the portal cookie)' }) url!: string;
}

export class PortalInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() openAmount!: string;
  @ApiProperty() status!: string;
  @ApiProperty() disputed!: boolean;
  @ApiProperty() canPay!: boolean;
  @ApiProperty({ type: [PortalDocument] }) documents!: PortalDocument[];
}

export class PortalActionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
}

export class PortalPayResponse {
  @ApiProperty({ description: 'The entity\'s payment page for this invoice' }) url!: string;
}

class PortalLinkContact {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'string', nullable: true }) name!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) email!: string | null;
}

export class PortalLinkResponse implements PortalLinkView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PortalLinkContact }) contact!: PortalLinkContact;
  @ApiProperty({ description: '`email` (a customer message needed one) or who issued it' }) issuedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ description: 'Neither revoked nor expired' }) active!: boolean;
}

export class IssuedPortalLinkResponse extends PortalLinkResponse {
  @ApiProperty({ description: 'The link to send (shown this once)' }) url!: string;
}
