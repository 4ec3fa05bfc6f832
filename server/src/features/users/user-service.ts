import type { Knex } from 'knex';
import type { CreateUser, ResetPassword, UpdateUser, User, UserList, UserQuery } from '@cn2r/shared';
import { formatMessage } from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { NO_PASSWORD_HASH, assertStrongPassword, hashPassword, type PasswordLinkService } from '../auth/index.js';
import { SessionRepository } from '../auth/session-repository.js';
import { recordAudit } from '../audit/audit-log.js';
import { UnitRepository } from '../units/unit-repository.js';
import { UserRepository, toUser } from './user-repository.js';

type Db = Knex | Knex.Transaction;

export class UserService {
  private readonly users = new UserRepository();
  private readonly units = new UnitRepository();
  private readonly sessions = new SessionRepository();

  constructor(
    private readonly db: Knex,
    private readonly links: PasswordLinkService,
  ) {}

  async list(query: UserQuery): Promise<UserList> {
    const records = await this.users.list(this.db, query);
    const units = await this.users.unitsOf(this.db, records.map((r) => r.id));
    return { items: records.map((r) => toUser(r, units.get(r.id) ?? [])), total: records.length };
  }

  async get(id: number): Promise<User> {
    const user = await this.view(this.db, id);
    if (!user) throw new NotFoundError(formatMessage('users.not_found'));
    return user;
  }

  /**
   * Creates an account. Used by the users page and by `npm run user:create` (with the system actor).
   * Without a password, the account has none that signs in and gets, in the same transaction, an
   * invitation by e-mail to choose its own (link valid 7 days).
   */
  async create(actor: Actor, input: CreateUser): Promise<User> {
    const { password, ...fields } = input;
    if (password !== undefined) assertStrongPassword('password', password, input);
    const passwordHash = password === undefined ? NO_PASSWORD_HASH : await hashPassword(password);
    return this.db.transaction(async (trx) => {
      if (await this.users.findByEmail(trx, input.email)) {
        throw new ConflictError(formatMessage('users.email_taken'), [{ path: 'email', message: formatMessage('users.email_taken_field') }]);
      }
      // Units sent for another role are dropped, but an id that names no unit is refused all the same.
      await this.assertUnitsExist(trx, input.unitIds);
      const unitIds = input.role === 'unit_lead' ? input.unitIds : [];
      const record = await this.users.insert(trx, { ...fields, passwordHash });
      await this.users.replaceUnits(trx, record.id, unitIds);
      if (password === undefined) await this.links.invite(trx, record, actor);
      const after = (await this.view(trx, record.id))!;
      await recordAudit(trx, actor, { action: 'user.created', entityType: 'user', entityId: record.id, after, reason: password === undefined ? 'invitation par courriel' : null });
      return after;
    });
  }

  update(actor: Actor, id: number, input: UpdateUser): Promise<User> {
    const { version, unitIds, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.view(trx, id);
      if (!before) throw new NotFoundError(formatMessage('users.not_found'));
      if (id === actor.userId && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
        throw new ConflictError(formatMessage('users.self_demotion'));
      }
      // An administrator who turns off their own password keeps a way in: the identity provider.
      if (id === actor.userId && changes.localPasswordDisabled === true && !before.oidcLinked) {
        throw ValidationError.field('localPasswordDisabled', formatMessage('users.self_password_disabled_unlinked'));
      }
      const role = changes.role ?? before.role;
      if (unitIds) await this.assertUnitsExist(trx, unitIds);
      let nextUnitIds = unitIds ?? before.units.map((u) => u.id);
      if (role !== 'unit_lead') nextUnitIds = [];
      else if (nextUnitIds.length === 0) {
        throw ValidationError.field('unitIds', formatMessage('users.unit_lead_without_unit'));
      }
      await this.assertUnitsExist(trx, nextUnitIds);
      const updated = await this.users.update(trx, id, version, changes);
      if (!updated) throw ConflictError.staleVersion('users.user_stale');
      await this.users.replaceUnits(trx, id, nextUnitIds);
      // A deactivated account, or one whose rights changed, is signed out everywhere.
      if (changes.active === false || role !== before.role || !sameIds(nextUnitIds, before.units.map((u) => u.id))) {
        await this.sessions.deleteForUser(trx, id);
      }
      const after = (await this.view(trx, id))!;
      await recordAudit(trx, actor, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
      return after;
    });
  }

  /** An administrator sets a new password; the user's sessions end. */
  async resetPassword(actor: Actor, id: number, input: ResetPassword): Promise<void> {
    const person = await this.users.findById(this.db, id);
    if (!person) throw new NotFoundError(formatMessage('users.not_found'));
    assertStrongPassword('password', input.password, person);
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction(async (trx) => {
      const user = await this.users.findById(trx, id);
      if (!user) throw new NotFoundError(formatMessage('users.not_found'));
      await this.users.update(trx, id, user.version, { passwordHash });
      await this.sessions.deleteForUser(trx, id);
      // The links sent to choose a password (invitation, « Mot de passe oublié ? ») no longer serve.
      await trx('password_tokens').where({ user_id: id }).whereNull('used_at').update({ used_at: trx.fn.now() });
      await recordAudit(trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
    });
  }

  /** Sends the invitation again (a new link valid 7 days) to an active account that has never signed in. */
  async invite(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const user = await this.users.findById(trx, id);
      if (!user) throw new NotFoundError(formatMessage('users.not_found'));
      if (user.lastLoginAt !== null) throw new ConflictError(formatMessage('users.invitation_already_signed_in'));
      if (!user.active) throw new ConflictError(formatMessage('users.invitation_inactive'));
      if (user.localPasswordDisabled) throw new ConflictError(formatMessage('users.invitation_password_disabled'));
      await this.links.invite(trx, user, actor);
      await recordAudit(trx, actor, { action: 'user.invitation_sent', entityType: 'user', entityId: id });
    });
  }

  /**
   * Unlinks an account from the identity provider's person: the next sign-in through the provider
   * finds it by its e-mail again (and links it to whoever then signs in with that address).
   */
  async unlinkOidc(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const user = await this.users.findById(trx, id);
      if (!user) throw new NotFoundError(formatMessage('users.not_found'));
      if (user.oidcSubject === null) return;
      await this.users.update(trx, id, user.version, { oidcSubject: null });
      await recordAudit(trx, actor, { action: 'user.oidc_unlinked', entityType: 'user', entityId: id, before: { oidcSubject: user.oidcSubject } });
    });
  }

  private async view(db: Db, id: number): Promise<User | undefined> {
    const record = await this.users.findById(db, id);
    if (!record) return undefined;
    const units = await this.users.unitsOf(db, [id]);
    return toUser(record, units.get(id) ?? []);
  }

  private async assertUnitsExist(db: Db, unitIds: readonly number[]): Promise<void> {
    const existing = new Set(await this.units.existingIds(db, unitIds));
    const missing = unitIds.filter((id) => !existing.has(id));
    if (missing.length > 0) throw ValidationError.field('unitIds', `Centre(s) inconnu(s) : ${missing.join(', ')}.`);
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}
