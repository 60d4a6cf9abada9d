import type { Principal } from '../auth/principal.js';
import type { DisputeApprovalInput } from '../../workflows/dispute.definitions.js';

/**
 * A dispute is assigned to its validator group's members, the group's manager
 * and, when its rule has a second level, that level's deciders (finance managers).
 */
export function isAssignedTo(snapshot: DisputeApprovalInput, principal: Principal): boolean {
  if (principal.groups.includes(snapshot.validatorGroup)) return true;
  const userId = principal.userId;
  if (!userId) return false;
  return snapshot.level1UserIds.includes(userId) || snapshot.managerUserId === userId
    || (snapshot.secondLevelFromMinor !== null && snapshot.level2UserIds.includes(userId));
}
