import type { Knex } from 'knex';
import {
  SECOND_FACTOR_MAX_FAILURES,
  formatMessage,
  type ChangePasswordRequest,
  type LoginRequest,
  type Me,
  type SecondFactorChallenge,
  type SecondFactorSignInRequest,
} from '@cn2r/shared';
import type { Config } from '../../config.js';
import { TooManyAttemptsError, UnauthorizedError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { UserRepository } from '../users/user-repository.js';
import type { Actor } from './actor.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { assertStrongPassword } from './password-strength.js';
import type { SecondFactorNeed, SecondFactorService } from './second-factor-service.js';
import { SessionRepository } from './session-repository.js';
import { newToken, sha256 } from './tokens.js';

export interface ClientInfo {
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string;
  /** The session the browser had before signing in: it is ended (no session fixation). */
  readonly previousSessionIdHash?: string;
  /** The remembered-device cookie's token, if the browser sent one: it may spare the second factor. */
  readonly deviceToken?: string;
}

export interface SignedIn {
  readonly me: Me;
  /** The new session token for the cookie; only its sha256 is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly maxAgeMs: number;
  /** A new remembered-device token for its cookie, when the user asked to be remembered. */
  readonly device?: { readonly token: string; readonly maxAgeMs: number };
  /** The recovery codes when this sign-in confirmed the enrolment the policy demanded (shown once). */
  readonly recoveryCodes?: readonly string[];
}

/**
 * A sign-in whose first factor passed and that waits for the second: the token of the pending
 * sign-in's cookie (only its sha256 is stored) and what to ask the user.
 */
export interface SecondFactorPending {
  readonly pendingToken: string;
  readonly maxAgeMs: number;
  readonly challenge: SecondFactorChallenge;
}

export type SignInOutcome = SignedIn | SecondFactorPending;

export const isPending = (outcome: SignInOutcome): outcome is SecondFactorPending => 'pendingToken' in outcome;

/** A pending sign-in lives this long. */
const PENDING_MAX_AGE_MS = 5 * 60_000;

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
    private readonly secondFactor: SecondFactorService,
  ) {
    this.throttle = new LoginThrottle(config);
  }

  async login(input: LoginRequest, client: ClientInfo): Promise<SignInOutcome> {
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
   * Ends every sign-in whose identity has been established (a password checked, or an identity
   * provider's answer verified). The second factor is decided here, for every way of signing in:
   * - the user has a second factor: its code is asked (a pending sign-in, 5 minutes, in an
   *   HttpOnly cookie), unless this browser was remembered for them less than 30 days ago;
   * - the policy requires one for the role and the user has none: the enrolment is asked before
   *   any session opens (the pending sign-in carries the proposed secret, confirmed by a first code);
   * - otherwise the session opens: the browser's previous session ends, the sign-in is recorded
   *   and audited.
   * The caller answers with `answerSignIn` (auth-routes.ts), which sets the right cookies.
   */
  async completeSignIn(
    user: SignInUser,
    client: ClientInfo,
    how: { readonly method: SignInMethod; readonly attemptId?: number },
  ): Promise<SignInOutcome> {
    const need = await this.secondFactor.needAtSignIn(this.db, user, client.deviceToken);
    if (need.kind === 'code' || need.kind === 'enrolment') return this.startPending(user, client, how, need.kind);
    const opened = await this.db.transaction((trx) => this.openSession(trx, user, client, how, need));
    return { ...opened, me: await this.me(user.id) };
  }

  /**
   * The second step of a pending sign-in: a code of the app or a recovery code (or the first code
   * of the enrolment the policy demands). A wrong code counts: after the fifth, the pending sign-in
   * is dropped and the user starts again with their password (whose attempt stays a failure for
   * the sign-in throttle until a second factor succeeds).
   */
  async completeSecondFactor(pendingToken: string | undefined, input: SecondFactorSignInRequest, client: ClientInfo): Promise<SignedIn> {
    if (!pendingToken || pendingToken.length > 100) throw new UnauthorizedError(formatMessage('second_factor.pending_expired'));
    const failure = await this.db.transaction(async (trx) => {
      const pending = await trx('pending_sign_ins')
        .where({ id_hash: sha256(pendingToken) })
        .andWhere('expires_at', '>', trx.fn.now())
        .forUpdate()
        .first();
      if (!pending) return { kind: 'expired' as const };
      const user = await this.users.findById(trx, pending.user_id);
      if (!user || !user.active) {
        await trx('pending_sign_ins').where({ id_hash: pending.id_hash }).delete();
        return { kind: 'expired' as const };
      }
      const actor = actorOf(user, client.requestId);
      const how = { method: pending.method as SignInMethod, attemptId: pending.attempt_id ?? undefined };

      let passed: 'totp' | 'recovery_code' | 'enrolment' | null = null;
      let recoveryCodes: string[] | undefined;
      if (pending.enrolment_secret) {
        if (input.code === undefined) return { kind: 'invalid' as const, field: 'recoveryCode', message: formatMessage('second_factor.enrolment_needs_code') };
        const step = await this.secondFactor.verifySealed(pending.enrolment_secret, input.code);
        if (step !== null) {
          recoveryCodes = await this.secondFactor.enable(trx, actor, user.id, pending.enrolment_secret, step, 'sign_in');
          passed = 'enrolment';
        }
      } else if (input.code !== undefined) {
        if (await this.secondFactor.checkCode(trx, user.id, input.code)) passed = 'totp';
      } else if (input.recoveryCode !== undefined) {
        if (await this.secondFactor.useRecoveryCode(trx, actor, user.id, input.recoveryCode)) passed = 'recovery_code';
      }

      if (!passed) {
        const failures = Number(pending.failures) + 1;
        const remaining = SECOND_FACTOR_MAX_FAILURES - failures;
        if (remaining <= 0) await trx('pending_sign_ins').where({ id_hash: pending.id_hash }).delete();
        else await trx('pending_sign_ins').where({ id_hash: pending.id_hash }).update({ failures });
        await recordAudit(trx, actor, {
          action: 'auth.second_factor_failed',
          entityType: 'user',
          entityId: user.id,
          after: { ip: client.ip, kind: input.code !== undefined ? 'totp' : 'recovery_code', failures, dropped: remaining <= 0 },
        });
        if (remaining <= 0) return { kind: 'dropped' as const };
        const key = input.code !== undefined ? 'second_factor.wrong_code' : 'second_factor.wrong_recovery_code';
        return { kind: 'invalid' as const, field: input.code !== undefined ? 'code' : 'recoveryCode', message: formatMessage(key, { remaining }) };
      }

      await trx('pending_sign_ins').where({ id_hash: pending.id_hash }).delete();
      const device = input.rememberDevice ? await this.secondFactor.rememberDevice(trx, actor, user.id, client) : undefined;
      const signedIn = await this.openSession(trx, user, client, how, { kind: passed });
      return { kind: 'signed_in' as const, userId: user.id, signedIn: { ...signedIn, device, recoveryCodes } };
    });
    switch (failure.kind) {
      case 'expired':
        throw new UnauthorizedError(formatMessage('second_factor.pending_expired'));
      case 'dropped':
        throw new UnauthorizedError(formatMessage('second_factor.too_many_codes'));
      case 'invalid':
        throw ValidationError.field(failure.field, failure.message);
      case 'signed_in':
        return { ...failure.signedIn, me: await this.me(failure.userId) };
    }
  }

  /** The pending sign-in of this browser, if any (after a redirect from an identity provider, say). */
  async pendingChallenge(pendingToken: string | undefined): Promise<SecondFactorChallenge | null> {
    if (!pendingToken || pendingToken.length > 100) return null;
    const pending = await this.db('pending_sign_ins as p')
      .join('users as u', 'u.id', 'p.user_id')
      .where({ 'p.id_hash': sha256(pendingToken), 'u.active': true })
      .andWhere('p.expires_at', '>', this.db.fn.now())
      .first('p.enrolment_secret', 'u.email');
    if (!pending) return null;
    return pending.enrolment_secret
      ? { secondFactor: 'enrolment', enrolment: await this.secondFactor.enrolmentFromSealed(pending.enrolment_secret, pending.email) }
      : { secondFactor: 'code', enrolment: null };
  }

  private async startPending(
    user: SignInUser,
    client: ClientInfo,
    how: { readonly method: SignInMethod; readonly attemptId?: number },
    kind: 'code' | 'enrolment',
  ): Promise<SecondFactorPending> {
    const pendingToken = newToken();
    const proposed = kind === 'enrolment' ? await this.secondFactor.newEnrolment(user.email) : null;
    await this.db.transaction(async (trx) => {
      await trx('pending_sign_ins').where('expires_at', '<=', trx.fn.now()).delete();
      await trx('pending_sign_ins').insert({
        id_hash: sha256(pendingToken),
        user_id: user.id,
        method: how.method,
        attempt_id: how.attemptId ?? null,
        enrolment_secret: proposed?.sealed ?? null,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        expires_at: new Date(Date.now() + PENDING_MAX_AGE_MS),
      });
    });
    return { pendingToken, maxAgeMs: PENDING_MAX_AGE_MS, challenge: { secondFactor: kind, enrolment: proposed?.enrolment ?? null } };
  }

  /**
   * Opens the session: ends the browser's previous session, records the sign-in and audits it with
   * the method and how the second factor was given (if it was).
   */
  private async openSession(
    trx: Knex.Transaction,
    user: SignInUser,
    client: ClientInfo,
    how: { readonly method: SignInMethod; readonly attemptId?: number },
    secondFactor: SecondFactorNeed | { readonly kind: 'totp' | 'recovery_code' | 'enrolment' },
  ): Promise<Omit<SignedIn, 'me'>> {
    const sessionToken = newToken();
    const csrfToken = newToken();
    const maxAgeMs = this.config.sessionMaxHours * 3_600_000;
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
    if (secondFactor.kind === 'remembered_device') await this.secondFactor.touchDevice(trx, secondFactor.deviceId);
    await this.users.recordLogin(trx, user.id);
    await recordAudit(trx, actorOf(user, client.requestId), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: client.ip, userAgent: client.userAgent, method: how.method, secondFactor: secondFactor.kind === 'none' ? null : secondFactor.kind },
    });
    return { sessionToken, csrfToken, maxAgeMs };
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
      // A password set by any way ends the links sent to choose one (password-links.ts).
      await trx('password_tokens').where({ user_id: user.id }).whereNull('used_at').update({ used_at: trx.fn.now() });
      await recordAudit(trx, actor, { action: 'user.password_changed', entityType: 'user', entityId: user.id });
    });
  }
}

function actorOf(user: { id: number; email: string; displayName: string; role: Actor['role'] }, requestId: string): Actor {
  return { userId: user.id, email: user.email, displayName: user.displayName, role: user.role, unitIds: [], requestId };
}
