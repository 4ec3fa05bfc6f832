import { BudgetYearQuery, CreateFundingReceipt, FundingReceipt, IdParams, OpeningCash, PutOpeningCash, ReceiptsOfYear, ReverseEntry, YearParams } from '@cn2r/shared';
import type { ApiRouter } from '../../../http/api-router.js';
import { staffView } from '../personnel-disclosure.js';
import type { ReceiptService } from './receipt-service.js';

/** Receipts (recettes encaissées): a year's receipts per source, record one, reverse one; the cash position on 1 January. */
export function registerReceiptRoutes(api: ApiRouter, receipts: ReceiptService): void {
  const tag = 'Budget';
  api.add(
    {
      method: 'get',
      path: '/budget/receipts',
      tag,
      summary: 'Recettes encaissées d’un exercice, par source notifiée (notifié, encaissé, reste à encaisser)',
      access: 'budget.read',
      query: BudgetYearQuery,
      response: { status: 200, description: 'Les recettes de l’exercice par source', schema: ReceiptsOfYear },
      errors: [404],
    },
    ({ actor, query }) => receipts.ofYear(query.year, staffView(actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/receipts',
      tag,
      summary: 'Enregistrer une recette encaissée (l’exercice est celui de sa date ; la source doit avoir un montant notifié cette année-là)',
      access: 'budget.write',
      body: CreateFundingReceipt,
      response: { status: 201, description: 'La recette', schema: FundingReceipt },
      errors: [404, 409],
    },
    ({ actor, body }) => receipts.create(actor, body),
  );
  api.add(
    {
      method: 'post',
      path: '/budget/receipts/:id/reversals',
      tag,
      summary: 'Annuler tout ou partie d’une recette par une écriture négative motivée',
      access: 'budget.write',
      params: IdParams,
      body: ReverseEntry,
      response: { status: 201, description: 'L’écriture d’annulation', schema: FundingReceipt },
      errors: [404, 409],
    },
    ({ actor, params, body }) => receipts.reverse(actor, params.id, body),
  );
  api.add(
    {
      method: 'put',
      path: '/budget/fiscal-years/:year/opening-cash',
      tag,
      summary: 'Saisir ou corriger la trésorerie au 1er janvier d’un exercice ouvert (avec la version lue quand elle existe déjà)',
      access: 'budget.write',
      params: YearParams,
      body: PutOpeningCash,
      response: { status: 200, description: 'La trésorerie au 1er janvier', schema: OpeningCash },
      errors: [404, 409],
    },
    ({ actor, params, body }) => receipts.putOpeningCash(actor, params.year, body),
  );
}
