import type { Request } from 'express';
import { z } from 'zod';
import {
  AssemblyDeliberation,
  AssemblyDeliberationQuery,
  CreateDeliverable,
  CreateGovernanceBody,
  CreateGovernanceDeliberation,
  CreateGovernanceMeeting,
  CreateGovernanceMember,
  Deliverable,
  GOVERNANCE_PDF_MAX_BYTES,
  GovernanceBody,
  GovernanceDeliberation,
  GovernanceMeeting,
  GovernanceMember,
  GovernancePdfQuery,
  GovernanceYearQuery,
  IdParams,
  UpdateDeliverable,
  UpdateGovernanceBody,
  UpdateGovernanceDeliberation,
  UpdateGovernanceMeeting,
  UpdateGovernanceMember,
  formatMessage,
} from '@cn2r/shared';
import { AppError } from '../../errors/http-errors.js';
import type { ApiRouter } from '../../http/api-router.js';
import { sendStoredFile } from '../../http/stored-file.js';
import type { GovernanceService, PdfUpload } from './governance-service.js';

const PDF = ['application/pdf'] as const;
const PDF_UPLOAD = { contentTypes: PDF, maxBytes: GOVERNANCE_PDF_MAX_BYTES, description: 'Un PDF, 10 Mo au plus.' };

function pdfUpload(req: Request, fileName: string): PdfUpload {
  if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_media_type', formatMessage('governance.send_raw_pdf'));
  const declaredType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return { fileName, declaredType, bytes: req.body };
}

export function registerGovernanceRoutes(api: ApiRouter, governance: GovernanceService): void {
  const tag = 'Gouvernance';

  // ---- members ----
  api.add(
    {
      method: 'get',
      path: '/governance/members',
      tag,
      summary: 'Lister les membres du groupement (anciens compris), par droits de vote',
      access: 'governance.read',
      response: { status: 200, description: 'Les membres', schema: z.array(GovernanceMember) },
    },
    () => governance.listMembers(),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/members',
      tag,
      summary: 'Enregistrer un membre du groupement',
      access: 'governance.write',
      body: CreateGovernanceMember,
      response: { status: 201, description: 'Le membre enregistré', schema: GovernanceMember },
      errors: [409],
    },
    ({ actor, body }) => governance.createMember(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/governance/members/:id',
      tag,
      summary: 'Modifier un membre (dont sa fin d’adhésion), avec la version lue',
      access: 'governance.write',
      params: IdParams,
      body: UpdateGovernanceMember,
      response: { status: 200, description: 'Le membre modifié', schema: GovernanceMember },
      errors: [404, 409],
    },
    ({ actor, params, body }) => governance.updateMember(actor, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/governance/members/:id',
      tag,
      summary: 'Supprimer un membre saisi par erreur (jamais présent à une séance ; sinon : sa date de fin)',
      access: 'governance.write',
      params: IdParams,
      response: { status: 204, description: 'Membre supprimé' },
      errors: [404, 409],
    },
    ({ actor, params }) => governance.removeMember(actor, params.id),
  );

  // ---- bodies ----
  api.add(
    {
      method: 'get',
      path: '/governance/bodies',
      tag,
      summary: 'Lister les instances (assemblée générale, conseil ou bureau)',
      access: 'governance.read',
      response: { status: 200, description: 'Les instances', schema: z.array(GovernanceBody) },
    },
    () => governance.listBodies(),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/bodies',
      tag,
      summary: 'Créer une instance (un conseil d’administration ou un bureau prévu par la convention)',
      access: 'governance.write',
      body: CreateGovernanceBody,
      response: { status: 201, description: 'L’instance créée', schema: GovernanceBody },
      errors: [409],
    },
    ({ actor, body }) => governance.createBody(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/governance/bodies/:id',
      tag,
      summary: 'Renommer une instance, avec la version lue',
      access: 'governance.write',
      params: IdParams,
      body: UpdateGovernanceBody,
      response: { status: 200, description: 'L’instance modifiée', schema: GovernanceBody },
      errors: [404, 409],
    },
    ({ actor, params, body }) => governance.updateBody(actor, params.id, body),
  );

  // ---- meetings ----
  api.add(
    {
      method: 'get',
      path: '/governance/meetings',
      tag,
      summary: 'Lister les séances des instances (d’une année avec ?year=), avec les présents et représentés',
      access: 'governance.read',
      query: GovernanceYearQuery,
      response: { status: 200, description: 'Les séances, par date', schema: z.array(GovernanceMeeting) },
    },
    ({ query }) => governance.listMeetings(query.year),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/meetings',
      tag,
      summary: 'Enregistrer une séance (instance, date, nature, présents ou représentés, quorum)',
      access: 'governance.write',
      body: CreateGovernanceMeeting,
      response: { status: 201, description: 'La séance enregistrée', schema: GovernanceMeeting },
    },
    ({ actor, body }) => governance.createMeeting(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/governance/meetings/:id',
      tag,
      summary: 'Modifier une séance, avec la version lue (la liste des présents est remplacée si elle est envoyée)',
      access: 'governance.write',
      params: IdParams,
      body: UpdateGovernanceMeeting,
      response: { status: 200, description: 'La séance modifiée', schema: GovernanceMeeting },
      errors: [404, 409],
    },
    ({ actor, params, body }) => governance.updateMeeting(actor, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/governance/meetings/:id',
      tag,
      summary: 'Supprimer une séance sans délibération',
      access: 'governance.write',
      params: IdParams,
      response: { status: 204, description: 'Séance supprimée' },
      errors: [404, 409],
    },
    ({ actor, params }) => governance.removeMeeting(actor, params.id),
  );

  // ---- deliberations ----
  api.add(
    {
      method: 'get',
      path: '/governance/deliberations',
      tag,
      summary: 'Lister les délibérations (d’une année avec ?year=), avec le vote et le procès-verbal joint',
      access: 'governance.read',
      query: GovernanceYearQuery,
      response: { status: 200, description: 'Les délibérations, par date et numéro', schema: z.array(GovernanceDeliberation) },
    },
    ({ query }) => governance.listDeliberations(query.year),
  );
  api.add(
    {
      method: 'get',
      path: '/governance/assembly-deliberations',
      tag,
      summary: 'Les délibérations adoptées par l’assemblée générale (?from= et ?to=, dates ISO), avec leur séance : celles qu’un BI, un BR ou une approbation des rapports peut citer',
      access: 'governance.read',
      query: AssemblyDeliberationQuery,
      response: { status: 200, description: 'Les délibérations adoptées de l’assemblée générale, par date et numéro', schema: z.array(AssemblyDeliberation) },
    },
    ({ query }) => governance.listAssemblyDeliberations(query),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/deliberations',
      tag,
      summary: 'Enregistrer une délibération (numéro AAAA-NN unique, séance, date, intitulé, vote)',
      access: 'governance.write',
      body: CreateGovernanceDeliberation,
      response: { status: 201, description: 'La délibération enregistrée', schema: GovernanceDeliberation },
      errors: [409],
    },
    ({ actor, body }) => governance.createDeliberation(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/governance/deliberations/:id',
      tag,
      summary: 'Modifier une délibération, avec la version lue',
      access: 'governance.write',
      params: IdParams,
      body: UpdateGovernanceDeliberation,
      response: { status: 200, description: 'La délibération modifiée', schema: GovernanceDeliberation },
      errors: [404, 409],
    },
    ({ actor, params, body }) => governance.updateDeliberation(actor, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/governance/deliberations/:id',
      tag,
      summary: 'Supprimer une délibération saisie par erreur (et son procès-verbal)',
      access: 'governance.write',
      params: IdParams,
      response: { status: 204, description: 'Délibération supprimée' },
      errors: [404],
    },
    ({ actor, params }) => governance.removeDeliberation(actor, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/deliberations/:id/minutes',
      tag,
      summary: 'Joindre (ou remplacer) le procès-verbal d’une délibération (PDF, 10 Mo au plus)',
      description: 'Corps : le PDF brut (Content-Type application/pdf) ; son nom dans `?fileName=`. Le type est vérifié sur les premiers octets ; l’empreinte SHA-256 est enregistrée.',
      access: 'governance.write',
      params: IdParams,
      query: GovernancePdfQuery,
      upload: PDF_UPLOAD,
      response: { status: 201, description: 'La délibération, avec son procès-verbal', schema: GovernanceDeliberation },
      errors: [404],
    },
    ({ actor, params, query, req }) => governance.uploadMinutes(actor, params.id, pdfUpload(req, query.fileName)),
  );
  api.add(
    {
      method: 'get',
      path: '/governance/deliberations/:id/minutes',
      tag,
      summary: 'Télécharger le procès-verbal d’une délibération',
      access: 'governance.read',
      params: IdParams,
      response: { status: 200, description: 'Le PDF', contentType: 'application/pdf' },
      errors: [404],
    },
    async ({ params, res }) => sendStoredFile(res, { ...(await governance.downloadMinutes(params.id)), mediaType: 'application/pdf' }),
  );

  // ---- deliverables ----
  api.add(
    {
      method: 'get',
      path: '/governance/deliverables',
      tag,
      summary: 'Lister les livrables des quatre résultats attendus (d’une année avec ?year=)',
      access: 'governance.read',
      query: GovernanceYearQuery,
      response: { status: 200, description: 'Les livrables, par résultat et date', schema: z.array(Deliverable) },
    },
    ({ query }) => governance.listDeliverables(query.year),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/deliverables',
      tag,
      summary: 'Enregistrer un livrable d’un résultat attendu',
      access: 'deliverables.write',
      body: CreateDeliverable,
      response: { status: 201, description: 'Le livrable enregistré', schema: Deliverable },
    },
    ({ actor, body }) => governance.createDeliverable(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/governance/deliverables/:id',
      tag,
      summary: 'Modifier un livrable (dont son état), avec la version lue',
      access: 'deliverables.write',
      params: IdParams,
      body: UpdateDeliverable,
      response: { status: 200, description: 'Le livrable modifié', schema: Deliverable },
      errors: [404, 409],
    },
    ({ actor, params, body }) => governance.updateDeliverable(actor, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/governance/deliverables/:id',
      tag,
      summary: 'Supprimer un livrable',
      access: 'deliverables.write',
      params: IdParams,
      response: { status: 204, description: 'Livrable supprimé' },
      errors: [404],
    },
    ({ actor, params }) => governance.removeDeliverable(actor, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/governance/deliverables/:id/file',
      tag,
      summary: 'Joindre (ou remplacer) le fichier d’un livrable (PDF, 10 Mo au plus)',
      description: 'Corps : le PDF brut (Content-Type application/pdf) ; son nom dans `?fileName=`. Le type est vérifié sur les premiers octets ; l’empreinte SHA-256 est enregistrée.',
      access: 'deliverables.write',
      params: IdParams,
      query: GovernancePdfQuery,
      upload: PDF_UPLOAD,
      response: { status: 201, description: 'Le livrable, avec son fichier', schema: Deliverable },
      errors: [404],
    },
    ({ actor, params, query, req }) => governance.uploadDeliverableFile(actor, params.id, pdfUpload(req, query.fileName)),
  );
  api.add(
    {
      method: 'get',
      path: '/governance/deliverables/:id/file',
      tag,
      summary: 'Télécharger le fichier d’un livrable',
      access: 'governance.read',
      params: IdParams,
      response: { status: 200, description: 'Le PDF', contentType: 'application/pdf' },
      errors: [404],
    },
    async ({ params, res }) => sendStoredFile(res, { ...(await governance.downloadDeliverableFile(params.id)), mediaType: 'application/pdf' }),
  );
}
