import { BudgetComparisonQuery, BudgetEntryQuery, ExecutionQuery, StaffYearParams, YearParams } from '@cn2r/shared';
import { buildTableWorkbook, tableFileName, type TableSheet } from '@cn2r/reports';
import type { Response } from 'express';
import type { ApiRouter } from '../../../http/api-router.js';
import type { Clock } from '../../../clock.js';
import type { BudgetServices } from '../budget-services.js';
import { staffView } from '../personnel-disclosure.js';
import type { StaffService } from '../../staff/index.js';
import { commitmentsSheet, comparisonSheets, executionSheets, paymentsSheet, staffSheets } from './budget-tables.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sendWorkbook(res: Response, title: string, generatedAt: string, sheets: TableSheet[]): Promise<void> {
  const bytes = await buildTableWorkbook({ title, generatedAt, sheets });
  res.status(200).type(XLSX).attachment(tableFileName(title)).send(bytes);
}

/** The latest creation time of a list of entries (the workbook's date), or the start of the year. */
const latest = (year: number, items: readonly { createdAt: string }[]) => items.reduce((max, i) => (i.createdAt > max ? i.createdAt : max), `${year}-01-01T00:00:00.000Z`);

/**
 * Excel downloads of the budget's and the staff's tables (the table workbook of `reports/`): the
 * same figures and the same access as the JSON routes. The workbook is dated from its data, so
 * the same data downloads as the same bytes.
 */
export function registerBudgetExportRoutes(api: ApiRouter, budget: BudgetServices, staff: StaffService, clock: Clock): void {
  const tag = 'Budget';
  const xlsx = (description: string) => ({ status: 200, description, contentType: XLSX });

  api.add(
    {
      method: 'get',
      path: '/budget/:year/execution.xlsx',
      tag,
      summary: 'Exécution d’un exercice en Excel : une feuille par ligne, enveloppe, source de financement et destination, avec totaux',
      access: 'budget.read',
      params: YearParams,
      query: ExecutionQuery,
      response: xlsx('Le classeur (.xlsx)'),
      errors: [404],
    },
    async ({ actor, params, query, res }) => {
      const asOf = query.asOf ?? clock.today();
      const [execution, sources] = await Promise.all([budget.execution.execution(params.year, asOf, staffView(actor)), budget.reference.listFundingSources()]);
      await sendWorkbook(res, `Exécution ${params.year} au ${asOf}`, `${asOf}T00:00:00.000Z`, executionSheets(execution, sources));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/budget/commitments.xlsx',
      tag,
      summary: 'Engagements d’un exercice en Excel (écritures d’annulation comprises), avec totaux',
      access: 'budget.read',
      query: BudgetEntryQuery,
      response: xlsx('Le classeur (.xlsx)'),
    },
    async ({ actor, query, res }) => {
      const [commitments, lines] = await Promise.all([budget.entries.listCommitments(query.year, query.lineId, staffView(actor)), budget.reference.listLines(query.year)]);
      await sendWorkbook(res, `Engagements ${query.year}`, latest(query.year, commitments), [commitmentsSheet(query.year, commitments, lines)]);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/budget/payments.xlsx',
      tag,
      summary: 'Paiements d’un exercice en Excel (écritures d’annulation comprises), avec totaux',
      access: 'budget.read',
      query: BudgetEntryQuery,
      response: xlsx('Le classeur (.xlsx)'),
    },
    async ({ actor, query, res }) => {
      const [payments, lines] = await Promise.all([budget.entries.listPayments(query.year, query.lineId, staffView(actor)), budget.reference.listLines(query.year)]);
      await sendWorkbook(res, `Paiements ${query.year}`, latest(query.year, payments), [paymentsSheet(query.year, payments, lines)]);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/budget/comparison.xlsx',
      tag,
      summary: 'Comparaison pluriannuelle en Excel : une feuille par enveloppe, source de financement, destination et ligne',
      access: 'budget.read',
      query: BudgetComparisonQuery,
      response: xlsx('Le classeur (.xlsx)'),
      errors: [404],
    },
    async ({ actor, query, res }) => {
      const comparison = await budget.execution.comparison(query.from, query.to, staffView(actor));
      await sendWorkbook(res, `Comparaison budgétaire ${query.from}-${query.to}`, `${query.to}-12-31T00:00:00.000Z`, comparisonSheets(comparison));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/staff/:year/summary.xlsx',
      tag: 'Personnels et ETP',
      summary: 'Synthèse des personnels de l’année en Excel : par ligne, financeur, destination, postes MIG H15, mises à disposition ; par personne pour les finances et les administrateurs',
      description: 'Le conseil (board) reçoit les agrégats seulement, comme dans la synthèse JSON : pas de feuille par personne.',
      access: 'staff.read',
      params: StaffYearParams,
      response: xlsx('Le classeur (.xlsx)'),
    },
    async ({ actor, params, res }) => {
      const summary = await staff.summary(actor, params.year);
      await sendWorkbook(res, `Personnels ${params.year}`, `${params.year}-12-31T00:00:00.000Z`, staffSheets(summary));
    },
  );
}
