import {
  AdminDashboard,
  AdminDashboardQuery,
  BoardDashboard,
  BoardDashboardQuery,
  CostPerActivity,
  CostPerActivityQuery,
  FinanceDashboard,
  FinanceDashboardQuery,
  MapDashboard,
  MapDashboardQuery,
  UnitLeadDashboard,
  UnitLeadDashboardQuery,
} from '@cn2r/shared';
import type { Request, Response } from 'express';
import { checkReply, type ApiRouter, type RouteSpec } from '../../http/api-router.js';
import type { Actor } from '../auth/actor.js';
import type { DashboardService, ServedKind } from './dashboard-service.js';

const TAG = 'Tableaux de bord';
const REVALIDATE = ' Servi depuis le cache tant que les données lues n’ont pas changé ; en-tête ETag : avec If-None-Match, 304 sans corps quand rien n’a changé.';

/**
 * The handler of a dashboard route: the dashboard's JSON from the cache, with its ETag; 304 when
 * the browser's copy (If-None-Match) is current. `private, no-cache`: the browser keeps its copy
 * but asks each time (a write shows on the next request), no shared cache keeps it.
 */
function served(dashboards: DashboardService, kind: ServedKind, spec: Pick<RouteSpec, 'method' | 'path' | 'response'>) {
  return async ({ req, res, actor, query }: { req: Request; res: Response; actor: Actor; query: unknown }): Promise<void> => {
    const { json, etag } = await dashboards.served(kind, actor, query as Parameters<DashboardService['served']>[2], (value) => checkReply(spec, value), req.dataVersions);
    res.set('Cache-Control', 'private, no-cache').set('ETag', etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').send(json);
  };
}

export function registerDashboardRoutes(api: ApiRouter, dashboards: DashboardService): void {
  const unitLead = {
    method: 'get',
    path: '/dashboards/unit-lead',
    tag: TAG,
    summary: 'Accueil d’un responsable de centre : campagne en cours, indicateurs clés contre la médiane du réseau, avertissements',
    description:
      'Toutes les valeurs du centre ; la médiane du réseau ne compte que des valeurs validées. Le responsable d’un centre ne voit que le sien ; la coordination voit tous les centres.' + REVALIDATE,
    access: 'dashboards.unit',
    query: UnitLeadDashboardQuery,
    unitScope: ({ query }: { query: UnitLeadDashboardQuery }) => [query.unitId],
    response: { status: 200, description: 'Le tableau de bord du centre', schema: UnitLeadDashboard, raw: true },
    errors: [404],
  } as const;
  api.add(unitLead, served(dashboards, 'unit-lead', unitLead));

  const admin = {
    method: 'get',
    path: '/dashboards/admin',
    tag: TAG,
    summary: 'Accueil de la coordination : complétude, retards, valeurs atypiques, totaux du réseau, résultats attendus, changements après validation',
    description: 'Toutes les valeurs, avec le chiffre des seules valeurs validées à côté. Filtres : année, période, centres (unitIds=1,2), domaine.' + REVALIDATE,
    access: 'dashboards.network',
    query: AdminDashboardQuery,
    response: { status: 200, description: 'Le tableau de bord de la coordination', schema: AdminDashboard, raw: true },
  } as const;
  api.add(admin, served(dashboards, 'admin', admin));

  const finance = {
    method: 'get',
    path: '/dashboards/finance',
    tag: TAG,
    summary: 'Accueil des finances : exécution par enveloppe, financeur et ligne avec la ligne théorique, alertes, postes MIG H15, ETP par financeur et par mois',
    description: REVALIDATE.trim(),
    access: 'dashboards.finance',
    query: FinanceDashboardQuery,
    response: { status: 200, description: 'Le tableau de bord financier', schema: FinanceDashboard, raw: true },
    errors: [404],
  } as const;
  api.add(finance, served(dashboards, 'finance', finance));

  const board = {
    method: 'get',
    path: '/dashboards/board',
    tag: TAG,
    summary: 'Accueil du bureau : chiffres clés de l’année contre l’année précédente, tendances d’activité, exécution budgétaire, rapports annuels',
    description: 'Valeurs validées seulement.' + REVALIDATE,
    access: 'dashboards.board',
    query: BoardDashboardQuery,
    response: { status: 200, description: 'Le tableau de bord du bureau', schema: BoardDashboard, raw: true },
  } as const;
  api.add(board, served(dashboards, 'board', board));

  const map = {
    method: 'get',
    path: '/dashboards/map',
    tag: TAG,
    summary: 'Carte de l’offre de soins : les centres, leur région, leurs dates et leurs chiffres clés de l’année',
    description: 'Chiffres clés calculés sur les seules valeurs validées.' + REVALIDATE,
    access: 'dashboards.map',
    query: MapDashboardQuery,
    response: { status: 200, description: 'Les centres sur la carte', schema: MapDashboard, raw: true },
  } as const;
  api.add(map, served(dashboards, 'map', map));

  const costPerActivity = {
    method: 'get',
    path: '/dashboards/cost-per-activity',
    tag: TAG,
    summary: 'Coût par activité : euros payés par patient suivi, par consultation, par professionnel formé, pour le réseau et par résultat attendu',
    description: 'Crédits de paiement consommés de l’exercice ÷ valeurs validées ; par résultat attendu, les lignes des destinations qui le servent.' + REVALIDATE,
    access: 'dashboards.finance',
    query: CostPerActivityQuery,
    response: { status: 200, description: 'Le coût par activité', schema: CostPerActivity, raw: true },
    errors: [404],
  } as const;
  api.add(costPerActivity, served(dashboards, 'cost-per-activity', costPerActivity));
}
