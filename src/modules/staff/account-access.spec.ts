import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '../../common/auth/decorators.js';
import { ROLES, type Role } from '../../common/auth/roles.js';
import { canRead, isOwner } from './account-access.js';

const user = (role: Role, id = 'u1'): AuthUser => ({ id, role, username: role, displayName: role, organization: null });

describe('staff account access', () => {
  it('the owner is the operator whose id the account carries', () => {
    expect(isOwner(user('operator'), 'u1')).toBe(true);
    expect(isOwner(user('operator'), 'u2')).toBe(false);
    // Another role with the same id is never the owner.
    for (const role of ROLES.filter((r) => r !== 'operator')) expect(isOwner(user(role), 'u1')).toBe(false);
  });

  it('reads: the owner, officers and approvers; nobody else', () => {
    const readers = ROLES.filter((r) => canRead(user(r, 'x'), 'owner-id'));
    expect(readers).toEqual(['officer', 'approver']);
    expect(canRead(user('operator', 'owner-id'), 'owner-id')).toBe(true);
  });
});
