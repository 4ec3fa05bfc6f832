import type { Knex } from 'knex';
import type {
  AssemblyDeliberation,
  CreateDeliverable,
  CreateGovernanceBody,
  CreateGovernanceDeliberation,
  CreateGovernanceMember,
  Deliverable,
  GovernanceBody,
  GovernanceDeliberation,
  GovernanceMeeting,
  GovernanceMember,
  MeetingAttendance,
} from '@cn2r/shared';
import { definedColumns, nextVersion } from '../../db/row-columns.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const iso = (value: Date | string) => new Date(value).toISOString();
/** A `date` column as `YYYY-MM-DD` (both drivers are configured to return dates as text; a Date is tolerated). */
const day = (value: Date | string | null): string | null => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
const stamps = (r: Row) => ({ createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), version: Number(r.version) });

const toMember = (r: Row): GovernanceMember => ({
  id: r.id,
  name: r.name,
  category: r.category,
  rightsBp: Number(r.rights_bp),
  from: day(r.member_from)!,
  to: day(r.member_to),
  ...stamps(r),
});
const memberColumns = (f: Partial<CreateGovernanceMember>) => definedColumns(f, { name: 'name', category: 'category', rightsBp: 'rights_bp', from: 'member_from', to: 'member_to' });

const toBody = (r: Row): GovernanceBody => ({ id: r.id, kind: r.kind, name: r.name, ...stamps(r) });

export interface MeetingFields {
  bodyId?: number;
  heldOn?: string;
  kind?: 'ordinary' | 'extraordinary';
  quorumReached?: boolean;
  notes?: string | null;
}
const meetingColumns = (f: MeetingFields) => definedColumns(f, { bodyId: 'body_id', heldOn: 'held_on', kind: 'kind', quorumReached: 'quorum_reached', notes: 'notes' });

const DELIBERATION_COLUMNS = ['d.*', 'm.file_name as minutes_file_name', 'm.size_bytes as minutes_size_bytes', 'm.sha256 as minutes_sha256', 'm.uploaded_at as minutes_uploaded_at'];
const toDeliberation = (r: Row): GovernanceDeliberation => ({
  id: r.id,
  number: r.number,
  meetingId: r.meeting_id,
  adoptedOn: day(r.adopted_on)!,
  title: r.title,
  votesFor: Number(r.votes_for),
  votesAgainst: Number(r.votes_against),
  abstentions: Number(r.abstentions),
  adopted: Number(r.votes_for) > Number(r.votes_against),
  minutes: r.minutes_sha256 ? { fileName: r.minutes_file_name, sizeBytes: Number(r.minutes_size_bytes), sha256: r.minutes_sha256, uploadedAt: iso(r.minutes_uploaded_at) } : null,
  ...stamps(r),
});
const deliberationColumns = (f: Partial<CreateGovernanceDeliberation>) => definedColumns(f, { number: 'number', meetingId: 'meeting_id', adoptedOn: 'adopted_on', title: 'title', votesFor: 'votes_for', votesAgainst: 'votes_against', abstentions: 'abstentions' });

const DELIVERABLE_COLUMNS = ['id', 'expected_result', 'title', 'kind', 'due_on', 'status', 'link_url', 'file_name', 'size_bytes', 'sha256', 'created_at', 'updated_at', 'version'];
const toDeliverable = (r: Row): Deliverable => ({
  id: r.id,
  expectedResult: r.expected_result,
  title: r.title,
  kind: r.kind,
  dueOn: day(r.due_on)!,
  status: r.status,
  linkUrl: r.link_url,
  attachment: r.sha256 ? { fileName: r.file_name, sizeBytes: Number(r.size_bytes), sha256: r.sha256 } : null,
  ...stamps(r),
});
const deliverableColumns = (f: Partial<CreateDeliverable>) => definedColumns(f, { expectedResult: 'expected_result', title: 'title', kind: 'kind', dueOn: 'due_on', status: 'status', linkUrl: 'link_url' });

export interface StoredPdf {
  fileName: string;
  sha256: string;
  bytes: Buffer;
}

/** Years as a date range on a `date` column (an index can serve it). */
const inYear = (column: string, year: number | undefined) => (q: Knex.QueryBuilder) => {
  if (year !== undefined) q.whereBetween(column, [`${year}-01-01`, `${year}-12-31`]);
};

/** The only Knex code of the governance records and the deliverables. */
export class GovernanceRepository {
  // ---- members ----
  async listMembers(db: Db, options: { activeIn?: number } = {}): Promise<GovernanceMember[]> {
    const q = db('governance_members').orderBy([{ column: 'rights_bp', order: 'desc' }, { column: 'name' }]);
    if (options.activeIn !== undefined) {
      q.where('member_from', '<=', `${options.activeIn}-12-31`).andWhere((w) => w.whereNull('member_to').orWhere('member_to', '>=', `${options.activeIn}-01-01`));
    }
    return (await q).map(toMember);
  }
  async findMember(db: Db, id: number): Promise<GovernanceMember | undefined> {
    const row = await db('governance_members').where({ id }).first();
    return row && toMember(row);
  }
  async findMemberByName(db: Db, name: string): Promise<GovernanceMember | undefined> {
    const row = await db('governance_members').whereRaw('lower(name) = lower(?)', [name]).first();
    return row && toMember(row);
  }
  async insertMember(db: Db, f: CreateGovernanceMember): Promise<GovernanceMember> {
    const [row] = await db('governance_members').insert(memberColumns(f)).returning('*');
    return toMember(row);
  }
  async updateMember(db: Db, id: number, version: number, f: Partial<CreateGovernanceMember>): Promise<GovernanceMember | undefined> {
    const [row] = await db('governance_members').where({ id, version }).update({ ...memberColumns(f), ...nextVersion(db) }).returning('*');
    return row && toMember(row);
  }
  async memberAttendances(db: Db, id: number): Promise<number> {
    const [{ n }] = await db('governance_meeting_attendance').where({ member_id: id }).count({ n: '*' });
    return Number(n);
  }
  async deleteMember(db: Db, id: number): Promise<void> {
    await db('governance_members').where({ id }).delete();
  }

  // ---- bodies ----
  async listBodies(db: Db): Promise<GovernanceBody[]> {
    return (await db('governance_bodies').orderByRaw(`kind = 'general_assembly' DESC`).orderBy('name')).map(toBody);
  }
  async findBody(db: Db, id: number): Promise<GovernanceBody | undefined> {
    const row = await db('governance_bodies').where({ id }).first();
    return row && toBody(row);
  }
  async findBodyByName(db: Db, name: string): Promise<GovernanceBody | undefined> {
    const row = await db('governance_bodies').whereRaw('lower(name) = lower(?)', [name]).first();
    return row && toBody(row);
  }
  async insertBody(db: Db, f: CreateGovernanceBody): Promise<GovernanceBody> {
    const [row] = await db('governance_bodies').insert({ kind: f.kind, name: f.name }).returning('*');
    return toBody(row);
  }
  async updateBody(db: Db, id: number, version: number, f: Partial<CreateGovernanceBody>): Promise<GovernanceBody | undefined> {
    const [row] = await db('governance_bodies')
      .where({ id, version })
      .update({ ...definedColumns(f, { kind: 'kind', name: 'name' }), ...nextVersion(db) })
      .returning('*');
    return row && toBody(row);
  }

  // ---- meetings ----
  async listMeetings(db: Db, year?: number, id?: number): Promise<GovernanceMeeting[]> {
    const rows = await db('governance_meetings as g')
      .join('governance_bodies as b', 'b.id', 'g.body_id')
      .modify(inYear('g.held_on', year))
      .modify((q) => {
        if (id !== undefined) q.where('g.id', id);
      })
      .orderBy([{ column: 'g.held_on' }, { column: 'g.id' }])
      .select('g.*', 'b.name as body_name', 'b.kind as body_kind');
    const ids = rows.map((r: Row) => r.id as number);
    const attendance: Row[] = ids.length
      ? await db('governance_meeting_attendance as a').join('governance_members as m', 'm.id', 'a.member_id').whereIn('a.meeting_id', ids).orderBy('m.name').select('a.*', 'm.name as member_name')
      : [];
    return rows.map((r: Row) => ({
      id: r.id,
      bodyId: r.body_id,
      bodyName: r.body_name,
      bodyKind: r.body_kind,
      heldOn: day(r.held_on)!,
      kind: r.kind,
      quorumReached: Boolean(r.quorum_reached),
      attendees: attendance.filter((a) => a.meeting_id === r.id).map((a) => ({ memberId: a.member_id, attendance: a.attendance, memberName: a.member_name })),
      notes: r.notes,
      ...stamps(r),
    }));
  }
  async findMeeting(db: Db, id: number): Promise<GovernanceMeeting | undefined> {
    return (await this.listMeetings(db, undefined, id))[0];
  }
  async insertMeeting(db: Db, f: MeetingFields): Promise<number> {
    const [row] = await db('governance_meetings').insert(meetingColumns(f)).returning('id');
    return row.id as number;
  }
  async updateMeeting(db: Db, id: number, version: number, f: MeetingFields): Promise<boolean> {
    const rows = await db('governance_meetings').where({ id, version }).update({ ...meetingColumns(f), ...nextVersion(db) }).returning('id');
    return rows.length === 1;
  }
  async replaceAttendance(db: Db, meetingId: number, attendees: readonly MeetingAttendance[]): Promise<void> {
    await db('governance_meeting_attendance').where({ meeting_id: meetingId }).delete();
    if (attendees.length) await db('governance_meeting_attendance').insert(attendees.map((a) => ({ meeting_id: meetingId, member_id: a.memberId, attendance: a.attendance })));
  }
  async existingMemberIds(db: Db, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    return (await db('governance_members').whereIn('id', ids).select('id')).map((r) => r.id as number);
  }
  async meetingDeliberations(db: Db, id: number): Promise<number> {
    const [{ n }] = await db('governance_deliberations').where({ meeting_id: id }).count({ n: '*' });
    return Number(n);
  }
  async deleteMeeting(db: Db, id: number): Promise<void> {
    await db('governance_meetings').where({ id }).delete();
  }

  // ---- deliberations ----
  private deliberations(db: Db) {
    return db('governance_deliberations as d').leftJoin('governance_deliberation_minutes as m', 'm.deliberation_id', 'd.id').select(DELIBERATION_COLUMNS);
  }
  async listDeliberations(db: Db, year?: number): Promise<GovernanceDeliberation[]> {
    const rows = await this.deliberations(db).modify(inYear('d.adopted_on', year)).orderBy([{ column: 'd.adopted_on' }, { column: 'd.number' }]);
    return rows.map(toDeliberation);
  }
  /** The general assembly's adopted deliberations (more votes for than against), by date then number, with their meeting. */
  async assemblyDeliberations(db: Db, from: string | undefined, to: string | undefined): Promise<AssemblyDeliberation[]> {
    const q = this.deliberations(db)
      .join('governance_meetings as g', 'g.id', 'd.meeting_id')
      .join('governance_bodies as b', 'b.id', 'g.body_id')
      .select('g.held_on as meeting_held_on', 'g.quorum_reached as meeting_quorum_reached', 'b.name as body_name')
      .where('b.kind', 'general_assembly')
      .andWhereRaw('d.votes_for > d.votes_against')
      .orderBy([{ column: 'd.adopted_on' }, { column: 'd.number' }]);
    if (from) q.andWhere('d.adopted_on', '>=', from);
    if (to) q.andWhere('d.adopted_on', '<=', to);
    const rows = await q;
    return rows.map((r: Row) => {
      const { id, number, title, adoptedOn, votesFor, votesAgainst, abstentions, minutes, meetingId } = toDeliberation(r);
      return {
        id,
        number,
        title,
        adoptedOn,
        votesFor,
        votesAgainst,
        abstentions,
        minutesSha256: minutes?.sha256 ?? null,
        meeting: { id: meetingId, bodyName: r.body_name, heldOn: day(r.meeting_held_on)!, quorumReached: Boolean(r.meeting_quorum_reached) },
      };
    });
  }
  async findDeliberation(db: Db, id: number): Promise<GovernanceDeliberation | undefined> {
    const row = await this.deliberations(db).where('d.id', id).first();
    return row && toDeliberation(row);
  }
  async findDeliberationByNumber(db: Db, number: string): Promise<GovernanceDeliberation | undefined> {
    const row = await this.deliberations(db).where('d.number', number).first();
    return row && toDeliberation(row);
  }
  async insertDeliberation(db: Db, f: CreateGovernanceDeliberation): Promise<number> {
    const [row] = await db('governance_deliberations').insert(deliberationColumns(f)).returning('id');
    return row.id as number;
  }
  async updateDeliberation(db: Db, id: number, version: number, f: Partial<CreateGovernanceDeliberation>): Promise<boolean> {
    const rows = await db('governance_deliberations').where({ id, version }).update({ ...deliberationColumns(f), ...nextVersion(db) }).returning('id');
    return rows.length === 1;
  }
  /** What rests on a deliberation: the budget decisions it adopted and the report versions it approved (codes and `year/number`). */
  async deliberationUses(db: Db, id: number): Promise<string[]> {
    const [decisions, versions] = await Promise.all([
      db('budget_decisions').where({ deliberation_id: id }).orderBy('id').select('code', 'year'),
      db('report_versions').where({ deliberation_id: id }).orderBy('id').select('year', 'number'),
    ]);
    return [...decisions.map((r) => `${r.code} ${r.year}`), ...versions.map((r) => `version ${r.number} des rapports ${r.year}`)];
  }
  /** The official report versions submitted to a meeting. */
  async meetingVersions(db: Db, id: number): Promise<number> {
    const [{ n }] = await db('report_versions').where({ submitted_meeting_id: id }).count({ n: '*' });
    return Number(n);
  }
  /** The first general assembly meeting held on `onOrAfter` or later. */
  async nextAssemblyMeeting(db: Db, onOrAfter: string): Promise<{ id: number; bodyName: string; heldOn: string } | undefined> {
    const row = await db('governance_meetings as g')
      .join('governance_bodies as b', 'b.id', 'g.body_id')
      .where('b.kind', 'general_assembly')
      .andWhere('g.held_on', '>=', onOrAfter)
      .orderBy([{ column: 'g.held_on' }, { column: 'g.id' }])
      .first('g.id', 'g.held_on', 'b.name');
    return row && { id: row.id, bodyName: row.name, heldOn: day(row.held_on)! };
  }
  async deleteDeliberation(db: Db, id: number): Promise<void> {
    await db('governance_deliberations').where({ id }).delete();
  }
  async putMinutes(db: Db, deliberationId: number, pdf: StoredPdf, userId: number | null): Promise<void> {
    const row = { file_name: pdf.fileName, media_type: 'application/pdf', size_bytes: pdf.bytes.length, sha256: pdf.sha256, bytes: pdf.bytes, uploaded_by: userId, uploaded_at: db.fn.now() };
    await db('governance_deliberation_minutes')
      .insert({ deliberation_id: deliberationId, ...row })
      .onConflict('deliberation_id')
      .merge();
  }
  /** The stored bytes (PGlite gives a Uint8Array, node-postgres a Buffer: one shape for both). */
  async minutesBytes(db: Db, deliberationId: number): Promise<{ fileName: string; bytes: Buffer } | undefined> {
    const row = await db('governance_deliberation_minutes').where({ deliberation_id: deliberationId }).first('file_name', 'bytes');
    return row && { fileName: row.file_name, bytes: Buffer.from(row.bytes as Uint8Array) };
  }

  // ---- deliverables ----
  async listDeliverables(db: Db, year?: number): Promise<Deliverable[]> {
    const rows = await db('deliverables').modify(inYear('due_on', year)).orderBy([{ column: 'expected_result' }, { column: 'due_on' }, { column: 'id' }]).select(DELIVERABLE_COLUMNS);
    return rows.map(toDeliverable);
  }
  async findDeliverable(db: Db, id: number): Promise<Deliverable | undefined> {
    const row = await db('deliverables').where({ id }).first(DELIVERABLE_COLUMNS);
    return row && toDeliverable(row);
  }
  async insertDeliverable(db: Db, f: CreateDeliverable): Promise<Deliverable> {
    const [row] = await db('deliverables').insert(deliverableColumns(f)).returning(DELIVERABLE_COLUMNS);
    return toDeliverable(row);
  }
  async updateDeliverable(db: Db, id: number, version: number, f: Partial<CreateDeliverable>): Promise<Deliverable | undefined> {
    const [row] = await db('deliverables').where({ id, version }).update({ ...deliverableColumns(f), ...nextVersion(db) }).returning(DELIVERABLE_COLUMNS);
    return row && toDeliverable(row);
  }
  async deleteDeliverable(db: Db, id: number): Promise<void> {
    await db('deliverables').where({ id }).delete();
  }
  async putDeliverableFile(db: Db, id: number, pdf: StoredPdf): Promise<Deliverable | undefined> {
    const [row] = await db('deliverables')
      .where({ id })
      .update({ file_name: pdf.fileName, media_type: 'application/pdf', size_bytes: pdf.bytes.length, sha256: pdf.sha256, bytes: pdf.bytes, ...nextVersion(db) })
      .returning(DELIVERABLE_COLUMNS);
    return row && toDeliverable(row);
  }
  async deliverableBytes(db: Db, id: number): Promise<{ fileName: string; bytes: Buffer } | undefined> {
    const row = await db('deliverables').where({ id }).whereNotNull('bytes').first('file_name', 'bytes');
    return row && { fileName: row.file_name, bytes: Buffer.from(row.bytes as Uint8Array) };
  }
}
