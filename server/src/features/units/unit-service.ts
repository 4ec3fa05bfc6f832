import type { Knex } from 'knex';
import { formatMessage, type CreateUnit, type Unit, type UpdateUnit } from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { UnitRepository } from './unit-repository.js';

export class UnitService {
  private readonly units = new UnitRepository();

  constructor(private readonly db: Knex) {}

  list(): Promise<Unit[]> {
    return this.units.list(this.db);
  }

  async get(id: number): Promise<Unit> {
    const unit = await this.units.findById(this.db, id);
    if (!unit) throw new NotFoundError(formatMessage('units.not_found'));
    return unit;
  }

  create(actor: Actor, input: CreateUnit): Promise<Unit> {
    return this.db.transaction(async (trx) => {
      if (await this.units.findByCode(trx, input.code)) {
        throw new ConflictError(formatMessage('units.code_taken', { code: input.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      const unit = await this.units.insert(trx, input);
      await recordAudit(trx, actor, { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: unit });
      return unit;
    });
  }

  update(actor: Actor, id: number, input: UpdateUnit): Promise<Unit> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.units.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('units.not_found'));
      const openedOn = changes.openedOn ?? before.openedOn;
      const closedOn = changes.closedOn !== undefined ? changes.closedOn : before.closedOn;
      if (closedOn && closedOn < openedOn) {
        throw ValidationError.field('closedOn', formatMessage('units.closed_before_opened'));
      }
      if (changes.code && changes.code !== before.code && (await this.units.findByCode(trx, changes.code))) {
        throw new ConflictError(formatMessage('units.code_taken', { code: changes.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      const after = await this.units.update(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('units.unit_stale');
      await recordAudit(trx, actor, { action: 'unit.updated', entityType: 'unit', entityId: id, before, after });
      return after;
    });
  }

  /** Only a unit with no data can be deleted; one with data is closed instead (closing date). */
  remove(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.units.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('units.not_found'));
      if ((await this.units.dependentRows(trx, id)) > 0) {
        throw new ConflictError(formatMessage('units.has_data'));
      }
      await this.units.delete(trx, id);
      await recordAudit(trx, actor, { action: 'unit.deleted', entityType: 'unit', entityId: id, before });
    });
  }
}
