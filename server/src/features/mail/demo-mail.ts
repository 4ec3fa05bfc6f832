import type { Knex } from 'knex';
import type { CampaignReminders } from './campaign-reminders.js';
import type { MailService } from './mail-service.js';
import type { WorkflowKind } from './mail-templates.js';
import { WorkflowNotifications } from './workflow-notifications.js';

/** How far back the demo's outbox goes: the review steps and the reminders of these last days. */
export const DEMO_MAIL_DAYS = 28;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The demo's outbox, after the demo seed (which writes the forms directly, without the workflow):
 * the messages the application would have written, by its own notifiers and templates —
 * - the last review step of each form waiting for review (submitted → the coordination) or returned
 *   (with the coordination's message → the unit's leads), and of each form validated in the last
 *   `DEMO_MAIL_DAYS` days (→ the unit's leads);
 * - the collection's reminders of each of those days (the late units), by the daily job's rules
 *   and keys, today's included: the job finds them written and adds nothing.
 * Each message is dated from its step (or 8 a.m. on its day). Runs on an empty outbox only, so a
 * restart with SEED_DEMO=always adds nothing. Returns how many messages were written.
 */
export async function seedDemoMail(db: Knex, mail: MailService, reminders: CampaignReminders, publicUrl: string, today: string): Promise<number> {
  const [{ n }] = await db('mail_outbox').count({ n: '*' });
  if (Number(n) > 0) return 0;
  const notifications = new WorkflowNotifications(mail, publicUrl);
  const since = new Date(Date.parse(`${addDays(today, -DEMO_MAIL_DAYS)}T00:00:00Z`));
  const coordinator = await db('users').where({ role: 'admin', active: true }).orderBy('id').first('display_name');
  const steps = await db('submissions as s')
    .join('units as u', 'u.id', 's.unit_id')
    .leftJoin('users as sb', 'sb.id', 's.submitted_by')
    .leftJoin('users as rb', 'rb.id', 's.returned_by')
    .leftJoin('users as vb', 'vb.id', 's.validated_by')
    .where((q) =>
      q
        .whereIn('s.status', ['submitted', 'returned'])
        .orWhere((w) => w.where('s.status', 'validated').andWhere('s.validated_at', '>=', since)),
    )
    .select('s.unit_id', 's.period', 's.status', 's.return_message', 's.submitted_at', 's.returned_at', 's.validated_at', 'u.name', 'sb.display_name as submitted_by', 'rb.display_name as returned_by', 'vb.display_name as validated_by');
  const stepOf = (s: Record<string, any>): { kind: WorkflowKind; at: Date; by: string } =>
    s.status === 'submitted'
      ? { kind: 'submission.submitted', at: new Date(s.submitted_at), by: s.submitted_by ?? `Le responsable de ${s.name}` }
      : s.status === 'returned'
        ? { kind: 'submission.returned', at: new Date(s.returned_at), by: s.returned_by ?? coordinator?.display_name ?? 'la coordination' }
        : { kind: 'submission.validated', at: new Date(s.validated_at), by: s.validated_by ?? coordinator?.display_name ?? 'la coordination' };
  const events: { at: Date; write: (trx: Knex.Transaction) => Promise<unknown> }[] = steps.map((s) => {
    const step = stepOf(s);
    return { at: step.at, write: (trx) => notifications.notify(trx, step.kind, { unit: { id: s.unit_id, name: s.name }, period: s.period, message: s.return_message ?? null, by: step.by }) };
  });
  // A reminder of a past day only if the form was not waiting for review that day (submitted, not yet returned).
  const dayOf = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString().slice(0, 10));
  const reviewed = new Map(
    (await db('submissions').whereNotNull('submitted_at').select('unit_id', 'period', 'submitted_at', 'returned_at')).map((s) => [`${s.unit_id}|${s.period}`, { from: dayOf(s.submitted_at)!, to: dayOf(s.returned_at) }]),
  );
  const waitingOn = (day: string, d: { unitId: number | null; period: string | null }) => {
    const r = reviewed.get(`${d.unitId}|${d.period}`);
    return r !== undefined && r.from <= day && (r.to === null || r.to > day);
  };
  for (let back = DEMO_MAIL_DAYS; back >= 0; back--) {
    const day = addDays(today, -back);
    const drafts = (await reminders.remindersOf(day)).filter((d) => !waitingOn(day, d));
    // 8 a.m. in Paris (07:00 UTC in winter, 06:00 in summer: 07:00 is within the morning either way); today's: now.
    events.push({ at: back === 0 ? new Date() : new Date(`${day}T07:00:00Z`), write: (trx) => mail.enqueue(trx, drafts) });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return db.transaction(async (trx) => {
    let written = 0;
    for (const event of events) {
      const before = Number((await trx('mail_outbox').max('id as id').first())?.id ?? 0);
      await event.write(trx);
      written += Number((await trx('mail_outbox').where('id', '>', before).update({ created_at: event.at }).returning('id')).length);
    }
    return written;
  });
}
