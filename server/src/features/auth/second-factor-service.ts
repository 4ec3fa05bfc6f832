import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import {
  RECOVERY_CODE_COUNT,
  formatMessage,
  type RecoveryCodes,
  type Role,
  type SecondFactorEnrolment,
  type SecondFactorPolicy,
  type SecondFactorProof,
  type SecondFactorStatus,
  type SecondFactorUsers,
} from '@cn2r/shared';
import type { Config } from '../../config.js';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { UserRepository } from '../users/user-repository.js';
import type { Actor } from './actor.js';
import { verifyPassword } from './password-hasher.js';
import { SecretBox } from './secret-box.js';
import { newToken, sha256 } from './tokens.js';

type Db = Knex | Knex.Transaction;

/** The name the authenticator app shows above the account. */
const ISSUER = 'CN2R Pilotage';
const POLICY_KEY = 'second_factor_required';
/** Roles the policy applies to. */
const POLICY_ROLES: readonly Role[] = ['admin', 'finance'];
/** A code of the previous or the next 30-second step is accepted too (clock drift of the phone). */
const EPOCH_TOLERANCE_SECONDS = 30;
/** Recovery code alphabet: no 0/o, 1/l/i, easy to read out and type. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What a sign-in still needs once its first factor passed. */
export type SecondFactorNeed =
  | { readonly kind: 'none' }
  | { readonly kind: 'remembered_device'; readonly deviceId: number }
  | { readonly kind: 'code' }
  | { readonly kind: 'enrolment' };

const iso = (value: Date | string | null | undefined): string | null => (value == null ? null : new Date(value).toISOString());

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const recoveryHash = (code: string) => sha256(code.replace(/[\s-]+/g, '').toLowerCase());

/**
 * The second factor (TOTP, RFC 6238): the administrator's policy, the decision at sign-in (one
 * place, `AuthService.completeSignIn`, for every way of signing in), codes and recovery codes,
 * remembered devices, and the user's own enrolment. Every change is audited.
 */
export class SecondFactorService {
  private readonly users = new UserRepository();
  private readonly box: SecretBox;

  constructor(
    private readonly db: Knex,
    private readonly config: Pick<Config, 'secondFactorKey' | 'rememberDeviceDays'>,
  ) {
    this.box = new SecretBox(config.secondFactorKey);
  }

  /** How long a remembered device skips the code (30 days at most). */
  get rememberDeviceMs(): number {
    return Math.min(30, this.config.rememberDeviceDays) * 86_400_000;
  }

  // ---- Policy ----

  async getPolicy(db: Db = this.db): Promise<SecondFactorPolicy> {
    const row = await db('app_settings').where({ key: POLICY_KEY }).first('value');
    const value = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
    return { requiredForAdminAndFinance: value === true };
  }

  async setPolicy(actor: Actor, input: SecondFactorPolicy): Promise<SecondFactorPolicy> {
    return this.db.transaction(async (trx) => {
      const before = await this.getPolicy(trx);
      await trx('app_settings')
        .insert({ key: POLICY_KEY, value: JSON.stringify(input.requiredForAdminAndFinance), updated_at: trx.fn.now(), updated_by: actor.userId })
        .onConflict('key')
        .merge();
      if (before.requiredForAdminAndFinance !== input.requiredForAdminAndFinance) {
        await recordAudit(trx, actor, { action: 'settings.second_factor_policy_changed', entityType: 'setting', entityId: POLICY_KEY, before, after: input });
      }
      return input;
    });
  }

  async requiredFor(db: Db, role: string): Promise<boolean> {
    return (POLICY_ROLES as readonly string[]).includes(role) && (await this.getPolicy(db)).requiredForAdminAndFinance;
  }

  // ---- At sign-in ----

  /** What the sign-in of `user` still needs: nothing, a code, an enrolment, or this browser is remembered. */
  async needAtSignIn(db: Db, user: { id: number; role: string }, deviceToken: string | undefined): Promise<SecondFactorNeed> {
    const factor = await db('user_second_factors').where({ user_id: user.id }).whereNotNull('enabled_at').first('user_id');
    if (factor) {
      if (deviceToken && deviceToken.length <= 100) {
        const device = await db('second_factor_devices')
          .where({ user_id: user.id, token_hash: sha256(deviceToken) })
          .andWhere('expires_at', '>', db.fn.now())
          .first('id');
        if (device) return { kind: 'remembered_device', deviceId: device.id as number };
      }
      return { kind: 'code' };
    }
    return (await this.requiredFor(db, user.role)) ? { kind: 'enrolment' } : { kind: 'none' };
  }

  async touchDevice(trx: Knex.Transaction, deviceId: number): Promise<void> {
    await trx('second_factor_devices').where({ id: deviceId }).update({ last_used_at: trx.fn.now() });
  }

  /** A fresh secret, sealed for storage, and what the app needs to add it. */
  async newEnrolment(email: string): Promise<{ sealed: string; enrolment: SecondFactorEnrolment }> {
    const secret = generateSecret();
    return { sealed: this.box.seal(secret), enrolment: await this.enrolmentOf(secret, email) };
  }

  async enrolmentFromSealed(sealed: string, email: string): Promise<SecondFactorEnrolment> {
    return this.enrolmentOf(this.box.open(sealed), email);
  }

  /** The time step of `code` for a sealed secret, or null when the code is wrong (or not after `afterTimeStep`). */
  async verifySealed(sealed: string, code: string, afterTimeStep?: number | null): Promise<number | null> {
    try {
      const result = await verify({
        secret: this.box.open(sealed),
        token: code,
        epochTolerance: EPOCH_TOLERANCE_SECONDS,
        ...(afterTimeStep != null ? { afterTimeStep } : {}),
      });
      return result.valid && 'timeStep' in result ? result.timeStep : null;
    } catch (error) {
      if (error instanceof Error && error.message === formatMessage('second_factor.key_missing')) throw error;
      return null;
    }
  }

  /** Checks a code of the user's enabled factor; a code is accepted once (its time step is kept). */
  async checkCode(trx: Knex.Transaction, userId: number, code: string): Promise<boolean> {
    const row = await trx('user_second_factors').where({ user_id: userId }).whereNotNull('enabled_at').forUpdate().first('secret', 'last_time_step');
    if (!row) return false;
    const step = await this.verifySealed(row.secret, code, row.last_time_step == null ? null : Number(row.last_time_step));
    if (step === null) return false;
    await trx('user_second_factors').where({ user_id: userId }).update({ last_time_step: step });
    return true;
  }

  /** Uses a recovery code (once): audited. */
  async useRecoveryCode(trx: Knex.Transaction, actor: Actor, userId: number, code: string): Promise<boolean> {
    const used = await trx('second_factor_recovery_codes')
      .where({ user_id: userId, code_hash: recoveryHash(code) })
      .whereNull('used_at')
      .update({ used_at: trx.fn.now() })
      .returning('id');
    if (used.length === 0) return false;
    const left = await this.recoveryCodesLeft(trx, userId);
    await recordAudit(trx, actor, { action: 'second_factor.recovery_code_used', entityType: 'user', entityId: userId, after: { recoveryCodesLeft: left } });
    return true;
  }

  /** Turns the factor on with `sealed` (confirmed at `timeStep`) and returns ten new recovery codes. */
  async enable(trx: Knex.Transaction, actor: Actor, userId: number, sealed: string, timeStep: number, context: 'account' | 'sign_in'): Promise<string[]> {
    await trx('user_second_factors')
      .insert({ user_id: userId, secret: sealed, enabled_at: trx.fn.now(), last_time_step: timeStep })
      .onConflict('user_id')
      .merge();
    const codes = await this.replaceRecoveryCodes(trx, userId);
    await recordAudit(trx, actor, { action: 'second_factor.enabled', entityType: 'user', entityId: userId, after: { context, sealed: this.box.sealing } });
    return codes;
  }

  /** Remembers this browser for the user: the token for the cookie (only its sha256 is kept). */
  async rememberDevice(trx: Knex.Transaction, actor: Actor, userId: number, client: { ip: string; userAgent: string | null }): Promise<{ token: string; maxAgeMs: number }> {
    const token = newToken();
    const days = this.rememberDeviceMs / 86_400_000;
    await trx('second_factor_devices').where({ user_id: userId }).andWhere('expires_at', '<=', trx.fn.now()).delete();
    const [row] = await trx('second_factor_devices')
      .insert({
        user_id: userId,
        token_hash: sha256(token),
        label: client.userAgent?.slice(0, 300) ?? null,
        ip: client.ip,
        expires_at: trx.raw('now() + make_interval(days => ?)', [days]),
      })
      .returning(['id', 'expires_at']);
    await recordAudit(trx, actor, { action: 'second_factor.device_remembered', entityType: 'user', entityId: userId, after: { deviceId: row.id, expiresAt: iso(row.expires_at), userAgent: client.userAgent } });
    return { token, maxAgeMs: this.rememberDeviceMs };
  }

  // ---- The user's own second factor (account page) ----

  async status(actor: Actor, deviceToken: string | undefined): Promise<SecondFactorStatus> {
    const userId = actor.userId!;
    const factor = await this.db('user_second_factors').where({ user_id: userId }).whereNotNull('enabled_at').first('enabled_at');
    const currentHash = deviceToken ? sha256(deviceToken) : null;
    const devices = await this.db('second_factor_devices')
      .where({ user_id: userId })
      .andWhere('expires_at', '>', this.db.fn.now())
      .orderBy('created_at', 'desc')
      .select('id', 'label', 'created_at', 'last_used_at', 'expires_at', 'token_hash');
    return {
      enabled: Boolean(factor),
      enabledAt: iso(factor?.enabled_at),
      required: await this.requiredFor(this.db, actor.role),
      recoveryCodesLeft: factor ? await this.recoveryCodesLeft(this.db, userId) : 0,
      devices: devices.map((d) => ({
        id: d.id,
        label: d.label ?? null,
        createdAt: iso(d.created_at)!,
        lastUsedAt: iso(d.last_used_at),
        expiresAt: iso(d.expires_at)!,
        current: d.token_hash === currentHash,
      })),
    };
  }

  /** Starts (or restarts) an enrolment: a new secret, not in force until a code confirms it. */
  async startEnrolment(actor: Actor): Promise<SecondFactorEnrolment> {
    const userId = actor.userId!;
    return this.db.transaction(async (trx) => {
      const existing = await trx('user_second_factors').where({ user_id: userId }).forUpdate().first('enabled_at');
      if (existing?.enabled_at) throw new ConflictError(formatMessage('second_factor.already_enabled'));
      const { sealed, enrolment } = await this.newEnrolment(actor.email);
      await trx('user_second_factors').insert({ user_id: userId, secret: sealed, enabled_at: null, last_time_step: null }).onConflict('user_id').merge();
      await recordAudit(trx, actor, { action: 'second_factor.enrolment_started', entityType: 'user', entityId: userId });
      return enrolment;
    });
  }

  /** Confirms the enrolment under way with a first code: the factor is on; the recovery codes, shown once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<RecoveryCodes> {
    const userId = actor.userId!;
    return this.db.transaction(async (trx) => {
      const row = await trx('user_second_factors').where({ user_id: userId }).forUpdate().first('secret', 'enabled_at');
      if (row?.enabled_at) throw new ConflictError(formatMessage('second_factor.already_enabled'));
      if (!row) throw new ConflictError(formatMessage('second_factor.no_enrolment'));
      const step = await this.verifySealed(row.secret, code);
      if (step === null) throw ValidationError.field('code', formatMessage('second_factor.code_incorrect'));
      return { recoveryCodes: await this.enable(trx, actor, userId, row.secret, step, 'account') };
    });
  }

  /** Turns the factor off (not while the policy requires it for the role): a current code or the password. */
  async disable(actor: Actor, proof: SecondFactorProof): Promise<void> {
    const userId = actor.userId!;
    await this.db.transaction(async (trx) => {
      await this.assertEnabled(trx, userId);
      if (await this.requiredFor(trx, actor.role)) throw new ConflictError(formatMessage('second_factor.required_for_role'));
      await this.assertProof(trx, userId, proof);
      await this.removeAll(trx, userId);
      await recordAudit(trx, actor, { action: 'second_factor.disabled', entityType: 'user', entityId: userId, after: { proof: proof.code ? 'code' : 'password' } });
    });
  }

  /** Ten new recovery codes (the old ones stop working): a current code or the password. */
  async regenerateRecoveryCodes(actor: Actor, proof: SecondFactorProof): Promise<RecoveryCodes> {
    const userId = actor.userId!;
    return this.db.transaction(async (trx) => {
      await this.assertEnabled(trx, userId);
      await this.assertProof(trx, userId, proof);
      const recoveryCodes = await this.replaceRecoveryCodes(trx, userId);
      await recordAudit(trx, actor, { action: 'second_factor.recovery_codes_regenerated', entityType: 'user', entityId: userId });
      return { recoveryCodes };
    });
  }

  async revokeDevice(actor: Actor, deviceId: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const deleted = await trx('second_factor_devices').where({ id: deviceId, user_id: actor.userId }).delete().returning(['id', 'label']);
      if (deleted.length === 0) throw new NotFoundError(formatMessage('second_factor.device_not_found'));
      await recordAudit(trx, actor, { action: 'second_factor.device_revoked', entityType: 'user', entityId: actor.userId, before: { deviceId, userAgent: deleted[0].label } });
    });
  }

  // ---- Administration ----

  /** Removes a user's second factor, recovery codes, remembered devices and pending sign-ins (a lost phone). */
  async resetFor(actor: Actor, userId: number): Promise<void> {
    if (userId === actor.userId) throw new ConflictError(formatMessage('second_factor.reset_self'));
    await this.db.transaction(async (trx) => {
      const user = await this.users.findById(trx, userId);
      if (!user) throw new NotFoundError(formatMessage('users.not_found'));
      const factor = await trx('user_second_factors').where({ user_id: userId }).first('enabled_at');
      await this.removeAll(trx, userId);
      await trx('pending_sign_ins').where({ user_id: userId }).delete();
      await recordAudit(trx, actor, { action: 'second_factor.reset', entityType: 'user', entityId: userId, before: { enabled: Boolean(factor?.enabled_at) } });
    });
  }

  async enrolledUsers(): Promise<SecondFactorUsers> {
    const rows = await this.db('user_second_factors').whereNotNull('enabled_at').orderBy('user_id').select('user_id', 'enabled_at');
    return { users: rows.map((r) => ({ userId: r.user_id, enabledAt: iso(r.enabled_at)! })) };
  }

  // ---- Inside ----

  private async enrolmentOf(secret: string, email: string): Promise<SecondFactorEnrolment> {
    const otpauthUri = generateURI({ issuer: ISSUER, label: email, secret });
    const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret, otpauthUri, qrSvg };
  }

  private async recoveryCodesLeft(db: Db, userId: number): Promise<number> {
    const row = await db('second_factor_recovery_codes').where({ user_id: userId }).whereNull('used_at').first(db.raw('count(*)::int AS n'));
    return Number(row?.n ?? 0);
  }

  private async replaceRecoveryCodes(trx: Knex.Transaction, userId: number): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await trx('second_factor_recovery_codes').where({ user_id: userId }).delete();
    await trx('second_factor_recovery_codes').insert(codes.map((code) => ({ user_id: userId, code_hash: recoveryHash(code) })));
    return codes;
  }

  private async assertEnabled(trx: Knex.Transaction, userId: number): Promise<void> {
    const factor = await trx('user_second_factors').where({ user_id: userId }).whereNotNull('enabled_at').first('user_id');
    if (!factor) throw new ConflictError(formatMessage('second_factor.not_enabled'));
  }

  private async assertProof(trx: Knex.Transaction, userId: number, proof: SecondFactorProof): Promise<void> {
    if (proof.code !== undefined) {
      if (!(await this.checkCode(trx, userId, proof.code))) throw ValidationError.field('code', formatMessage('second_factor.code_incorrect'));
      return;
    }
    const user = await this.users.findById(trx, userId);
    if (!user) throw new UnauthorizedError();
    if (!(await verifyPassword(user.passwordHash, proof.password ?? ''))) throw ValidationError.field('password', formatMessage('second_factor.password_incorrect'));
  }

  private async removeAll(trx: Knex.Transaction, userId: number): Promise<void> {
    await trx('user_second_factors').where({ user_id: userId }).delete();
    await trx('second_factor_recovery_codes').where({ user_id: userId }).delete();
    await trx('second_factor_devices').where({ user_id: userId }).delete();
  }
}
