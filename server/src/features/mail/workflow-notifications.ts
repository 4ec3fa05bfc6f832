import type { Knex } from 'knex';
import type { MailService } from './mail-service.js';
import { reportMail, workflowMail, type MailDraft, type ReportKind, type ReportMailFacts, type WorkflowKind, type WorkflowMailFacts } from './mail-templates.js';

type Recipient = { readonly id: number; readonly email: string; readonly displayName: string };

/**
 * Who hears of a step of the review workflow: a form submitted → the coordination (active
 * administrators); returned, validated, a value reopened → the unit's active leads.
 */
export class WorkflowNotifications {
  constructor(
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  async notify(trx: Knex.Transaction, kind: WorkflowKind, facts: Omit<WorkflowMailFacts, 'link'>): Promise<void> {
    const recipients = kind === 'submission.submitted' ? await coordination(trx) : await unitLeads(trx, facts.unit.id);
    const link = `${this.publicUrl.replace(/\/+$/, '')}/saisie/${facts.unit.id}/${facts.period}`;
    const drafts: MailDraft[] = recipients.map((r) => ({
      kind,
      userId: r.id,
      to: r.email,
      unitId: facts.unit.id,
      period: facts.period,
      ...workflowMail(kind, { ...facts, link }, { name: r.displayName }),
    }));
    await this.mail.enqueue(trx, drafts);
  }
}

/** An official version of the annual reports presented or approved → the board and the coordination. */
export class ReportNotifications {
  constructor(
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  async notify(trx: Knex.Transaction, kind: ReportKind, facts: Omit<ReportMailFacts, 'link'>): Promise<void> {
    const recipients: Recipient[] = await trx('users').whereIn('role', ['admin', 'board']).andWhere({ active: true }).orderBy('id').select('id', 'email', 'display_name as displayName');
    const link = `${this.publicUrl.replace(/\/+$/, '')}/rapports`;
    await this.mail.enqueue(
      trx,
      recipients.map((r) => ({ kind, userId: r.id, to: r.email, unitId: null, period: null, ...reportMail(kind, { ...facts, link }, { name: r.displayName }) })),
    );
  }
}

async function coordination(db: Knex.Transaction): Promise<Recipient[]> {
  return db('users').where({ role: 'admin', active: true }).orderBy('id').select('id', 'email', 'display_name as displayName');
}

async function unitLeads(db: Knex.Transaction, unitId: number): Promise<Recipient[]> {
  return db('users as u')
    .join('user_units as uu', 'uu.user_id', 'u.id')
    .where({ 'uu.unit_id': unitId, 'u.role': 'unit_lead', 'u.active': true })
    .orderBy('u.id')
    .select('u.id', 'u.email', 'u.display_name as displayName');
}
