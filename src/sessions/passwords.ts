import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id with the library's defaults (OWASP: m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the email is unknown too, so the answer takes as long either way.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$7N3YZOrph1YQkMUk+DVzvA$Pyct+2DsKMLLCUS3zR+s6lYw8Nc6h0gCmi61G0vWdBw';

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(stored ?? DUMMY_HASH, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}
