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
 * - each form's last review step of the last `DEMO_MAIL_DAYS` days: submitted and waiting (→ the
 *   coordination), returned with the coordination's message, validated (→ the unit's leads);
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
        .where((w) => w.where('s.status', 'submitted').andWhere('s.submitted_at', '>=', since))
        .orWhere((w) => w.where('s.status', 'returned').andWhere('s.returned_at', '>=', since))
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
  for (let back = DEMO_MAIL_DAYS; back >= 0; back--) {
    const day = addDays(today, -back);
    const drafts = await reminders.remindersOf(day);
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
