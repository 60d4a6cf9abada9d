import { createHash, randomBytes } from 'node:crypto';

/** `rl_` + 32 random bytes: shown once at creation, stored only as its SHA-256. */
export function newPersonalToken(): string {
  return `rl_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
