import { z } from 'zod';
import { Commune, CommuneCodeParams, CommuneSearchQuery, formatMessage } from '@cn2r/shared';
import { NotFoundError } from '../../errors/http-errors.js';
import type { ApiRouter } from '../../http/api-router.js';
import type { CommuneDirectory } from './commune-directory.js';

/** The communes directory, for the care-offer form: find a commune by name, or read a code's. */
export function registerCommuneRoutes(api: ApiRouter, communes: CommuneDirectory): void {
  const tag = 'Offre de soins';
  api.add(
    {
      method: 'get',
      path: '/communes',
      tag,
      summary: 'Chercher une commune par son nom ou son code INSEE (Code officiel géographique), 10 au plus',
      access: 'careOffer.propose',
      query: CommuneSearchQuery,
      response: { status: 200, description: 'Les communes trouvées, la plus proche du texte d’abord', schema: z.array(Commune) },
    },
    ({ query }) => communes.search(query.q),
  );
  api.add(
    {
      method: 'get',
      path: '/communes/:code',
      tag,
      summary: 'La commune d’un code INSEE',
      access: 'careOffer.propose',
      params: CommuneCodeParams,
      response: { status: 200, description: 'La commune', schema: Commune },
      errors: [404],
    },
    ({ params }) => {
      const commune = communes.find(params.code);
      if (!commune) throw new NotFoundError(formatMessage('commune.unknown_code', { code: params.code }));
      return commune;
    },
  );
}
