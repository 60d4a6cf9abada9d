import { PortalAttachment } from './portal-attachment.entity.js';
import { PortalEvent } from './portal-event.entity.js';
import { PortalLink } from './portal-link.entity.js';
import { PortalSession } from './portal-session.entity.js';

export const PORTAL_ENTITIES = [PortalLink, PortalSession, PortalEvent, PortalAttachment];
