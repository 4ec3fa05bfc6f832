import type { Role } from '@cn2r/shared';

/** Who acts: the signed-in user of a request, or the system (command line, seed). */
export interface Actor {
  readonly userId: number | null;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role | 'system';
  /** The units a unit lead is scoped to; empty for the other roles, who are not unit-scoped. */
  readonly unitIds: readonly number[];
  readonly requestId: string | null;
}

export function systemActor(label: string): Actor {
  return { userId: null, email: `système (${label})`, displayName: 'Système', role: 'system', unitIds: [], requestId: null };
}

/** May this actor read and write the data of this unit? Only unit leads are limited to their units. */
export function canAccessUnit(actor: Actor, unitId: number): boolean {
  return actor.role !== 'unit_lead' || actor.unitIds.includes(unitId);
}
