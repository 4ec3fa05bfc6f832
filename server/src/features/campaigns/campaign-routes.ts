import { z } from 'zod';
import { Campaign, CampaignParams, CreateCampaign, ExtensionParams, PutExtension, UpdateCampaign } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { CampaignService } from './campaign-service.js';

/** Yearly collection campaigns, their periods and deadlines, and per-unit extensions. */
export function registerCampaignRoutes(api: ApiRouter, campaigns: CampaignService): void {
  const tag = 'Campagnes';

  api.add(
    {
      method: 'get',
      path: '/campaigns',
      tag,
      summary: 'Lister les campagnes, la plus récente d’abord',
      access: 'campaigns.read',
      response: { status: 200, description: 'Les campagnes, avec leurs périodes et prolongations', schema: z.array(Campaign) },
    },
    () => campaigns.list(),
  );
  api.add(
    {
      method: 'get',
      path: '/campaigns/:id',
      tag,
      summary: 'Lire une campagne',
      access: 'campaigns.read',
      params: CampaignParams,
      response: { status: 200, description: 'La campagne', schema: Campaign },
      errors: [404],
    },
    ({ params }) => campaigns.get(params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/campaigns',
      tag,
      summary: 'Créer la campagne d’une année (en préparation)',
      description:
        'Sans `periods` : les quatre trimestres et l’année (et les douze mois si un indicateur en vigueur est mensuel), chacun ouvert dès son premier jour ; échéance 30 jours après la fin de la période, 60 jours pour l’année.',
      access: 'campaigns.manage',
      body: CreateCampaign,
      response: { status: 201, description: 'La campagne créée', schema: Campaign },
      errors: [409],
    },
    ({ actor, body }) => campaigns.create(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/campaigns/:id',
      tag,
      summary: 'Modifier une campagne : libellé, statut (ouverture, clôture, réouverture), périodes ; avec la version lue',
      access: 'campaigns.manage',
      params: CampaignParams,
      body: UpdateCampaign,
      response: { status: 200, description: 'La campagne modifiée', schema: Campaign },
      errors: [404, 409],
    },
    ({ actor, params, body }) => campaigns.update(actor, params.id, body),
  );
  api.add(
    {
      method: 'put',
      path: '/campaigns/:id/extensions/:unitId/:period',
      tag,
      summary: 'Accorder à un centre une échéance plus tardive pour une période',
      access: 'campaigns.manage',
      params: ExtensionParams,
      body: PutExtension,
      response: { status: 200, description: 'La campagne, avec ses prolongations', schema: Campaign },
      errors: [404],
    },
    ({ actor, params, body }) => campaigns.putExtension(actor, params.id, params.unitId, params.period, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/campaigns/:id/extensions/:unitId/:period',
      tag,
      summary: 'Retirer la prolongation d’un centre pour une période',
      access: 'campaigns.manage',
      params: ExtensionParams,
      response: { status: 204, description: 'Prolongation retirée' },
      errors: [404],
    },
    ({ actor, params }) => campaigns.removeExtension(actor, params.id, params.unitId, params.period),
  );
}
