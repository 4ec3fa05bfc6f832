import type { Knex } from 'knex';
import { INVITATION_DAYS, PASSWORD_RESET_MINUTES, formatMessage, type PasswordResetConfirm, type PasswordTokenInfo, type PasswordTokenPurpose } from '@cn2r/shared';
import { ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { MailService } from '../mail/mail-service.js';
import { passwordMail } from '../mail/mail-templates.js';
import { UserRepository, type UserRecord } from '../users/user-repository.js';
import type { Actor } from './actor.js';
import { addressKey } from './login-throttle.js';
import { hashPassword } from './password-hasher.js';
import { assertStrongPassword } from './password-strength.js';
import { SessionRepository } from './session-repository.js';
import { newToken, sha256 } from './tokens.js';

/** At most this many reset e-mails per account over an hour; more requests are answered the same and send nothing. */
export const RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3;
/** At most this many reset requests per client address over an hour, whatever the addresses asked for. */
export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 10;

/** Key spaces of the advisory locks (pg_advisory_xact_lock(int4, int4)), beside the sign-in throttle's. */
const LOCK_RESET_IP = 7311;
const LOCK_RESET_ACCOUNT = 7312;

const LIFETIME: Record<PasswordTokenPurpose, string> = {
  reset: `${PASSWORD_RESET_MINUTES} minutes`,
  invitation: `${INVITATION_DAYS} days`,
};

/** Who asked, for the throttle and the audit. */
export interface ResetClient {
  readonly ip: string;
  readonly requestId: string;
}

/** `l***@demo.local`: enough for the person to recognise their account, not to read it off a shared screen. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(3, local.length - 1))}@${domain}`;
}

const invalidToken = () => ValidationError.field('token', formatMessage('password_reset.token_invalid'));

/**
 * Links to choose a password, sent by e-mail: « Mot de passe oublié ? » (30 minutes) and the
 * invitation of a new account (7 days). The token is random (256 bits), only its sha256 is stored,
 * and it serves once. The e-mail is written in the transaction that creates the link, so both or
 * neither exist.
 *
 * A reset request is answered the same way — status and sentence — whether the address has an
 * account or not, is over the limits or not: an over-limit request is not refused with a 429,
 * since a refusal that only an existing account's limit could trigger would tell that the account
 * exists. The limits are counted in PostgreSQL under advisory locks (several instances, restarts).
 */
export class PasswordLinkService {
  private readonly users = new UserRepository();
  private readonly sessions = new SessionRepository();

  constructor(
    private readonly db: Knex,
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  /** « Mot de passe oublié ? »: a link by e-mail to an active account with a local password, within the limits. */
  async requestReset(email: string, client: ResetClient): Promise<void> {
    const ip = addressKey(client.ip);
    await this.db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_RESET_IP, ip]);
      await trx('password_reset_requests').whereRaw(`at < clock_timestamp() - interval '1 day'`).delete();
      const fromAddress = await this.countSince(trx('password_reset_requests').where({ ip }), 'at');
      await trx('password_reset_requests').insert({ ip, at: trx.raw('clock_timestamp()') });
      if (fromAddress >= RESET_REQUESTS_PER_ADDRESS_PER_HOUR) return;

      const user = await this.users.findByEmail(trx, email);
      if (!user || !user.active || user.localPasswordDisabled) return;
      await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [LOCK_RESET_ACCOUNT, user.id]);
      const mailed = await this.countSince(trx('password_tokens').where({ user_id: user.id, purpose: 'reset' }), 'created_at');
      if (mailed >= RESET_MAILS_PER_ACCOUNT_PER_HOUR) return;

      const link = await this.issue(trx, user.id, 'reset');
      await this.mail.enqueue(trx, [
        { kind: 'password.reset', userId: user.id, to: user.email, unitId: null, period: null, ...passwordMail('password.reset', { link, email: user.email, by: null }, { name: user.displayName }) },
      ]);
      const anonymous: Actor = { userId: null, email: `adresse ${ip}`, displayName: 'Anonyme', role: 'system', unitIds: [], requestId: client.requestId };
      await recordAudit(trx, anonymous, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, after: { validMinutes: PASSWORD_RESET_MINUTES } });
    });
  }

  /**
   * Writes an invitation (link valid 7 days and its e-mail) in the caller's transaction: a new
   * account created without a password, or an invitation sent again.
   */
  async invite(trx: Knex.Transaction, user: Pick<UserRecord, 'id' | 'email' | 'displayName'>, by: Actor): Promise<void> {
    const link = await this.issue(trx, user.id, 'invitation');
    const inviter = by.userId === null ? null : `${by.displayName} (coordination du CN2R)`;
    await this.mail.enqueue(trx, [
      {
        kind: 'account.invitation',
        userId: user.id,
        to: user.email,
        unitId: null,
        period: null,
        ...passwordMail('account.invitation', { link, email: user.email, by: inviter }, { name: user.displayName }),
      },
    ]);
  }

  /** What a valid link is for, before its form is shown; 422 on `token` otherwise. */
  async check(token: string): Promise<PasswordTokenInfo> {
    const found = await this.valid(this.db, token);
    if (!found) throw invalidToken();
    return { purpose: found.purpose, email: maskEmail(found.user.email), expiresAt: new Date(found.expiresAt).toISOString() };
  }

  /**
   * Sets the password chosen through a link: the link must be unused, unexpired, its account active
   * with a local password; the password strong. The link and the account's other unused links end,
   * every session of the account is closed, and it is audited (no secret in the audit).
   */
  async confirm(input: PasswordResetConfirm, requestId: string): Promise<void> {
    const first = await this.valid(this.db, input.token);
    if (!first) throw invalidToken();
    assertStrongPassword('password', input.password, first.user);
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction(async (trx) => {
      const found = await this.valid(trx, input.token, true);
      if (!found) throw invalidToken();
      const { user, purpose } = found;
      await trx('users').where({ id: user.id }).update({ password_hash: passwordHash, updated_at: trx.fn.now(), version: trx.raw('version + 1') });
      await trx('password_tokens').where({ user_id: user.id }).whereNull('used_at').update({ used_at: trx.fn.now() });
      await this.sessions.deleteForUser(trx, user.id);
      await trx('pending_sign_ins').where({ user_id: user.id }).delete();
      const actor: Actor = { userId: user.id, email: user.email, displayName: user.displayName, role: user.role, unitIds: [], requestId };
      await recordAudit(trx, actor, {
        action: purpose === 'reset' ? 'user.password_reset' : 'user.invitation_accepted',
        entityType: 'user',
        entityId: user.id,
        after: { by: purpose === 'reset' ? 'lien « Mot de passe oublié ? »' : 'lien d’invitation' },
      });
    });
  }

  /** The link's row and account when it can serve (locked in a transaction when asked). */
  private async valid(db: Knex | Knex.Transaction, token: string, lock = false) {
    const query = db('password_tokens')
      .where({ token_hash: sha256(token) })
      .whereNull('used_at')
      .andWhere('expires_at', '>', db.raw('clock_timestamp()'));
    if (lock) query.forUpdate();
    const row = await query.first();
    if (!row) return undefined;
    const user = await this.users.findById(db, row.user_id);
    if (!user || !user.active || user.localPasswordDisabled) return undefined;
    return { purpose: row.purpose as PasswordTokenPurpose, expiresAt: row.expires_at as Date | string, user };
  }

  /** A new link for the account: its token in the URL, its sha256 in the table. */
  private async issue(trx: Knex.Transaction, userId: number, purpose: PasswordTokenPurpose): Promise<string> {
    const token = newToken();
    await trx('password_tokens').insert({
      token_hash: sha256(token),
      user_id: userId,
      purpose,
      created_at: trx.raw('clock_timestamp()'),
      expires_at: trx.raw(`clock_timestamp() + interval '${LIFETIME[purpose]}'`),
    });
    return `${this.publicUrl.replace(/\/+$/, '')}/mot-de-passe/nouveau?jeton=${token}`;
  }

  private async countSince(query: Knex.QueryBuilder, column: string): Promise<number> {
    const row = await query.andWhereRaw(`${column} > clock_timestamp() - interval '1 hour'`).count<{ n: number }>('* as n').first();
    return Number(row?.n ?? 0);
  }
}
