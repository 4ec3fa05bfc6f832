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
import type { ApiRouter } from '../../http/api-router.js';
import type { DashboardService } from './dashboard-service.js';

const TAG = 'Tableaux de bord';

export function registerDashboardRoutes(api: ApiRouter, dashboards: DashboardService): void {
  api.add(
    {
      method: 'get',
      path: '/dashboards/unit-lead',
      tag: TAG,
      summary: 'Accueil d’un responsable de centre : campagne en cours, indicateurs clés contre la médiane du réseau, avertissements',
      description:
        'Toutes les valeurs du centre ; la médiane du réseau ne compte que des valeurs validées. Le responsable d’un centre ne voit que le sien ; la coordination voit tous les centres.',
      access: 'dashboards.unit',
      query: UnitLeadDashboardQuery,
      unitScope: ({ query }) => [query.unitId],
      response: { status: 200, description: 'Le tableau de bord du centre', schema: UnitLeadDashboard },
      errors: [404],
    },
    ({ actor, query }) => dashboards.unitLead(actor, query),
  );

  api.add(
    {
      method: 'get',
      path: '/dashboards/admin',
      tag: TAG,
      summary: 'Accueil de la coordination : complétude, retards, valeurs atypiques, totaux du réseau, résultats attendus, changements après validation',
      description: 'Toutes les valeurs, avec le chiffre des seules valeurs validées à côté. Filtres : année, période, centres (unitIds=1,2), domaine.',
      access: 'dashboards.network',
      query: AdminDashboardQuery,
      response: { status: 200, description: 'Le tableau de bord de la coordination', schema: AdminDashboard },
    },
    ({ actor, query }) => dashboards.admin(actor, query),
  );

  api.add(
    {
      method: 'get',
      path: '/dashboards/finance',
      tag: TAG,
      summary: 'Accueil des finances : exécution par enveloppe, financeur et ligne avec la ligne théorique, alertes, postes MIG H15, ETP par financeur et par mois',
      access: 'dashboards.finance',
      query: FinanceDashboardQuery,
      response: { status: 200, description: 'Le tableau de bord financier', schema: FinanceDashboard },
      errors: [404],
    },
    ({ actor, query }) => dashboards.finance(actor, query),
  );

  api.add(
    {
      method: 'get',
      path: '/dashboards/board',
      tag: TAG,
      summary: 'Accueil du bureau : chiffres clés de l’année contre l’année précédente, tendances d’activité, exécution budgétaire, rapports annuels',
      description: 'Valeurs validées seulement.',
      access: 'dashboards.board',
      query: BoardDashboardQuery,
      response: { status: 200, description: 'Le tableau de bord du bureau', schema: BoardDashboard },
    },
    ({ actor, query }) => dashboards.board(actor, query),
  );

  api.add(
    {
      method: 'get',
      path: '/dashboards/map',
      tag: TAG,
      summary: 'Carte de l’offre de soins : les centres, leur région, leurs dates et leurs chiffres clés de l’année',
      description: 'Chiffres clés calculés sur les seules valeurs validées.',
      access: 'dashboards.map',
      query: MapDashboardQuery,
      response: { status: 200, description: 'Les centres sur la carte', schema: MapDashboard },
    },
    ({ query }) => dashboards.map(query),
  );

  api.add(
    {
      method: 'get',
      path: '/dashboards/cost-per-activity',
      tag: TAG,
      summary: 'Coût par activité : euros payés par patient suivi, par consultation, par professionnel formé, pour le réseau et par résultat attendu',
      description: 'Crédits de paiement consommés de l’exercice ÷ valeurs validées ; par résultat attendu, les lignes des destinations qui le servent.',
      access: 'dashboards.finance',
      query: CostPerActivityQuery,
      response: { status: 200, description: 'Le coût par activité', schema: CostPerActivity },
      errors: [404],
    },
    ({ actor, query }) => dashboards.costPerActivity(query, actor),
  );
}
