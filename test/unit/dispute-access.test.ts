import { describe, expect, test } from '@jest/globals';
import type { Principal } from '../../src/auth/principal.js';
import { isAssignedTo } from '../../src/disputes/dispute-access.js';
import type { DisputeApprovalInput } from '../../workflows/dispute.definitions.js';

const snapshot = (over: Partial<DisputeApprovalInput> = {}) => ({
  validatorGroup: 'pricing', level1UserIds: ['v1'], managerUserId: 'boss', level2UserIds: ['fm'], secondLevelFromMinor: null, ...over,
}) as DisputeApprovalInput;
const user = (userId: string | null, groups: string[] = []): Principal => ({
  kind: userId ? 'user' : 'integration', userId, email: null, name: 'x', roles: ['dispute_validator'], groups,
});

describe('which disputes are assigned to a caller', () => {
  test('members of the validator group, even those who joined after the opening', () => {
    expect(isAssignedTo(snapshot(), user('late', ['pricing']))).toBe(true);
    expect(isAssignedTo(snapshot(), user('v1'))).toBe(true);
    expect(isAssignedTo(snapshot(), user('other', ['logistics']))).toBe(false);
  });

  test("the group's manager (escalations)", () => {
    expect(isAssignedTo(snapshot(), user('boss'))).toBe(true);
    expect(isAssignedTo(snapshot({ managerUserId: null }), user('boss'))).toBe(false);
  });

  test('level-2 deciders only when the rule has a second level', () => {
    expect(isAssignedTo(snapshot(), user('fm'))).toBe(false);
    expect(isAssignedTo(snapshot({ secondLevelFromMinor: '10000' }), user('fm'))).toBe(true);
  });

  test('a caller without a user id is never assigned by id', () => {
    expect(isAssignedTo(snapshot({ level1UserIds: [] }), user(null))).toBe(false);
  });
});
