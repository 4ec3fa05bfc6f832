import { z } from 'zod';
import {
  AdoptBudgetDecision,
  BudgetComparison,
  BudgetComparisonQuery,
  BudgetDecision,
  BudgetEntryQuery,
  BudgetExecution,
  BudgetLine,
  BudgetYearQuery,
  Commitment,
  CreateBudgetDecision,
  CreateBudgetLine,
  CreateCommitment,
  CreateFiscalYear,
  CreateFundingSource,
  CreatePayment,
  ExecutionQuery,
  FiscalYear,
  FundingNotification,
  FundingNotificationParams,
  FundingSource,
  IdParams,
  LineForecast,
  Payment,
  PutFundingNotification,
  PutLineForecast,
  ReferenceItem,
  ReverseEntry,
  UpdateBudgetDecision,
  UpdateBudgetLine,
  UpdateFiscalYear,
  UpdateFundingSource,
  WithdrawLineForecast,
  YearParams,
} from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { BudgetServices } from './budget-services.js';
import { staffView } from './personnel-disclosure.js';

/**
 * The budget (GBCP): fiscal years, funding sources and notified amounts, lines, decisions (BI, BR,
 * transfers) and their adoption, commitments and payments with their reversals, execution. No
 * route deletes: a correction is a new decision or a reversal entry.
 */
export function registerBudgetRoutes(api: ApiRouter, budget: BudgetServices): void {
  const tag = 'Budget';

  // ---- Fiscal years and reference data ----
  api.add(
    {
      method: 'get',
      path: '/budget/fiscal-years',
      tag,
      summary: 'Lister les exercices budgétaires',
      access: 'budget.read',
      response: { status: 200, description: 'Les exercices', schema: z.array(FiscalYear) },
    },
    () => budget.reference.listFiscalYears(),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/fiscal-years',
      tag,
      summary: 'Ouvrir un exercice',
      access: 'budget.write',
      body: CreateFiscalYear,
      response: { status: 201, description: 'L’exercice ouvert', schema: FiscalYear },
      errors: [409],
    },
    ({ actor, body }) => budget.reference.createFiscalYear(actor, body.year),
  );
  api.add(
    {
      method: 'patch',
      path: '/budget/fiscal-years/:year',
      tag,
      summary: 'Clore (lecture seule) ou rouvrir un exercice, avec la version lue',
      access: 'budget.write',
      params: YearParams,
      body: UpdateFiscalYear,
      response: { status: 200, description: 'L’exercice', schema: FiscalYear },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.reference.updateFiscalYear(actor, params.year, body),
  );
  api.add(
    {
      method: 'get',
      path: '/budget/reference-data',
      tag,
      summary: 'Enveloppes et destinations (données de référence)',
      access: 'budget.read',
      response: { status: 200, description: 'Les enveloppes et les destinations', schema: z.object({ envelopes: z.array(ReferenceItem), missionAreas: z.array(ReferenceItem) }) },
    },
    () => budget.reference.referenceData(),
  );

  // ---- Funding sources ----
  api.add(
    {
      method: 'get',
      path: '/budget/funding-sources',
      tag,
      summary: 'Lister les sources de financement et leurs montants notifiés',
      access: 'budget.read',
      response: { status: 200, description: 'Les sources de financement', schema: z.array(FundingSource) },
    },
    ({ actor }) => budget.reference.listFundingSources(staffView(actor)),
  );
  api.add(
    {
      method: 'get',
      path: '/budget/funding-sources/:id',
      tag,
      summary: 'Lire une source de financement',
      access: 'budget.read',
      params: IdParams,
      response: { status: 200, description: 'La source de financement', schema: FundingSource },
      errors: [404],
    },
    ({ actor, params }) => budget.reference.getFundingSource(params.id, staffView(actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/funding-sources',
      tag,
      summary: 'Créer une source de financement',
      access: 'budget.write',
      body: CreateFundingSource,
      response: { status: 201, description: 'La source créée', schema: FundingSource },
      errors: [409],
    },
    ({ actor, body }) => budget.reference.createFundingSource(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/budget/funding-sources/:id',
      tag,
      summary: 'Modifier une source de financement, avec la version lue',
      access: 'budget.write',
      params: IdParams,
      body: UpdateFundingSource,
      response: { status: 200, description: 'La source modifiée', schema: FundingSource },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.reference.updateFundingSource(actor, params.id, body),
  );
  api.add(
    {
      method: 'put',
      path: '/budget/funding-sources/:id/notifications/:year',
      tag,
      summary: 'Enregistrer le montant notifié d’une année (arrêté, convention)',
      access: 'budget.write',
      params: FundingNotificationParams,
      body: PutFundingNotification,
      response: { status: 200, description: 'Le montant notifié', schema: FundingNotification },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.reference.putNotification(actor, params.id, params.year, body),
  );

  // ---- Lines ----
  api.add(
    {
      method: 'get',
      path: '/budget/lines',
      tag,
      summary: 'Lister les lignes budgétaires d’un exercice',
      access: 'budget.read',
      query: BudgetYearQuery,
      response: { status: 200, description: 'Les lignes, par code', schema: z.array(BudgetLine) },
    },
    ({ query }) => budget.reference.listLines(query.year),
  );
  api.add(
    {
      method: 'get',
      path: '/budget/lines/:id',
      tag,
      summary: 'Lire une ligne budgétaire',
      access: 'budget.read',
      params: IdParams,
      response: { status: 200, description: 'La ligne', schema: BudgetLine },
      errors: [404],
    },
    ({ params }) => budget.reference.getLine(params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/lines',
      tag,
      summary: 'Créer une ligne budgétaire',
      access: 'budget.write',
      body: CreateBudgetLine,
      response: { status: 201, description: 'La ligne créée', schema: BudgetLine },
      errors: [404, 409],
    },
    ({ actor, body }) => budget.reference.createLine(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/budget/lines/:id',
      tag,
      summary: 'Modifier une ligne budgétaire, avec la version lue',
      access: 'budget.write',
      params: IdParams,
      body: UpdateBudgetLine,
      response: { status: 200, description: 'La ligne modifiée', schema: BudgetLine },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.reference.updateLine(actor, params.id, body),
  );

  // ---- Decisions ----
  api.add(
    {
      method: 'get',
      path: '/budget/decisions',
      tag,
      summary: 'Lister les décisions budgétaires d’un exercice (BI, BR, virements)',
      access: 'budget.read',
      query: BudgetYearQuery,
      response: { status: 200, description: 'Les décisions, par date', schema: z.array(BudgetDecision) },
    },
    ({ query }) => budget.decisions.listDecisions(query.year),
  );
  api.add(
    {
      method: 'get',
      path: '/budget/decisions/:id',
      tag,
      summary: 'Lire une décision budgétaire',
      access: 'budget.read',
      params: IdParams,
      response: { status: 200, description: 'La décision', schema: BudgetDecision },
      errors: [404],
    },
    ({ params }) => budget.decisions.getDecision(params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/decisions',
      tag,
      summary: 'Préparer une décision budgétaire (brouillon)',
      access: 'budget.write',
      body: CreateBudgetDecision,
      response: { status: 201, description: 'La décision en brouillon', schema: BudgetDecision },
      errors: [404, 409],
    },
    ({ actor, body }) => budget.decisions.createDecision(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/budget/decisions/:id',
      tag,
      summary: 'Modifier une décision en brouillon, avec la version lue',
      access: 'budget.write',
      params: IdParams,
      body: UpdateBudgetDecision,
      response: { status: 200, description: 'La décision modifiée', schema: BudgetDecision },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.decisions.updateDecision(actor, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/decisions/:id/adopt',
      tag,
      summary: 'Adopter une décision : ses règles vérifiées, ses crédits ouverts',
      description:
        'Refusée si, en personnel, AE ≠ CP ; si un virement n’est pas à somme nulle ou prend à une autre enveloppe que le personnel ; si une ligne passait sous ce qui est engagé (AE) ou payé (CP).',
      access: 'budget.write',
      params: IdParams,
      body: AdoptBudgetDecision,
      response: { status: 200, description: 'La décision adoptée', schema: BudgetDecision },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.decisions.adoptDecision(actor, params.id, body),
  );

  // ---- Commitments ----
  api.add(
    {
      method: 'get',
      path: '/budget/commitments',
      tag,
      summary: 'Lister les engagements d’un exercice (écritures d’annulation comprises)',
      access: 'budget.read',
      query: BudgetEntryQuery,
      response: { status: 200, description: 'Les engagements, par date', schema: z.array(Commitment) },
    },
    ({ actor, query }) => budget.entries.listCommitments(query.year, query.lineId, staffView(actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/commitments',
      tag,
      summary: 'Enregistrer un engagement (consomme des AE ; bloqué au-delà des AE disponibles)',
      access: 'budget.write',
      body: CreateCommitment,
      response: { status: 201, description: 'L’engagement', schema: Commitment },
      errors: [404, 409],
    },
    ({ actor, body }) => budget.entries.createCommitment(actor, body),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/commitments/:id/reversals',
      tag,
      summary: 'Annuler tout ou partie d’un engagement par une écriture négative motivée',
      access: 'budget.write',
      params: IdParams,
      body: ReverseEntry,
      response: { status: 201, description: 'L’écriture d’annulation', schema: Commitment },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.entries.reverseCommitment(actor, params.id, body),
  );

  // ---- Payments ----
  api.add(
    {
      method: 'get',
      path: '/budget/payments',
      tag,
      summary: 'Lister les paiements d’un exercice (écritures d’annulation comprises)',
      access: 'budget.read',
      query: BudgetEntryQuery,
      response: { status: 200, description: 'Les paiements, par date', schema: z.array(Payment) },
    },
    ({ actor, query }) => budget.entries.listPayments(query.year, query.lineId, staffView(actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/payments',
      tag,
      summary: 'Enregistrer un paiement (consomme des CP ; jamais au-delà du reste à payer de son engagement)',
      access: 'budget.write',
      body: CreatePayment,
      response: { status: 201, description: 'Le paiement', schema: Payment },
      errors: [404, 409],
    },
    ({ actor, body }) => budget.entries.createPayment(actor, body),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/payments/:id/reversals',
      tag,
      summary: 'Annuler tout ou partie d’un paiement par une écriture négative motivée',
      access: 'budget.write',
      params: IdParams,
      body: ReverseEntry,
      response: { status: 201, description: 'L’écriture d’annulation', schema: Payment },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.entries.reversePayment(actor, params.id, body),
  );

  // ---- Execution ----
  api.add(
    {
      method: 'get',
      path: '/budget/:year/execution',
      tag,
      summary: 'Exécution d’un exercice : par ligne, enveloppe, source de financement et destination',
      description:
        'Ouvert (AE, CP), engagé, payé, reste, taux d’exécution et taux théorique (part de l’année écoulée à la date `asOf`, aujourd’hui par défaut), alertes : au-delà de 100 % (bloquant), de 90 % (avertissement), sous-exécution après le troisième trimestre (engagements ou paiements à plus de 25 points sous le taux théorique).',
      access: 'budget.read',
      params: YearParams,
      query: ExecutionQuery,
      response: { status: 200, description: 'L’exécution', schema: BudgetExecution },
      errors: [404],
    },
    ({ actor, params, query }) => budget.execution.execution(params.year, query.asOf, staffView(actor)),
  );

  // ---- Manual year-end forecasts (atterrissage) ----
  api.add(
    {
      method: 'put',
      path: '/budget/lines/:id/forecast',
      tag,
      summary: 'Saisir l’atterrissage d’une ligne (paiements prévus à la fin de l’exercice), avec un commentaire obligatoire',
      description:
        'Sans `version` la première fois, puis avec la version lue (409 si elle est périmée). L’atterrissage saisi remplace la projection au rythme actuel dans l’exécution, qui montre les deux. Refusé sur un exercice clos.',
      access: 'budget.write',
      params: IdParams,
      body: PutLineForecast,
      response: { status: 200, description: 'L’atterrissage enregistré', schema: LineForecast },
      errors: [404, 409],
    },
    ({ actor, params, body }) => budget.execution.putForecast(actor, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/lines/:id/forecast/withdrawal',
      tag,
      summary: 'Retirer l’atterrissage saisi d’une ligne (la projection au rythme actuel reprend), avec la version lue',
      access: 'budget.write',
      params: IdParams,
      body: WithdrawLineForecast,
      response: { status: 204, description: 'Atterrissage retiré' },
      errors: [404, 409],
    },
    async ({ actor, params, body }) => {
      await budget.execution.withdrawForecast(actor, params.id, body.version);
    },
  );

  // ---- Multi-year comparison ----
  api.add(
    {
      method: 'get',
      path: '/budget/comparison',
      tag,
      summary: 'Comparaison pluriannuelle : ouvert, engagé, payé et taux de chaque exercice, par ligne (même code), enveloppe, source de financement et destination',
      description: 'Les exercices existants de `from` à `to` (dix au plus), chacun à sa fin d’année ; 404 si aucun n’existe.',
      access: 'budget.read',
      query: BudgetComparisonQuery,
      response: { status: 200, description: 'La comparaison', schema: BudgetComparison },
      errors: [404],
    },
    ({ actor, query }) => budget.execution.comparison(query.from, query.to, staffView(actor)),
  );
}
