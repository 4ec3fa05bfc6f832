import type { Knex } from 'knex';
import { MAIL_SCHEDULE_DAYS, type MailSchedule, type MailScheduleQuery, type ScheduledReminder } from '@cn2r/shared';
import type { Clock } from '../../clock.js';
import { systemActor } from '../auth/index.js';
import type { CompletenessService } from '../completeness/index.js';
import type { MailService } from './mail-service.js';
import { reminderMail, type MailDraft, type ReminderKind } from './mail-templates.js';

type Recipient = { readonly id: number; readonly email: string; readonly displayName: string };

const DAY_MS = 86_400_000;
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const isoDay = (value: Date | string | null): string | null => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Days before a due date when a unit that has not submitted is reminded. */
export const DUE_SOON_DAYS = [7, 1] as const;

/**
 * The collection's scheduled e-mails, decided each day for every open campaign from the
 * completeness board (one rule for who is expected and when it is due, extensions included):
 * - the day a period opens → the leads of every unit expected for it;
 * - 7 days and 1 day before a unit's due date, if it has not submitted → its leads;
 * - the day after the due date, then every 7 days until submitted → its leads, copied to the
 *   coordination from the second reminder on.
 * Each message has a key (kind, unit, period, day, recipient) written once: running the day again,
 * from another instance or after a restart, adds nothing.
 */
export class CampaignReminders {
  constructor(
    private readonly db: Knex,
    private readonly completeness: CompletenessService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  /** The daily job: runs the reminders of today once for all the instances on this database. */
  async runDue(): Promise<{ readonly ran: boolean; readonly written: number }> {
    const today = this.clock.today();
    const last = await this.db('scheduled_jobs').where({ name: 'reminders' }).first('last_run_on');
    if ((isoDay(last?.last_run_on ?? null) ?? '') >= today) return { ran: false, written: 0 };
    // Decided before the job's transaction (the completeness board reads the database on its own).
    const drafts = await this.remindersOf(today);
    return this.db.transaction(async (trx) => {
      // The instance that locks the job's row runs it; the others skip it rather than wait.
      const job = await trx('scheduled_jobs').where({ name: 'reminders' }).forUpdate().skipLocked().first();
      if (!job || (isoDay(job.last_run_on) ?? '') >= today) return { ran: false, written: 0 };
      const written = await this.mail.enqueue(trx, drafts);
      await trx('scheduled_jobs')
        .where({ name: 'reminders' })
        .update({ last_run_on: today, last_run_at: trx.fn.now(), last_outcome: `${written} courriel(s) écrit(s)` });
      return { ran: true, written };
    });
  }

  /** The reminders due on `day` (`YYYY-MM-DD`, Paris), one per recipient, each with its key. */
  async remindersOf(day: string): Promise<MailDraft[]> {
    const drafts: MailDraft[] = [];
    for (const due of await this.plan([day])) {
      const { unit, period, dueOn } = due;
      const link = `${this.publicUrl.replace(/\/+$/, '')}/saisie/${unit.id}/${period}`;
      for (const { r, copy } of due.recipients) {
        drafts.push({
          kind: due.kind,
          userId: r.id,
          to: r.email,
          unitId: unit.id,
          period,
          dedupeKey: `${due.kind}|${unit.id}|${period}|${day}|${r.id}`,
          ...reminderMail(due.kind, { unit, period, dueOn, days: due.days, link, toCoordination: copy }, { name: r.displayName }),
        });
      }
    }
    return drafts;
  }

  /**
   * The reminders the daily job will write over the next `MAIL_SCHEDULE_DAYS` days (today too while
   * today's job has not run), for one unit or all, if no form is submitted meanwhile: by the same
   * rules (`remindersDue`), with how many recipients each would reach today, preferences applied.
   */
  async schedule(query: MailScheduleQuery): Promise<MailSchedule> {
    const today = this.clock.today();
    const last = await this.db('scheduled_jobs').where({ name: 'reminders' }).first('last_run_on');
    const start = (isoDay(last?.last_run_on ?? null) ?? '') >= today ? addDays(today, 1) : today;
    const days = Array.from({ length: daysFrom(start, addDays(today, MAIL_SCHEDULE_DAYS)) + 1 }, (_, i) => addDays(start, i));
    const planned = await this.plan(days, query.unitId);
    // Preferences applied once for every (reminder, recipient): the outbox's own filter.
    const kept = await this.mail.receiving(
      this.db,
      planned.flatMap((due, index) => due.recipients.map(({ r }) => ({ kind: due.kind, userId: r.id, index }))),
    );
    const counts = new Map<number, number>();
    for (const k of kept) counts.set(k.index, (counts.get(k.index) ?? 0) + 1);
    const items: ScheduledReminder[] = planned.map((due, index) => ({ date: due.day, kind: due.kind, unit: due.unit, period: due.period, dueOn: due.dueOn, recipients: counts.get(index) ?? 0 }));
    items.sort((a, b) => a.date.localeCompare(b.date) || a.unit.code.localeCompare(b.unit.code) || a.period.localeCompare(b.period));
    return { from: start, to: addDays(today, MAIL_SCHEDULE_DAYS), items };
  }

  /** For each day and each expected form not submitted (of one unit, or all), the reminders due and their recipients. */
  private async plan(days: readonly string[], unitId?: number): Promise<PlannedReminder[]> {
    const trx = this.db;
    const campaigns = await trx('campaigns').where({ status: 'open' }).orderBy('year').select('id', 'year');
    const admins: Recipient[] = await trx('users').where({ role: 'admin', active: true }).orderBy('id').select('id', 'email', 'display_name as displayName');
    const leadsOf = new Map<number, Recipient[]>();
    const leads = async (id: number) => {
      if (!leadsOf.has(id)) {
        leadsOf.set(
          id,
          await trx('users as u')
            .join('user_units as uu', 'uu.user_id', 'u.id')
            .where({ 'uu.unit_id': id, 'u.role': 'unit_lead', 'u.active': true })
            .orderBy('u.id')
            .select('u.id', 'u.email', 'u.display_name as displayName'),
        );
      }
      return leadsOf.get(id)!;
    };
    const planned: PlannedReminder[] = [];
    for (const campaign of campaigns) {
      const opensOn = new Map(
        (await trx('campaign_periods').where({ campaign_id: campaign.id }).select('period', 'opens_on')).map((p) => [p.period as string, isoDay(p.opens_on)]),
      );
      const board = await this.completeness.forYear(systemActor('relances'), campaign.year);
      const units = new Map(board.units.map((u) => [u.id, u]));
      for (const cell of board.cells) {
        if (unitId !== undefined && cell.unitId !== unitId) continue;
        if (!cell.expected || !cell.dueOn || cell.status === 'submitted' || cell.status === 'validated') continue;
        const unit = units.get(cell.unitId)!;
        for (const day of days) {
          for (const due of remindersDue(day, { opensOn: opensOn.get(cell.period) ?? null, dueOn: cell.dueOn })) {
            const recipients = [...(await leads(unit.id)).map((r) => ({ r, copy: false })), ...(due.copyToCoordination ? admins.map((r) => ({ r, copy: true })) : [])];
            planned.push({ day, kind: due.kind, days: due.days, unit, period: cell.period, dueOn: cell.dueOn, recipients });
          }
        }
      }
    }
    return planned;
  }
}

interface PlannedReminder {
  readonly day: string;
  readonly kind: ReminderKind;
  readonly days: number;
  readonly unit: { readonly id: number; readonly code: string; readonly name: string };
  readonly period: string;
  readonly dueOn: string;
  readonly recipients: readonly { readonly r: Recipient; readonly copy: boolean }[];
}

/**
 * The rules, for one form not submitted on `day`: what is due that day.
 * - the day its period opens → `period.opened`;
 * - 7 days and 1 day before its due date → `reminder.due_soon`;
 * - the day after the due date, then every 7 days → `reminder.overdue`, copied to the coordination
 *   from the second.
 */
export function remindersDue(day: string, form: { readonly opensOn: string | null; readonly dueOn: string }): { kind: ReminderKind; days: number; copyToCoordination: boolean }[] {
  const due: { kind: ReminderKind; days: number; copyToCoordination: boolean }[] = [];
  const left = daysFrom(day, form.dueOn);
  if (form.opensOn === day && left >= 0) due.push({ kind: 'period.opened', days: left, copyToCoordination: false });
  if ((DUE_SOON_DAYS as readonly number[]).includes(left)) due.push({ kind: 'reminder.due_soon', days: left, copyToCoordination: false });
  if (left < 0 && (-left - 1) % 7 === 0) {
    const nth = (-left - 1) / 7 + 1;
    due.push({ kind: 'reminder.overdue', days: -left, copyToCoordination: nth >= 2 });
  }
  return due;
}

/** Whether it is 8 a.m. or later in Paris: reminders are written in working hours, not at midnight. */
export function parisMorning(now = new Date()): boolean {
  const hour = Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(now));
  return hour >= 8;
}

/** Tries the daily reminders every `everyMs` (they run once a day, from 8 a.m. Paris); returns the stop function. */
export function startReminderSchedule(reminders: CampaignReminders, everyMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  const tick = () => {
    if (running || !parisMorning()) return;
    running = true;
    reminders
      .runDue()
      .catch(onError)
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  setImmediate(tick);
  return () => clearInterval(timer);
}
