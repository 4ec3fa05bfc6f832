import type { Knex } from 'knex';
import {
  ACTIVITY_SECTION_KEYS,
  FINANCIAL_SECTION_KEYS,
  type ActivityNarratives,
  type FinancialNarratives,
  type PutReportNarrative,
  type ReportKind,
  type ReportNarrative,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, NotFoundError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { ReportRepository } from './report-repository.js';

const SECTIONS: Record<ReportKind, readonly string[]> = { activity: ACTIVITY_SECTION_KEYS, financial: FINANCIAL_SECTION_KEYS };

/**
 * The narrative of the annual reports: a short text per report, year and section (highlights,
 * explanation of variances), written by the coordination and the board. Saved with the version
 * read (409 when someone saved meanwhile); every change audited with the text before and after.
 */
export class ReportNarrativeService {
  private readonly repo = new ReportRepository();

  constructor(private readonly db: Knex) {}

  list(year: number, report?: ReportKind): Promise<ReportNarrative[]> {
    return this.repo.listNarratives(this.db, year, report);
  }

  /** The texts of a year as the documents take them (empty texts left out). */
  async forDocuments(year: number, db: Knex | Knex.Transaction = this.db): Promise<{ activity: ActivityNarratives; financial: FinancialNarratives }> {
    const rows = await this.repo.listNarratives(db, year);
    const pick = (report: ReportKind) =>
      Object.fromEntries(
        SECTIONS[report].flatMap((section) => {
          const body = rows.find((r) => r.report === report && r.section === section)?.body ?? '';
          return body === '' ? [] : [[section, body]];
        }),
      );
    return { activity: pick('activity') as ActivityNarratives, financial: pick('financial') as FinancialNarratives };
  }

  put(actor: Actor, year: number, report: ReportKind, section: string, input: PutReportNarrative): Promise<ReportNarrative> {
    if (!SECTIONS[report].includes(section)) throw new NotFoundError(formatMessage('reports.unknown_section', { section }));
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findNarrative(trx, year, report, section);
      const userId = actor.userId;
      if (!before) {
        if (input.version !== undefined) throw ConflictError.staleVersion('reports.narrative_stale');
        await this.repo.insertNarrative(trx, year, report, section, input.body, userId);
      } else {
        if (input.version === undefined || !(await this.repo.updateNarrative(trx, year, report, section, input.version, input.body, userId))) {
          throw ConflictError.staleVersion('reports.narrative_stale');
        }
      }
      const after = (await this.repo.findNarrative(trx, year, report, section))!;
      await recordAudit(trx, actor, {
        action: 'report_narrative.saved',
        entityType: 'report_narrative',
        entityId: `${year}/${report}/${section}`,
        before: before ?? null,
        after,
      });
      return after;
    });
  }
}
