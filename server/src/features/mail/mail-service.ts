import type { Knex } from 'knex';
import { mailKindMandatory, type MailKind, type OutboxPage, type OutboxQuery, type Role } from '@cn2r/shared';
import type { MailDraft } from './mail-templates.js';
import type { MailTransport } from './mail-transport.js';
import { OutboxRepository } from './outbox-repository.js';

export interface MailSettings {
  /** The sender: `MAIL_FROM`. */
  readonly from: string;
  /** Delays before each retry of a failed send, in seconds; after the last one the message is `failed`. */
  readonly retrySeconds: readonly number[];
}

/**
 * The outbox and its sending. A message is written in the transaction of what caused it (a form
 * returned and its e-mail commit together, or neither); without an SMTP transport it stays in the
 * outbox for the admin to read, with one it is `pending` until `sendDue` sends it — from any server
 * instance, once — or retries it with the configured delays, then marks it `failed` with the error.
 */
export class MailService {
  private readonly repo = new OutboxRepository();

  constructor(
    private readonly db: Knex,
    private readonly transport: MailTransport | null,
    private readonly settings: MailSettings,
  ) {}

  get smtp(): boolean {
    return this.transport !== null;
  }

  /**
   * Stores the messages in the caller's transaction (none already written under its dedupe key, none
   * to a user who turned its kind off — see `receiving`); returns how many were written.
   */
  async enqueue(trx: Knex.Transaction, drafts: readonly MailDraft[]): Promise<number> {
    return this.repo.insert(trx, await this.receiving(trx, drafts), this.transport ? 'pending' : 'outbox');
  }

  /**
   * The one place where the users' e-mail preferences apply: keeps the items whose user has not
   * turned their kind off on « Mon compte », or for whom the kind is mandatory (a security e-mail;
   * the overdue reminders for a unit lead — by the user's role today). An item with no user (an
   * address outside the application) is kept.
   */
  async receiving<T extends { readonly kind: MailKind; readonly userId: number | null }>(db: Knex | Knex.Transaction, items: readonly T[]): Promise<T[]> {
    const userIds = [...new Set(items.map((i) => i.userId).filter((id): id is number => id !== null))];
    if (userIds.length === 0) return [...items];
    const rows: { user_id: number; kind: string; role: Role }[] = await db('mail_opt_outs as o').join('users as u', 'u.id', 'o.user_id').whereIn('o.user_id', userIds).select('o.user_id', 'o.kind', 'u.role');
    if (rows.length === 0) return [...items];
    const off = new Set(rows.filter((r) => !mailKindMandatory(r.role, r.kind as MailKind)).map((r) => `${r.user_id}|${r.kind}`));
    return items.filter((i) => i.userId === null || !off.has(`${i.userId}|${i.kind}`));
  }

  async page(query: OutboxQuery): Promise<OutboxPage> {
    return { ...(await this.repo.page(this.db, query)), smtp: this.smtp };
  }

  /**
   * Sends the messages due, one transaction each (the row stays locked while it is sent, so no
   * other instance sends it too). Returns how many were tried.
   */
  async sendDue(limit = 50): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    let tried = 0;
    while (tried < limit) {
      const done = await this.db.transaction(async (trx) => {
        const row = await this.repo.claimDue(trx);
        if (!row) return false;
        try {
          await transport.send({ from: this.settings.from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
          await this.repo.markSent(trx, Number(row.id));
        } catch (error) {
          const retry = this.settings.retrySeconds[row.attempts] ?? null;
          await this.repo.markFailed(trx, Number(row.id), error instanceof Error ? error.message : String(error), retry);
        }
        return true;
      });
      if (!done) break;
      tried++;
    }
    return tried;
  }
}

/** Sends what is due every `everyMs`, while the server runs; returns the stop function. */
export function startMailSender(mail: MailService, everyMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    mail
      .sendDue()
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
