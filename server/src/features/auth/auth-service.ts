import type { Knex } from 'knex';
import type { ChangePasswordRequest, LoginRequest, Me } from '@cn2r/shared';
import type { Config } from '../../config.js';
import { TooManyAttemptsError, UnauthorizedError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { UserRepository } from '../users/user-repository.js';
import type { Actor } from './actor.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { assertStrongPassword } from './password-strength.js';
import { SessionRepository } from './session-repository.js';
import { newToken, sha256 } from './tokens.js';

export interface ClientInfo {
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string;
  /** The session the browser had before signing in: it is ended (no session fixation). */
  readonly previousSessionIdHash?: string;
}

export interface SignedIn {
  readonly me: Me;
  /** The new session token for the cookie; only its sha256 is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly maxAgeMs: number;
}

/** How the identity was established, recorded in the sign-in's audit row. */
export type SignInMethod = 'password' | 'oidc';

/** What opening a session needs to know of the user. */
export interface SignInUser {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: Actor['role'];
}

const BAD_CREDENTIALS = 'Adresse e-mail ou mot de passe incorrect.';

export class AuthService {
  private readonly users = new UserRepository();
  private readonly sessions = new SessionRepository();
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {
    this.throttle = new LoginThrottle(config);
  }

  async login(input: LoginRequest, client: ClientInfo): Promise<SignedIn> {
    const { attemptId, retryAfter } = await this.throttle.reserve(this.db, input.email, client.ip);
    if (retryAfter > 0) throw new TooManyAttemptsError(retryAfter);

    const user = await this.users.findByEmail(this.db, input.email);
    // Same work and same answer whether the account is unknown, inactive, signs in through the
    // identity provider only, or the password is wrong.
    const usable = user?.active && !user.localPasswordDisabled;
    const valid = await verifyPassword(usable ? user.passwordHash : null, input.password);
    if (!user || !usable || !valid) {
      // The reserved attempt stays recorded as a failure.
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }

    return this.completeSignIn(user, client, { method: 'password', attemptId });
  }

  /**
   * Opens the session of a user whose identity has been established (a password checked, or an
   * identity provider's answer verified): ends the browser's previous session, records the sign-in
   * and audits it. Every way of signing in ends here.
   */
  async completeSignIn(
    user: SignInUser,
    client: ClientInfo,
    how: { readonly method: SignInMethod; readonly attemptId?: number },
  ): Promise<SignedIn> {
    const sessionToken = newToken();
    const csrfToken = newToken();
    const maxAgeMs = this.config.sessionMaxHours * 3_600_000;
    await this.db.transaction(async (trx) => {
      if (client.previousSessionIdHash) await this.sessions.delete(trx, client.previousSessionIdHash);
      await this.sessions.deleteExpired(trx, this.config.sessionIdleMinutes);
      await this.throttle.prune(trx);
      await this.sessions.insert(trx, {
        idHash: sha256(sessionToken),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + maxAgeMs),
        ip: client.ip,
        userAgent: client.userAgent,
      });
      if (how.attemptId) await this.throttle.markSucceeded(trx, how.attemptId);
      await this.users.recordLogin(trx, user.id);
      await recordAudit(trx, actorOf(user, client.requestId), {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { ip: client.ip, userAgent: client.userAgent, method: how.method },
      });
    });
    return { me: await this.me(user.id), sessionToken, csrfToken, maxAgeMs };
  }

  async logout(actor: Actor, sessionIdHash: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await this.sessions.delete(trx, sessionIdHash);
      await recordAudit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
    });
  }

  async me(userId: number): Promise<Me> {
    const user = await this.users.findById(this.db, userId);
    if (!user) throw new UnauthorizedError();
    const units = await this.users.unitsOf(this.db, [userId]);
    return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, units: units.get(userId) ?? [] };
  }

  /** Changes the signed-in user's password; their other sessions end, this one stays. */
  async changePassword(actor: Actor, sessionIdHash: string, input: ChangePasswordRequest): Promise<void> {
    const user = await this.users.findById(this.db, actor.userId!);
    if (!user) throw new UnauthorizedError();
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw ValidationError.field('currentPassword', 'Le mot de passe actuel est incorrect.');
    }
    assertStrongPassword('newPassword', input.newPassword, user);
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.transaction(async (trx) => {
      await this.users.update(trx, user.id, user.version, { passwordHash });
      await this.sessions.deleteForUser(trx, user.id, sessionIdHash);
      await recordAudit(trx, actor, { action: 'user.password_changed', entityType: 'user', entityId: user.id });
    });
  }
}

function actorOf(user: { id: number; email: string; displayName: string; role: Actor['role'] }, requestId: string): Actor {
  return { userId: user.id, email: user.email, displayName: user.displayName, role: user.role, unitIds: [], requestId };
}
