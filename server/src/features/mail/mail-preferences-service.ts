import type { Knex } from 'knex';
import { formatMessage, mailKindLabels, mailKindMandatory, mailKindsOf, type MailKind, type MailPreferences, type MailPreferencesUpdate, type Role } from '@cn2r/shared';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';

/**
 * What each user receives (« Mon compte » → « Courriels »): the kinds of their role, each on unless
 * turned off; a kind mandatory for the role cannot be turned off. The outbox applies them when it
 * writes (`MailService.receiving`).
 */
export class MailPreferencesService {
  constructor(private readonly db: Knex) {}

  async get(actor: Actor): Promise<MailPreferences> {
    return this.read(this.db, this.userOf(actor));
  }

  async update(actor: Actor, input: MailPreferencesUpdate): Promise<MailPreferences> {
    const { userId, role } = this.userOf(actor);
    const kinds = mailKindsOf(role);
    for (const kind of new Set(input.optedOut)) {
      const label = mailKindLabels[kind];
      if (!kinds.includes(kind)) throw ValidationError.field('optedOut', formatMessage('mail_preferences.not_for_role', { label }));
      if (mailKindMandatory(role, kind)) throw ValidationError.field('optedOut', formatMessage('mail_preferences.mandatory', { label }));
    }
    return this.db.transaction(async (trx) => {
      const before = await this.read(trx, { userId, role });
      await trx('mail_preferences').insert({ user_id: userId, version: 0 }).onConflict('user_id').ignore();
      const changed = await trx('mail_preferences')
        .where({ user_id: userId, version: input.version })
        .update({ version: trx.raw('version + 1'), updated_at: trx.fn.now() })
        .returning('version');
      if (changed.length === 0) throw ConflictError.staleVersion('mail_preferences.stale');
      await trx('mail_opt_outs').where({ user_id: userId }).delete();
      const optedOut = [...new Set(input.optedOut)];
      if (optedOut.length > 0) await trx('mail_opt_outs').insert(optedOut.map((kind) => ({ user_id: userId, kind })));
      const after = await this.read(trx, { userId, role });
      await recordAudit(trx, actor, {
        action: 'mail_preferences.updated',
        entityType: 'user',
        entityId: userId,
        before: { optedOut: before.items.filter((i) => !i.received).map((i) => i.kind) },
        after: { optedOut: after.items.filter((i) => !i.received).map((i) => i.kind) },
      });
      return after;
    });
  }

  private userOf(actor: Actor): { userId: number; role: Role } {
    if (actor.userId === null || actor.role === 'system') throw new ForbiddenError();
    return { userId: actor.userId, role: actor.role };
  }

  private async read(db: Knex | Knex.Transaction, { userId, role }: { userId: number; role: Role }): Promise<MailPreferences> {
    const row = await db('mail_preferences').where({ user_id: userId }).first('version');
    const off = new Set((await db('mail_opt_outs').where({ user_id: userId }).select('kind')).map((r) => r.kind as MailKind));
    return {
      items: mailKindsOf(role).map((kind) => {
        const mandatory = mailKindMandatory(role, kind);
        return { kind, label: mailKindLabels[kind], received: mandatory || !off.has(kind), mandatory };
      }),
      version: row ? Number(row.version) : 0,
    };
  }
}
