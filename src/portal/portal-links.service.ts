import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { AppConfig, publicOrigin } from '../config/app-config.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { derivedKey } from '../sessions/session-secrets.js';
import { PortalLinkError } from './portal.errors.js';
import { portalFooter } from './portal-footer.js';
import { signPortalLink, verifyPortalLink } from './portal-link-signer.js';
import { PortalLink } from './portal-link.entity.js';
import { PortalSession } from './portal-session.entity.js';

const DAY_MS = 86_400_000;
/** An email reuses the contact's link while it has at least this long left, so every emailed link works for a week. */
const REUSE_WHILE_LEFT_MS = 7 * DAY_MS;
/** The page a link lands on: it asks before opening anything. */
export const PORTAL_LANDING_PATH = '/portal/open';

export interface PortalLinkView {
  id: string;
  contact: { id: string; name: string | null; email: string | null };
  issuedBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
  active: boolean;
}

/** Portal links: issued per contact (by an email or a collector), expiring, revocable. */
@Injectable()
export class PortalLinksService {
  private readonly key: Buffer;
  private readonly origin: string;
  private readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.key = derivedKey(config, 'portal-links');
    this.origin = publicOrigin(config);
    this.ttlMs = config.RELANCE_PORTAL_LINK_DAYS * DAY_MS;
  }

  urlOf(link: Pick<PortalLink, 'id' | 'expiresAt'>): string {
    return `${this.origin}${PORTAL_LANDING_PATH}?token=${encodeURIComponent(signPortalLink(this.key, link.id, link.expiresAt.getTime()))}`;
  }

  /**
   * The link a customer email carries: its contact's (`contactId`, else the contact at `address`,
   * else the primary one) active link with a week left, else a new one. Null: nobody to give it to.
   */
  async linkForMessage(customerId: string, contactId: string | null, address: string): Promise<{ url: string; expiresAt: Date; contactId: string } | null> {
    const contacts = await this.customers.deliveryContacts(customerId);
    const contact = contacts.find((c) => c.id === contactId)
      ?? contacts.find((c) => c.email?.toLowerCase() === address.toLowerCase())
      ?? contacts.find((c) => c.isPrimary);
    if (!contact) return null;
    const now = this.clock.nowMs();
    const current = await this.dataSource.manager.findOne(PortalLink, {
      where: { contactId: contact.id, customerId, revokedAt: IsNull(), expiresAt: MoreThan(new Date(now + REUSE_WHILE_LEFT_MS)) },
      order: { expiresAt: 'DESC' },
    });
    const link = current ?? await this.create(customerId, contact.id, 'email');
    return { url: this.urlOf(link), expiresAt: link.expiresAt, contactId: contact.id };
  }

  /** The portal paragraph of a customer email to this contact (see portalFooter); null when nobody can have a link. */
  async emailFooter(customerId: string, contactId: string | null, address: string): Promise<string | null> {
    const link = await this.linkForMessage(customerId, contactId, address);
    if (!link) return null;
    const contacts = await this.customers.deliveryContacts(customerId);
    const language = contacts.find((c) => c.id === link.contactId)?.language ?? 'fr';
    return portalFooter(language, link.url, link.expiresAt.toISOString().slice(0, 10));
  }

  /** A new link for one of the customer's contacts (a collector sends it themselves); `revokeOthers`: the contact's other links stop. */
  async issue(customerId: string, contactId: string, by: string, revokeOthers: boolean): Promise<PortalLinkView & { url: string }> {
    const contact = (await this.customers.deliveryContacts(customerId)).find((c) => c.id === contactId);
    if (!contact) throw new NotFoundError('Contact', contactId);
    if (revokeOthers) {
      const others = await this.dataSource.manager.find(PortalLink, { where: { customerId, contactId, revokedAt: IsNull() }, select: { id: true } });
      for (const o of others) await this.revoke(customerId, o.id, by);
    }
    const link = await this.create(customerId, contactId, by);
    const [view] = await this.views(customerId, [link]);
    return { ...view!, url: this.urlOf(link) };
  }

  /** The customer's links, newest first (the tokens themselves are not shown again). */
  async list(customerId: string): Promise<PortalLinkView[]> {
    const rows = await this.dataSource.manager.find(PortalLink, { where: { customerId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return this.views(customerId, rows);
  }

  /** The link stops at once, with the portal sessions opened from it. Revoking twice changes nothing. */
  async revoke(customerId: string, linkId: string, by: string): Promise<PortalLinkView> {
    const link = await this.dataSource.manager.findOneBy(PortalLink, { id: linkId, customerId });
    if (!link) throw new NotFoundError('Portal link', linkId);
    await this.dataSource.transaction(async (m) => {
      await m.update(PortalLink, { id: linkId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedBy: by.slice(0, 300) });
      await m.delete(PortalSession, { linkId });
    });
    const [view] = await this.views(customerId, [await this.dataSource.manager.findOneByOrFail(PortalLink, { id: linkId })]);
    return view!;
  }

  /** The link a token names, if it may open a session now (else PortalLinkError: invalid, expired or revoked). */
  async verify(token: string): Promise<PortalLink> {
    const check = verifyPortalLink(this.key, token, this.clock.nowMs());
    if (!check.ok) throw new PortalLinkError(check.reason);
    const link = await this.dataSource.manager.findOneBy(PortalLink, { id: check.linkId });
    if (!link || link.expiresAt.getTime() !== check.expiresAtMs) throw new PortalLinkError('invalid');
    if (link.revokedAt) throw new PortalLinkError('revoked');
    return link;
  }

  private async create(customerId: string, contactId: string, issuedBy: string): Promise<PortalLink> {
    // Whole seconds: the token carries the expiry in ms and must match the stored timestamp exactly.
    const expiresAt = new Date(Math.floor((this.clock.nowMs() + this.ttlMs) / 1000) * 1000);
    return this.dataSource.manager.save(PortalLink, {
      customerId, contactId, expiresAt, revokedAt: null, revokedBy: null, issuedBy: issuedBy.slice(0, 300), lastUsedAt: null,
    });
  }

  private async views(customerId: string, rows: readonly PortalLink[]): Promise<PortalLinkView[]> {
    const contacts = new Map((await this.customers.deliveryContacts(customerId)).map((c) => [c.id, c]));
    const now = this.clock.nowMs();
    return rows.map((l) => ({
      id: l.id,
      contact: { id: l.contactId, name: contacts.get(l.contactId)?.name ?? null, email: contacts.get(l.contactId)?.email ?? null },
      issuedBy: l.issuedBy, createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString(),
      revokedAt: l.revokedAt?.toISOString() ?? null, revokedBy: l.revokedBy, lastUsedAt: l.lastUsedAt?.toISOString() ?? null,
      active: l.revokedAt === null && l.expiresAt.getTime() > now,
    }));
  }
}
