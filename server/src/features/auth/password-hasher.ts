import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with OWASP's minimum parameters. */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * The hash of an account created without a password (invited by e-mail to choose it): no password
 * matches it. Not an argon2 hash, so verifyPassword treats it as no hash at all (same time).
 */
export const NO_PASSWORD_HASH = '!sans-mot-de-passe';

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown or inactive account) it still runs a full
 * verification against a dummy hash, so the answer takes as long and reveals nothing.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash || storedHash.startsWith('!')) {
    dummyHash ??= hash('mot-de-passe-factice-pour-le-temps-constant', options);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
