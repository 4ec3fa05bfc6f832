import type { Knex } from 'knex';
import type { AuditEntry, AuditQuery } from '@cn2r/shared';
import { AuditRepository } from './audit-repository.js';

/** Reading the audit log (written only by `recordAudit`, inside each change's transaction). */
export class AuditService {
  private readonly audit = new AuditRepository();

  constructor(private readonly db: Knex) {}

  page(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    return this.audit.page(this.db, query);
  }

  all(query: Omit<AuditQuery, 'limit' | 'offset'>): AsyncGenerator<AuditEntry> {
    return this.audit.all(this.db, query);
  }
}
