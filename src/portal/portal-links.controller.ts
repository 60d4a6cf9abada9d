import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { IdPipe } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { IssuePortalLinkDto, PortalLinksQuery } from './portal.dto.js';
import { IssuedPortalLinkResponse, PortalLinkResponse } from './portal.openapi.js';
import { PortalLinksService } from './portal-links.service.js';
import { PortalAttachmentsService } from './portal-attachments.service.js';
import { DisputesService } from '../disputes/disputes.service.js';

/** Collectors manage a customer's portal links: list, issue a new one, revoke. */
@Controller('api/v1')
@Roles(...RECEIVABLES_ROLES)
export class PortalLinksController {
  constructor(
    @Inject(PortalLinksService) private readonly links: PortalLinksService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(PortalAttachmentsService) private readonly attachments: PortalAttachmentsService,
    @Inject(DisputesService) private readonly disputes: DisputesService,
  ) {}

  @Get('customers/:externalId/portal-links')
  @ApiResponse({ status: 200, description: 'The customer\'s portal links, newest first', type: [PortalLinkResponse] })
  async list(@Param('externalId') externalId: string, @Query() query: PortalLinksQuery) {
    return this.links.list(await this.customerId(query.entity, externalId));
  }

  /** A new link for a contact (the collector sends it); `revokeOthers` stops the contact's other links. */
  @Post('customers/:externalId/portal-links')
  @ApiResponse({ status: 201, description: 'Issued: the URL is shown this once', type: IssuedPortalLinkResponse })
  async issue(
    @Param('externalId') externalId: string, @Query() query: PortalLinksQuery, @Body() dto: IssuePortalLinkDto, @CurrentPrincipal() principal: Principal,
  ) {
    const customerId = await this.customerId(query.entity, externalId);
    const contacts = await this.customers.deliveryContacts(customerId);
    if (!dto.contactId && !dto.contactEmail) throw new FieldValidationError([{ field: 'contactId', messages: ['give contactId or contactEmail'] }]);
    const contact = contacts.find((c) => (dto.contactId ? c.id === dto.contactId.toLowerCase() : c.email?.toLowerCase() === dto.contactEmail!.toLowerCase()));
    if (!contact) throw new FieldValidationError([{ field: dto.contactId ? 'contactId' : 'contactEmail', messages: ['no such contact at this customer'] }]);
    return this.links.issue(customerId, contact.id, principal.email ?? principal.name, dto.revokeOthers ?? false);
  }

  @Post('customers/:externalId/portal-links/:id/revoke')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'Revoked (its portal sessions end at once)', type: PortalLinkResponse })
  async revoke(
    @Param('externalId') externalId: string, @Param('id', new IdPipe('Portal link')) id: string, @Query() query: PortalLinksQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.links.revoke(await this.customerId(query.entity, externalId), id, principal.email ?? principal.name);
  }

  /** A file a customer attached to a dispute in the portal (the dispute lists it as `portal-attachment:<id>`). */
  @Get('portal-attachments/:id')
  @Roles(...RECEIVABLES_ROLES, 'dispute_validator', 'finance_manager')
  @ApiResponse({ status: 200, description: 'The file as the customer sent it', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async attachment(@Param('id', new IdPipe('Attachment')) id: string, @CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    // Need to know: a validator reads the files of the disputes assigned to them, not any by its id.
    await this.disputes.assertAttachmentVisible(`portal-attachment:${id}`, principal, () => new NotFoundError('Attachment', id));
    const file = await this.attachments.get(id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.content);
  }

  private async customerId(entityCode: string | undefined, externalId: string): Promise<string> {
    const entity = await this.entities.findByCode(entityCode);
    const customer = entity ? await this.customers.findByExternalId(entity.id, externalId) : null;
    if (!customer) throw new NotFoundError('Customer', externalId);
    return customer.id;
  }
}
