import { z } from 'zod';
import { CreateUnit, IdParams, Unit, UpdateUnit } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { UnitService } from './unit-service.js';

export function registerUnitRoutes(api: ApiRouter, units: UnitService): void {
  const tag = 'Centres';

  api.add(
    {
      method: 'get',
      path: '/units',
      tag,
      summary: 'Lister les centres (CRP et CN2R), ouverts et fermés',
      access: 'units.read',
      response: { status: 200, description: 'Les centres', schema: z.array(Unit) },
    },
    () => units.list(),
  );

  api.add(
    {
      method: 'get',
      path: '/units/:id',
      tag,
      summary: 'Lire un centre',
      access: 'units.read',
      params: IdParams,
      response: { status: 200, description: 'Le centre', schema: Unit },
      errors: [404],
    },
    ({ params }) => units.get(params.id),
  );

  api.add(
    {
      method: 'post',
      path: '/units',
      tag,
      summary: 'Créer un centre',
      access: 'units.manage',
      body: CreateUnit,
      response: { status: 201, description: 'Le centre créé', schema: Unit },
      errors: [409],
    },
    ({ actor, body }) => units.create(actor, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/units/:id',
      tag,
      summary: 'Modifier un centre (dont sa fermeture), avec la version lue',
      access: 'units.manage',
      params: IdParams,
      body: UpdateUnit,
      response: { status: 200, description: 'Le centre modifié', schema: Unit },
      errors: [404, 409],
    },
    ({ actor, params, body }) => units.update(actor, params.id, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/units/:id',
      tag,
      summary: 'Supprimer un centre sans données (sinon : le fermer)',
      access: 'units.manage',
      params: IdParams,
      response: { status: 204, description: 'Centre supprimé' },
      errors: [404, 409],
    },
    ({ actor, params }) => units.remove(actor, params.id),
  );
}
