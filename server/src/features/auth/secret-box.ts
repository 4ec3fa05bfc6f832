import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { formatMessage } from '@cn2r/shared';

const SEALED = 'aes256gcm:';
const PLAIN = 'plain:';

/**
 * Seals the TOTP secrets at rest with AES-256-GCM under a key derived from `SECOND_FACTOR_KEY`
 * (`aes256gcm:<iv>.<tag>.<ciphertext>`, base64url). Without a key the secret is stored as is, with
 * a `plain:` prefix; a plain secret stays readable once a key is set (it is sealed at the next
 * enrolment).
 */
export class SecretBox {
  private readonly key: Buffer | null;

  constructor(secret: string | undefined) {
    this.key = secret ? createHash('sha256').update(`cn2r-second-factor:${secret}`).digest() : null;
  }

  get sealing(): boolean {
    return this.key !== null;
  }

  seal(plain: string): string {
    if (!this.key) return PLAIN + plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED + [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  open(stored: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED)) throw new Error('Secret de double authentification illisible.');
    if (!this.key) throw new Error(formatMessage('second_factor.key_missing'));
    const [iv, tag, data] = stored.slice(SEALED.length).split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
