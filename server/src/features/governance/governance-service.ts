import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  type AssemblyDeliberation,
  type AssemblyDeliberationQuery,
  GOVERNANCE_PDF_MAX_BYTES,
  type CreateDeliverable,
  type CreateGovernanceBody,
  type CreateGovernanceDeliberation,
  type CreateGovernanceMeeting,
  type CreateGovernanceMember,
  type Deliverable,
  type GovernanceBody,
  type GovernanceDeliberation,
  type GovernanceMeeting,
  type GovernanceMember,
  type MeetingAttendance,
  type UpdateDeliverable,
  type UpdateGovernanceBody,
  type UpdateGovernanceDeliberation,
  type UpdateGovernanceMeeting,
  type UpdateGovernanceMember,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { sniffMediaType } from '../budget/attachments/budget-attachment-service.js';
import { AssemblyDeliberations } from './assembly-deliberations.js';
import { GovernanceRepository, type StoredPdf } from './governance-repository.js';

type Trx = Knex.Transaction;

export interface PdfUpload {
  readonly fileName: string;
  readonly declaredType: string;
  readonly bytes: Buffer;
}

/** A PDF checked on its bytes (not on what the client claims), under the size limit, with its SHA-256. */
function checkedPdf(input: PdfUpload): StoredPdf {
  const { fileName, bytes } = input;
  if (bytes.length === 0) throw ValidationError.field('file', formatMessage('upload.empty_file'));
  if (bytes.length > GOVERNANCE_PDF_MAX_BYTES) throw ValidationError.field('file', formatMessage('upload.too_large', { megabytes: GOVERNANCE_PDF_MAX_BYTES / (1024 * 1024) }));
  if (sniffMediaType(bytes) !== 'application/pdf') throw ValidationError.field('file', formatMessage('governance.file_not_pdf'));
  if (input.declaredType !== 'application/pdf') throw ValidationError.field('file', formatMessage('governance.file_declared_as', { declaredType: input.declaredType }));
  return { fileName, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const activeOn = (m: GovernanceMember, date: string) => m.from <= date && (m.to === null || m.to >= date);

/**
 * Governance records (members, bodies, meetings with attendance, deliberations with their minutes)
 * and the deliverables of the expected results. Writes in one transaction each, audited, with
 * optimistic concurrency (the version read, 409 when stale). Who may write is the route table's
 * business: admin and board for the records, the coordination (admin) for the deliverables.
 */
export class GovernanceService {
  private readonly repo = new GovernanceRepository();
  private readonly assembly = new AssemblyDeliberations();

  constructor(private readonly db: Knex) {}

  // ---- members ----

  listMembers(): Promise<GovernanceMember[]> {
    return this.repo.listMembers(this.db);
  }

  private async assertMemberNameFree(trx: Trx, name: string, id?: number): Promise<void> {
    const other = await this.repo.findMemberByName(trx, name);
    if (other && other.id !== id) throw new ConflictError(formatMessage('governance.member_exists', { name }), [{ path: 'name', message: formatMessage('governance.member_exists_field') }]);
  }

  createMember(actor: Actor, input: CreateGovernanceMember): Promise<GovernanceMember> {
    return this.db.transaction(async (trx) => {
      await this.assertMemberNameFree(trx, input.name);
      const member = await this.repo.insertMember(trx, input);
      await recordAudit(trx, actor, { action: 'governance_member.created', entityType: 'governance_member', entityId: member.id, after: member });
      return member;
    });
  }

  updateMember(actor: Actor, id: number, input: UpdateGovernanceMember): Promise<GovernanceMember> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMember(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.member_not_found'));
      const from = changes.from ?? before.from;
      const to = changes.to !== undefined ? changes.to : before.to;
      if (to !== null && to < from) throw ValidationError.field('to', formatMessage('validation.end_before_start'));
      if (changes.name) await this.assertMemberNameFree(trx, changes.name, id);
      const after = await this.repo.updateMember(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('governance.member_stale');
      await recordAudit(trx, actor, { action: 'governance_member.updated', entityType: 'governance_member', entityId: id, before, after });
      return after;
    });
  }

  /** A member who attended a meeting stays on record: it leaves the grouping by its end date. */
  removeMember(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMember(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.member_not_found'));
      if ((await this.repo.memberAttendances(trx, id)) > 0) {
        throw new ConflictError(formatMessage('governance.member_attended'));
      }
      await this.repo.deleteMember(trx, id);
      await recordAudit(trx, actor, { action: 'governance_member.deleted', entityType: 'governance_member', entityId: id, before });
    });
  }

  // ---- bodies ----

  listBodies(): Promise<GovernanceBody[]> {
    return this.repo.listBodies(this.db);
  }

  private async assertBodyNameFree(trx: Trx, name: string, id?: number): Promise<void> {
    const other = await this.repo.findBodyByName(trx, name);
    if (other && other.id !== id) throw new ConflictError(formatMessage('governance.body_exists', { name }), [{ path: 'name', message: formatMessage('governance.body_exists_field') }]);
  }

  createBody(actor: Actor, input: CreateGovernanceBody): Promise<GovernanceBody> {
    return this.db.transaction(async (trx) => {
      await this.assertBodyNameFree(trx, input.name);
      const body = await this.repo.insertBody(trx, input);
      await recordAudit(trx, actor, { action: 'governance_body.created', entityType: 'governance_body', entityId: body.id, after: body });
      return body;
    });
  }

  updateBody(actor: Actor, id: number, input: UpdateGovernanceBody): Promise<GovernanceBody> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findBody(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.body_not_found'));
      if (changes.name) await this.assertBodyNameFree(trx, changes.name, id);
      const after = await this.repo.updateBody(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('governance.body_stale');
      await recordAudit(trx, actor, { action: 'governance_body.updated', entityType: 'governance_body', entityId: id, before, after });
      return after;
    });
  }

  // ---- meetings ----

  listMeetings(year?: number): Promise<GovernanceMeeting[]> {
    return this.repo.listMeetings(this.db, year);
  }

  /** The body exists; every attendee is a member of the grouping on the meeting's date. */
  private async checkMeeting(trx: Trx, bodyId: number, heldOn: string, attendees: readonly MeetingAttendance[]): Promise<void> {
    if (!(await this.repo.findBody(trx, bodyId))) throw ValidationError.field('bodyId', formatMessage('governance.body_unknown'));
    if (attendees.length === 0) return;
    const members = new Map((await this.repo.listMembers(trx)).map((m) => [m.id, m]));
    const unknown = attendees.filter((a) => !members.has(a.memberId));
    if (unknown.length) throw ValidationError.field('attendees', formatMessage('governance.attendee_unknown'));
    const outside = attendees.map((a) => members.get(a.memberId)!).filter((m) => !activeOn(m, heldOn));
    if (outside.length) throw ValidationError.field('attendees', formatMessage('governance.attendee_not_member', { name: outside[0].name }));
  }

  createMeeting(actor: Actor, input: CreateGovernanceMeeting): Promise<GovernanceMeeting> {
    const { attendees, ...fields } = input;
    return this.db.transaction(async (trx) => {
      await this.checkMeeting(trx, fields.bodyId, fields.heldOn, attendees);
      const id = await this.repo.insertMeeting(trx, fields);
      await this.repo.replaceAttendance(trx, id, attendees);
      const meeting = (await this.repo.findMeeting(trx, id))!;
      await recordAudit(trx, actor, { action: 'governance_meeting.created', entityType: 'governance_meeting', entityId: id, after: meeting });
      return meeting;
    });
  }

  updateMeeting(actor: Actor, id: number, input: UpdateGovernanceMeeting): Promise<GovernanceMeeting> {
    const { version, attendees, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMeeting(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.meeting_not_found'));
      const heldOn = changes.heldOn ?? before.heldOn;
      await this.checkMeeting(trx, changes.bodyId ?? before.bodyId, heldOn, attendees ?? before.attendees);
      if (changes.heldOn && changes.heldOn !== before.heldOn) {
        const earlier = (await this.repo.listDeliberations(trx)).find((d) => d.meetingId === id && d.adoptedOn < heldOn);
        if (earlier) throw ValidationError.field('heldOn', formatMessage('governance.meeting_after_deliberation', { number: earlier.number, adoptedOn: earlier.adoptedOn }));
      }
      if (!(await this.repo.updateMeeting(trx, id, version, changes))) throw ConflictError.staleVersion('governance.meeting_stale');
      if (attendees) await this.repo.replaceAttendance(trx, id, attendees);
      const after = (await this.repo.findMeeting(trx, id))!;
      await recordAudit(trx, actor, { action: 'governance_meeting.updated', entityType: 'governance_meeting', entityId: id, before, after });
      return after;
    });
  }

  /** A meeting that adopted deliberations stays: delete them first. */
  removeMeeting(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findMeeting(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.meeting_not_found'));
      if ((await this.repo.meetingDeliberations(trx, id)) > 0) throw new ConflictError(formatMessage('governance.meeting_has_deliberations'));
      if ((await this.repo.meetingVersions(trx, id)) > 0) throw new ConflictError(formatMessage('governance.meeting_has_versions'));
      await this.repo.deleteMeeting(trx, id);
      await recordAudit(trx, actor, { action: 'governance_meeting.deleted', entityType: 'governance_meeting', entityId: id, before });
    });
  }

  // ---- deliberations ----

  listAssemblyDeliberations(query: AssemblyDeliberationQuery): Promise<AssemblyDeliberation[]> {
    return this.assembly.list(this.db, query);
  }
  listDeliberations(year?: number): Promise<GovernanceDeliberation[]> {
    return this.repo.listDeliberations(this.db, year);
  }

  private async checkDeliberation(trx: Trx, d: { number: string; meetingId: number; adoptedOn: string }, id?: number): Promise<void> {
    if (d.number.slice(0, 4) !== d.adoptedOn.slice(0, 4)) throw ValidationError.field('number', formatMessage('governance.number_year_mismatch'));
    const meeting = await this.repo.findMeeting(trx, d.meetingId);
    if (!meeting) throw ValidationError.field('meetingId', formatMessage('governance.meeting_unknown'));
    if (d.adoptedOn < meeting.heldOn) throw ValidationError.field('adoptedOn', formatMessage('governance.deliberation_before_meeting'));
    const other = await this.repo.findDeliberationByNumber(trx, d.number);
    if (other && other.id !== id) {
      throw new ConflictError(formatMessage('governance.number_taken', { number: d.number, year: d.number.slice(0, 4) }), [{ path: 'number', message: formatMessage('governance.number_taken_field') }]);
    }
  }

  /** A deliberation that adopted a budget or approved the reports is the record of it: it no longer changes. */
  private async assertNotInUse(trx: Trx, deliberation: GovernanceDeliberation): Promise<void> {
    const uses = await this.repo.deliberationUses(trx, deliberation.id);
    if (uses.length > 0) throw new ConflictError(formatMessage('governance.deliberation_in_use', { number: deliberation.number, uses }));
  }

  createDeliberation(actor: Actor, input: CreateGovernanceDeliberation): Promise<GovernanceDeliberation> {
    return this.db.transaction(async (trx) => {
      await this.checkDeliberation(trx, input);
      const id = await this.repo.insertDeliberation(trx, input);
      const created = (await this.repo.findDeliberation(trx, id))!;
      await recordAudit(trx, actor, { action: 'governance_deliberation.created', entityType: 'governance_deliberation', entityId: id, after: created });
      return created;
    });
  }

  updateDeliberation(actor: Actor, id: number, input: UpdateGovernanceDeliberation): Promise<GovernanceDeliberation> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliberation(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliberation_not_found'));
      await this.assertNotInUse(trx, before);
      await this.checkDeliberation(trx, { number: changes.number ?? before.number, meetingId: changes.meetingId ?? before.meetingId, adoptedOn: changes.adoptedOn ?? before.adoptedOn }, id);
      if (!(await this.repo.updateDeliberation(trx, id, version, changes))) throw ConflictError.staleVersion('governance.deliberation_stale');
      const after = (await this.repo.findDeliberation(trx, id))!;
      await recordAudit(trx, actor, { action: 'governance_deliberation.updated', entityType: 'governance_deliberation', entityId: id, before, after });
      return after;
    });
  }

  removeDeliberation(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliberation(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliberation_not_found'));
      await this.assertNotInUse(trx, before);
      await this.repo.deleteDeliberation(trx, id);
      await recordAudit(trx, actor, { action: 'governance_deliberation.deleted', entityType: 'governance_deliberation', entityId: id, before });
    });
  }

  /** Attaches (or replaces) the minutes of a deliberation: a PDF, checked on its bytes. */
  uploadMinutes(actor: Actor, id: number, upload: PdfUpload): Promise<GovernanceDeliberation> {
    const pdf = checkedPdf(upload);
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliberation(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliberation_not_found'));
      await this.repo.putMinutes(trx, id, pdf, actor.userId);
      const after = (await this.repo.findDeliberation(trx, id))!;
      await recordAudit(trx, actor, { action: 'governance_deliberation.minutes_attached', entityType: 'governance_deliberation', entityId: id, before: before.minutes, after: after.minutes });
      return after;
    });
  }

  async downloadMinutes(id: number): Promise<{ fileName: string; bytes: Buffer }> {
    const file = await this.repo.minutesBytes(this.db, id);
    if (!file) throw new NotFoundError(formatMessage('governance.minutes_not_found'));
    return file;
  }

  // ---- deliverables ----

  listDeliverables(year?: number): Promise<Deliverable[]> {
    return this.repo.listDeliverables(this.db, year);
  }

  createDeliverable(actor: Actor, input: CreateDeliverable): Promise<Deliverable> {
    return this.db.transaction(async (trx) => {
      const created = await this.repo.insertDeliverable(trx, input);
      await recordAudit(trx, actor, { action: 'deliverable.created', entityType: 'deliverable', entityId: created.id, after: created });
      return created;
    });
  }

  updateDeliverable(actor: Actor, id: number, input: UpdateDeliverable): Promise<Deliverable> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliverable(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliverable_not_found'));
      const after = await this.repo.updateDeliverable(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('governance.deliverable_stale');
      await recordAudit(trx, actor, { action: 'deliverable.updated', entityType: 'deliverable', entityId: id, before, after });
      return after;
    });
  }

  removeDeliverable(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliverable(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliverable_not_found'));
      await this.repo.deleteDeliverable(trx, id);
      await recordAudit(trx, actor, { action: 'deliverable.deleted', entityType: 'deliverable', entityId: id, before });
    });
  }

  uploadDeliverableFile(actor: Actor, id: number, upload: PdfUpload): Promise<Deliverable> {
    const pdf = checkedPdf(upload);
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDeliverable(trx, id);
      if (!before) throw new NotFoundError(formatMessage('governance.deliverable_not_found'));
      const after = (await this.repo.putDeliverableFile(trx, id, pdf))!;
      await recordAudit(trx, actor, { action: 'deliverable.file_attached', entityType: 'deliverable', entityId: id, before, after });
      return after;
    });
  }

  async downloadDeliverableFile(id: number): Promise<{ fileName: string; bytes: Buffer }> {
    const file = await this.repo.deliverableBytes(this.db, id);
    if (!file) throw new NotFoundError(formatMessage('governance.deliverable_file_not_found'));
    return file;
  }
}
