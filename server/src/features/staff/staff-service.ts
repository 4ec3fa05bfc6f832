import type { Knex } from 'knex';
import {
  type CreateInKindContribution,
  type CreateStaffAssignment,
  type CreateStaffMember,
  type InKindContribution,
  type PutStaffAllocations,
  type PutStaffCeiling,
  type StaffAllocationInput,
  type StaffAssignment,
  type StaffCeiling,
  type StaffMember,
  type StaffMemberDetail,
  type StaffSummary,
  type UpdateInKindContribution,
  type UpdateStaffAssignment,
  type UpdateStaffMember,
  checkAllocationCoverage,
  can,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { allocationYearProblems } from './allocation-fiscal-years.js';
import { StaffRepository, type AssignmentFields } from './staff-repository.js';
import { buildStaffSummary } from './staff-summary.js';
import { PersonnelDisclosureRepository, readsStaffDetail } from '../budget/personnel-disclosure.js';

/**
 * Refuses allocations that do not cover the assignment at exactly 100 % every day, with the
 * French problems of shared/finance `checkAllocationCoverage` (gaps, overlaps, over 100 %).
 */
function assertCoverage(period: { startOn: string; endOn: string | null }, allocations: readonly StaffAllocationInput[]): void {
  const problems = checkAllocationCoverage(
    { start: period.startOn, end: period.endOn },
    allocations.map((a) => ({ from: a.fromOn, to: a.toOn, shareBp: a.shareBp })),
  );
  if (problems.length === 0) return;
  throw new ValidationError(
    formatMessage('staff.allocations_not_full'),
    problems.map((p) => ({ path: p.index === undefined ? 'allocations' : `allocations.${p.index}`, message: p.message })),
  );
}

type AssignmentState = { startOn: string; endOn: string | null; quotiteBp: number; annualCostCents: number; migPost: string | null; allocations: readonly StaffAllocationInput[] };

/**
 * What an assignment contributes to the figures of `year`: its period, quotité, cost and post, and
 * its allocations, all clipped to the year; null when it does not touch the year. Two states with
 * the same footprint give the same figures for that year.
 */
function footprint(a: AssignmentState, year: number): string | null {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const clip = (from: string, to: string | null): [string, string] | null => {
    const start = from > first ? from : first;
    const end = to === null || to > last ? last : to;
    return start <= end ? [start, end] : null;
  };
  const period = clip(a.startOn, a.endOn);
  if (!period) return null;
  const allocations = a.allocations
    .map((al) => [clip(al.fromOn, al.toOn), al.shareBp, al.budgetLineId, al.fundingSourceId, al.missionArea] as const)
    .filter(([p]) => p !== null)
    .map((x) => JSON.stringify(x))
    .sort();
  return JSON.stringify([period, a.quotiteBp, a.annualCostCents, a.migPost, allocations]);
}

const asInput = (a: StaffAssignment): StaffAllocationInput[] =>
  a.allocations.map(({ fromOn, toOn, shareBp, budgetLineId, fundingSourceId, missionArea }) => ({ fromOn, toOn, shareBp, budgetLineId, fundingSourceId, missionArea }));

/** Staff members, assignments, FTE allocations, ceilings, in-kind contributions and the year’s summary. */
export class StaffService {
  private readonly repo = new StaffRepository();
  private readonly personnel = new PersonnelDisclosureRepository();

  constructor(private readonly db: Knex) {}

  /** A closed fiscal year is read-only (as in the budget): 409; a missing one: 422 on `year` unless told otherwise. */
  private async assertOpenYear(trx: Knex.Transaction, year: number, missing = () => ValidationError.field('year', formatMessage('staff.fiscal_year_missing', { year }))): Promise<void> {
    const status = await this.repo.fiscalYearStatus(trx, year);
    if (!status) throw missing();
    if (status === 'closed') throw new ConflictError(formatMessage('budget.fiscal_year_closed', { year }));
  }

  /** Refuses (422) allocations charging a budget line of another fiscal year than their dates’, or crossing 31 December. */
  private async assertLinesOfTheirYear(trx: Knex.Transaction, allocations: readonly StaffAllocationInput[]): Promise<void> {
    const lines = await this.repo.lineYears(trx, allocations.map((a) => a.budgetLineId));
    const problems = allocationYearProblems(allocations, lines);
    if (problems.length === 0) return;
    throw new ValidationError(formatMessage('staff.allocations_across_years'), problems);
  }

  /** Refuses (409) a change of an assignment that would alter the figures of a closed fiscal year. */
  private async assertClosedYearsUnchanged(trx: Knex.Transaction, before: AssignmentState | null, after: AssignmentState | null): Promise<void> {
    for (const year of (await this.repo.closedYears(trx)).sort((x, y) => x - y)) {
      const was = before && footprint(before, year);
      const will = after && footprint(after, year);
      if (was !== will) {
        throw new ConflictError(formatMessage('staff.closed_year_change', { year }));
      }
    }
  }

  // ---- Members ----

  listMembers(): Promise<StaffMember[]> {
    return this.repo.listMembers(this.db);
  }

  async getMember(id: number): Promise<StaffMemberDetail> {
    const member = await this.repo.findMember(this.db, id);
    if (!member) throw new NotFoundError(formatMessage('staff.member_not_found'));
    return { ...member, assignments: await this.repo.listAssignments(this.db, id) };
  }

  createMember(actor: Actor, input: CreateStaffMember): Promise<StaffMember> {
    return this.db.transaction(async (trx) => {
      const member = await this.repo.insertMember(trx, input);
      await recordAudit(trx, actor, { action: 'staff_member.created', entityType: 'staff_member', entityId: member.id, after: member });
      return member;
    });
  }

  updateMember(actor: Actor, id: number, input: UpdateStaffMember): Promise<StaffMember> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMember(trx, id);
      if (!before) throw new NotFoundError(formatMessage('staff.member_not_found'));
      const after = await this.repo.updateMember(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('staff.member_stale');
      await recordAudit(trx, actor, { action: 'staff_member.updated', entityType: 'staff_member', entityId: id, before, after });
      return after;
    });
  }

  removeMember(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMember(trx, id);
      if (!before) throw new NotFoundError(formatMessage('staff.member_not_found'));
      if ((await this.repo.countAssignments(trx, id)) > 0) {
        throw new ConflictError(formatMessage('staff.member_has_assignments'));
      }
      await this.repo.deleteMember(trx, id);
      await recordAudit(trx, actor, { action: 'staff_member.deleted', entityType: 'staff_member', entityId: id, before });
    });
  }

  // ---- Assignments and allocations ----

  createAssignment(actor: Actor, staffMemberId: number, input: CreateStaffAssignment): Promise<StaffAssignment> {
    const { allocations, ...fields } = input;
    return this.db.transaction(async (trx) => {
      if (!(await this.repo.findMember(trx, staffMemberId))) throw new NotFoundError(formatMessage('staff.member_not_found'));
      assertCoverage(fields, allocations);
      await this.assertLinesOfTheirYear(trx, allocations);
      await this.assertClosedYearsUnchanged(trx, null, input);
      const id = await this.repo.insertAssignment(trx, staffMemberId, fields);
      await this.repo.replaceAllocations(trx, id, allocations);
      const after = (await this.repo.findAssignment(trx, id))!;
      await recordAudit(trx, actor, { action: 'staff_assignment.created', entityType: 'staff_assignment', entityId: id, after });
      return after;
    });
  }

  /** Changes an assignment (and, when given, its allocations); the allocations must still cover it exactly. */
  updateAssignment(actor: Actor, id: number, input: UpdateStaffAssignment): Promise<StaffAssignment> {
    const { version, allocations, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findAssignment(trx, id, true);
      if (!before) throw new NotFoundError(formatMessage('staff.assignment_not_found'));
      if (before.version !== version) throw ConflictError.staleVersion('staff.assignment_stale');
      const merged: AssignmentFields = {
        positionLabel: changes.positionLabel ?? before.positionLabel,
        startOn: changes.startOn ?? before.startOn,
        endOn: changes.endOn !== undefined ? changes.endOn : before.endOn,
        quotiteBp: changes.quotiteBp ?? before.quotiteBp,
        annualCostCents: changes.annualCostCents ?? before.annualCostCents,
        migPost: changes.migPost !== undefined ? changes.migPost : before.migPost,
      };
      if (merged.endOn !== null && merged.endOn < merged.startOn) throw ValidationError.field('endOn', formatMessage('validation.end_before_start'));
      const nextAllocations = allocations ?? asInput(before);
      assertCoverage(merged, nextAllocations);
      // Only the allocations sent are checked: those already stored are not rewritten.
      if (allocations) await this.assertLinesOfTheirYear(trx, allocations);
      await this.assertClosedYearsUnchanged(trx, { ...before, allocations: asInput(before) }, { ...merged, allocations: nextAllocations });
      if (!(await this.repo.updateAssignment(trx, id, version, changes))) throw ConflictError.staleVersion('staff.assignment_stale');
      if (allocations) await this.repo.replaceAllocations(trx, id, allocations);
      const after = (await this.repo.findAssignment(trx, id))!;
      await recordAudit(trx, actor, { action: 'staff_assignment.updated', entityType: 'staff_assignment', entityId: id, before, after });
      return after;
    });
  }

  /** Replaces the whole set of allocations of an assignment atomically (and bumps its version). */
  putAllocations(actor: Actor, id: number, input: PutStaffAllocations): Promise<StaffAssignment> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findAssignment(trx, id, true);
      if (!before) throw new NotFoundError(formatMessage('staff.assignment_not_found'));
      if (before.version !== input.version) throw ConflictError.staleVersion('staff.assignment_stale');
      assertCoverage(before, input.allocations);
      await this.assertLinesOfTheirYear(trx, input.allocations);
      await this.assertClosedYearsUnchanged(trx, { ...before, allocations: asInput(before) }, { ...before, allocations: input.allocations });
      if (!(await this.repo.updateAssignment(trx, id, input.version, {}))) throw ConflictError.staleVersion('staff.assignment_stale');
      await this.repo.replaceAllocations(trx, id, input.allocations);
      const after = (await this.repo.findAssignment(trx, id))!;
      await recordAudit(trx, actor, {
        action: 'staff_assignment.allocations_replaced',
        entityType: 'staff_assignment',
        entityId: id,
        before: before.allocations,
        after: after.allocations,
      });
      return after;
    });
  }

  /** Deletes an assignment entered by mistake, with its allocations; refused when it counts in a closed year. */
  removeAssignment(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findAssignment(trx, id, true);
      if (!before) throw new NotFoundError(formatMessage('staff.assignment_not_found'));
      await this.assertClosedYearsUnchanged(trx, { ...before, allocations: asInput(before) }, null);
      await this.repo.deleteAssignment(trx, id);
      await recordAudit(trx, actor, { action: 'staff_assignment.deleted', entityType: 'staff_assignment', entityId: id, before });
    });
  }

  // ---- Summary ----

  /** The year’s figures; the board gets aggregates only (no names, no cost per person). */
  async summary(actor: Actor, year: number): Promise<StaffSummary> {
    const detail = readsStaffDetail(actor.role) ? 'full' : 'aggregate';
    const [rows, ceiling, otherInKindTotalCents, years] = await Promise.all([
      this.repo.yearRows(this.db, year),
      this.repo.findCeiling(this.db, year),
      this.repo.inKindTotal(this.db, year),
      // The lines of every year, so that a line is merged with the same others in every year.
      detail === 'aggregate' ? this.personnel.allYears(this.db, 'all') : Promise.resolve([]),
    ]);
    return buildStaffSummary({ year, rows, ceiling, otherInKindTotalCents, detail, otherYears: years.filter((y) => y.year !== year) });
  }

  // ---- Ceiling ----

  putCeiling(actor: Actor, year: number, input: PutStaffCeiling): Promise<StaffCeiling> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, year, () => new NotFoundError(formatMessage('staff.fiscal_year_missing', { year })));
      const before = await this.repo.findCeiling(trx, year);
      let after: StaffCeiling | undefined;
      if (before) {
        if (input.version !== before.version) throw ConflictError.staleVersion('staff.job_ceiling_stale');
        after = await this.repo.updateCeiling(trx, year, input.version, input.ceilingEtptBp);
        if (!after) throw ConflictError.staleVersion('staff.job_ceiling_stale');
      } else {
        if (input.version !== undefined) throw ConflictError.staleVersion('staff.job_ceiling_stale');
        after = await this.repo.insertCeiling(trx, year, input.ceilingEtptBp);
      }
      await recordAudit(trx, actor, { action: 'staff_ceiling.set', entityType: 'staff_ceiling', entityId: year, before: before ?? null, after });
      return after;
    });
  }

  // ---- In-kind contributions ----

  listInKind(year?: number): Promise<InKindContribution[]> {
    return this.repo.listInKind(this.db, year);
  }

  createInKind(actor: Actor, input: CreateInKindContribution): Promise<InKindContribution> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, input.year);
      const after = await this.repo.insertInKind(trx, input);
      await recordAudit(trx, actor, { action: 'in_kind_contribution.created', entityType: 'in_kind_contribution', entityId: after.id, after });
      return after;
    });
  }

  updateInKind(actor: Actor, id: number, input: UpdateInKindContribution): Promise<InKindContribution> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findInKind(trx, id);
      if (!before) throw new NotFoundError(formatMessage('staff.contribution_not_found'));
      await this.assertOpenYear(trx, before.year);
      if (changes.year !== undefined && changes.year !== before.year) await this.assertOpenYear(trx, changes.year);
      const after = await this.repo.updateInKind(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('staff.contribution_stale');
      await recordAudit(trx, actor, { action: 'in_kind_contribution.updated', entityType: 'in_kind_contribution', entityId: id, before, after });
      return after;
    });
  }

  removeInKind(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findInKind(trx, id);
      if (!before) throw new NotFoundError(formatMessage('staff.contribution_not_found'));
      await this.assertOpenYear(trx, before.year);
      await this.repo.deleteInKind(trx, id);
      await recordAudit(trx, actor, { action: 'in_kind_contribution.deleted', entityType: 'in_kind_contribution', entityId: id, before });
    });
  }
}
