import { DisputeDecisionLink } from './dispute-decision-link.entity.js';
import { DisputeEvent } from './dispute-event.entity.js';
import { DisputeRule } from './dispute-rule.entity.js';
import { Dispute } from './dispute.entity.js';

export const DISPUTE_ENTITIES = [Dispute, DisputeEvent, DisputeRule, DisputeDecisionLink];
