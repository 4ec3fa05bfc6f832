import { Completeness, CompletenessQuery } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { CompletenessService } from './completeness-service.js';

export function registerCompletenessRoutes(api: ApiRouter, completeness: CompletenessService): void {
  api.add(
    {
      method: 'get',
      path: '/completeness',
      tag: 'Saisie des indicateurs',
      summary: 'Complétude d’une campagne : centres × périodes, retards, textes de relance',
      description: 'Un responsable de centre ne reçoit que les lignes de ses centres.',
      access: 'completeness.read',
      query: CompletenessQuery,
      response: { status: 200, description: 'Le tableau de complétude', schema: Completeness },
      errors: [404],
    },
    ({ actor, query }) => completeness.forYear(actor, query.year),
  );
}
