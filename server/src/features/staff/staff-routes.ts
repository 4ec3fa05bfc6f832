import { z } from 'zod';
import {
  CreateInKindContribution,
  CreateStaffAssignment,
  CreateStaffMember,
  IdParams,
  InKindContribution,
  InKindQuery,
  PutStaffAllocations,
  PutStaffCeiling,
  StaffAssignment,
  StaffCeiling,
  StaffMember,
  StaffMemberDetail,
  StaffSummary,
  StaffYearParams,
  UpdateInKindContribution,
  UpdateStaffAssignment,
  UpdateStaffMember,
} from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { StaffService } from './staff-service.js';

export function registerStaffRoutes(api: ApiRouter, staff: StaffService): void {
  const tag = 'Personnels et ETP';

  // ---- Members ----

  api.add(
    {
      method: 'get',
      path: '/staff/members',
      tag,
      summary: 'Lister les personnels (données personnelles)',
      access: 'staff.readIndividual',
      response: { status: 200, description: 'Les personnels', schema: z.array(StaffMember) },
    },
    () => staff.listMembers(),
  );

  api.add(
    {
      method: 'get',
      path: '/staff/members/:id',
      tag,
      summary: 'Lire une personne avec ses affectations et leurs ventilations',
      access: 'staff.readIndividual',
      params: IdParams,
      response: { status: 200, description: 'La personne', schema: StaffMemberDetail },
      errors: [404],
    },
    ({ params }) => staff.getMember(params.id),
  );

  api.add(
    {
      method: 'post',
      path: '/staff/members',
      tag,
      summary: 'Créer une personne',
      access: 'staff.write',
      body: CreateStaffMember,
      response: { status: 201, description: 'La personne créée', schema: StaffMember },
    },
    ({ actor, body }) => staff.createMember(actor, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/staff/members/:id',
      tag,
      summary: 'Modifier une personne, avec la version lue',
      access: 'staff.write',
      params: IdParams,
      body: UpdateStaffMember,
      response: { status: 200, description: 'La personne modifiée', schema: StaffMember },
      errors: [404, 409],
    },
    ({ actor, params, body }) => staff.updateMember(actor, params.id, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/staff/members/:id',
      tag,
      summary: 'Supprimer une personne sans affectation',
      access: 'staff.write',
      params: IdParams,
      response: { status: 204, description: 'Personne supprimée' },
      errors: [404, 409],
    },
    ({ actor, params }) => staff.removeMember(actor, params.id),
  );

  // ---- Assignments and allocations ----

  api.add(
    {
      method: 'post',
      path: '/staff/members/:id/assignments',
      tag,
      summary: 'Créer une affectation avec sa ventilation (100 % chaque jour)',
      access: 'staff.write',
      params: IdParams,
      body: CreateStaffAssignment,
      response: { status: 201, description: 'L’affectation créée', schema: StaffAssignment },
      errors: [404],
    },
    ({ actor, params, body }) => staff.createAssignment(actor, params.id, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/staff/assignments/:id',
      tag,
      summary: 'Modifier une affectation, avec la version lue ; la ventilation doit toujours couvrir 100 %',
      access: 'staff.write',
      params: IdParams,
      body: UpdateStaffAssignment,
      response: { status: 200, description: 'L’affectation modifiée', schema: StaffAssignment },
      errors: [404, 409],
    },
    ({ actor, params, body }) => staff.updateAssignment(actor, params.id, body),
  );

  api.add(
    {
      method: 'put',
      path: '/staff/assignments/:id/allocations',
      tag,
      summary: 'Remplacer toute la ventilation d’une affectation (100 % chaque jour), avec la version lue',
      access: 'staff.write',
      params: IdParams,
      body: PutStaffAllocations,
      response: { status: 200, description: 'L’affectation et sa nouvelle ventilation', schema: StaffAssignment },
      errors: [404, 409],
    },
    ({ actor, params, body }) => staff.putAllocations(actor, params.id, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/staff/assignments/:id',
      tag,
      summary: 'Supprimer une affectation saisie par erreur, avec sa ventilation (pas si elle compte dans un exercice clos)',
      access: 'staff.write',
      params: IdParams,
      response: { status: 204, description: 'Affectation supprimée' },
      errors: [404, 409],
    },
    ({ actor, params }) => staff.removeAssignment(actor, params.id),
  );

  // ---- Summary and ceiling ----

  api.add(
    {
      method: 'get',
      path: '/staff/:year/summary',
      tag,
      summary: 'ETPT et coûts de l’année : par personne (finance, administrateurs), ligne, financeur, destination ; postes MIG H15 ; plafond ; mises à disposition',
      description: 'Le conseil (board) reçoit les agrégats seulement : ni noms ni coûts par personne (`people: null`).',
      access: 'staff.read',
      params: StaffYearParams,
      response: { status: 200, description: 'La synthèse de l’année', schema: StaffSummary },
    },
    ({ actor, params }) => staff.summary(actor, params.year),
  );

  api.add(
    {
      method: 'put',
      path: '/staff/ceilings/:year',
      tag,
      summary: 'Fixer le plafond d’emplois voté de l’exercice (ETPT en points de base), avec la version lue',
      access: 'staff.write',
      params: StaffYearParams,
      body: PutStaffCeiling,
      response: { status: 200, description: 'Le plafond', schema: StaffCeiling },
      errors: [404, 409],
    },
    ({ actor, params, body }) => staff.putCeiling(actor, params.year, body),
  );

  // ---- In-kind contributions ----

  api.add(
    {
      method: 'get',
      path: '/staff/in-kind',
      tag,
      summary: 'Lister les contributions en nature hors personnel (locaux, équipements)',
      access: 'staff.read',
      query: InKindQuery,
      response: { status: 200, description: 'Les contributions', schema: z.array(InKindContribution) },
    },
    ({ query }) => staff.listInKind(query.year),
  );

  api.add(
    {
      method: 'post',
      path: '/staff/in-kind',
      tag,
      summary: 'Créer une contribution en nature',
      access: 'staff.write',
      body: CreateInKindContribution,
      response: { status: 201, description: 'La contribution créée', schema: InKindContribution },
    },
    ({ actor, body }) => staff.createInKind(actor, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/staff/in-kind/:id',
      tag,
      summary: 'Modifier une contribution en nature, avec la version lue',
      access: 'staff.write',
      params: IdParams,
      body: UpdateInKindContribution,
      response: { status: 200, description: 'La contribution modifiée', schema: InKindContribution },
      errors: [404, 409],
    },
    ({ actor, params, body }) => staff.updateInKind(actor, params.id, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/staff/in-kind/:id',
      tag,
      summary: 'Supprimer une contribution en nature',
      access: 'staff.write',
      params: IdParams,
      response: { status: 204, description: 'Contribution supprimée' },
      errors: [404],
    },
    ({ actor, params }) => staff.removeInKind(actor, params.id),
  );
}
