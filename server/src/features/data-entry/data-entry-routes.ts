import * as z from 'zod';
import {
  CreateComment,
  DataEntryForm,
  FormParams,
  FormValue,
  ReopenValueRequest,
  RuleExplanationParams,
  SaveRuleExplanation,
  ReturnRequest,
  ReviewRequest,
  SaveValue,
  SavedValue,
  SubmitRequest,
  Submission,
  ValueComment,
  ValueHistoryEntry,
  ValueParams,
} from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { DataEntryService } from './data-entry-service.js';

const base = '/units/:unitId/forms/:period';
const scope = ({ params }: { params: { unitId: number } }) => [params.unitId];

export function registerDataEntryRoutes(api: ApiRouter, forms: DataEntryService): void {
  const tag = 'Saisie des indicateurs';

  api.add(
    {
      method: 'get',
      path: base,
      tag,
      summary: 'Le formulaire d’un centre pour une période : indicateurs, valeurs, période précédente, an dernier, contrôles',
      description:
        'Finances et bureau : saisies validées seulement, et effectifs des ventilations sensibles masqués (« < 5 » de 1 à 4, « s » pour le secret secondaire), comme dans les documents ; le responsable du centre et la coordination les lisent en clair.',
      access: 'forms.read',
      params: FormParams,
      unitScope: scope,
      response: { status: 200, description: 'Le formulaire', schema: DataEntryForm },
      errors: [404],
    },
    ({ actor, params }) => forms.get(actor, params.unitId, params.period),
  );

  api.add(
    {
      method: 'put',
      path: `${base}/values`,
      tag,
      summary: 'Enregistrer une valeur (enregistrement automatique), avec la version lue',
      description: '409 si quelqu’un l’a modifiée entre-temps : le message donne qui et la valeur actuelle.',
      access: 'forms.write',
      params: FormParams,
      body: SaveValue,
      unitScope: scope,
      response: { status: 200, description: 'La valeur enregistrée, les contrôles et l’état de la saisie', schema: SavedValue },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.saveValue(actor, params.unitId, params.period, body),
  );

  api.add(
    {
      method: 'post',
      path: `${base}/submit`,
      tag,
      summary: 'Transmettre la saisie (sans erreur bloquante, avertissements expliqués)',
      access: 'forms.write',
      params: FormParams,
      body: SubmitRequest,
      unitScope: scope,
      response: { status: 200, description: 'La saisie transmise', schema: Submission },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.submit(actor, params.unitId, params.period, body),
  );

  api.add(
    {
      method: 'put',
      path: `${base}/rule-explanations/:ruleId`,
      tag,
      summary: 'Enregistrer l’explication d’un avertissement de cohérence (au fil de la saisie ; vide : la retirer)',
      access: 'forms.write',
      params: RuleExplanationParams,
      body: SaveRuleExplanation,
      unitScope: scope,
      response: { status: 204, description: 'Explication enregistrée' },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.saveRuleExplanation(actor, params.unitId, params.period, params.ruleId, body.explanation),
  );

  api.add(
    {
      method: 'post',
      path: `${base}/validate`,
      tag,
      summary: 'Valider une saisie transmise (ou modifiée depuis sa validation)',
      access: 'forms.review',
      params: FormParams,
      body: ReviewRequest,
      response: { status: 200, description: 'La saisie validée', schema: Submission },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.validate(actor, params.unitId, params.period, body.version),
  );

  api.add(
    {
      method: 'post',
      path: `${base}/return`,
      tag,
      summary: 'Renvoyer une saisie au centre, avec un message obligatoire',
      access: 'forms.review',
      params: FormParams,
      body: ReturnRequest,
      response: { status: 200, description: 'La saisie renvoyée', schema: Submission },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.returnToUnit(actor, params.unitId, params.period, body),
  );

  api.add(
    {
      method: 'post',
      path: `${base}/values/:valueId/reopen`,
      tag,
      summary: 'Rouvrir une seule valeur d’une saisie validée, avec un motif',
      access: 'forms.review',
      params: ValueParams,
      body: ReopenValueRequest,
      response: { status: 200, description: 'La valeur rouverte', schema: FormValue },
      errors: [404, 409],
    },
    ({ actor, params, body }) => forms.reopenValue(actor, params.unitId, params.period, params.valueId, body.reason),
  );

  api.add(
    {
      method: 'get',
      path: `${base}/values/:valueId/comments`,
      tag,
      summary: 'Le fil de commentaires d’une valeur',
      access: 'forms.read',
      params: ValueParams,
      unitScope: scope,
      response: { status: 200, description: 'Les commentaires', schema: z.array(ValueComment) },
      errors: [404],
    },
    ({ actor, params }) => forms.comments(actor, params.unitId, params.period, params.valueId),
  );

  api.add(
    {
      method: 'post',
      path: `${base}/values/:valueId/comments`,
      tag,
      summary: 'Commenter une valeur',
      access: 'forms.write',
      params: ValueParams,
      body: CreateComment,
      unitScope: scope,
      response: { status: 201, description: 'Le commentaire', schema: ValueComment },
      errors: [404],
    },
    ({ actor, params, body }) => forms.addComment(actor, params.unitId, params.period, params.valueId, body.body),
  );

  api.add(
    {
      method: 'get',
      path: `${base}/values/:valueId/history`,
      tag,
      summary: 'L’historique d’une valeur : qui a changé quoi, quand',
      access: 'forms.read',
      params: ValueParams,
      unitScope: scope,
      response: { status: 200, description: 'L’historique', schema: z.array(ValueHistoryEntry) },
      errors: [404],
    },
    ({ actor, params }) => forms.history(actor, params.unitId, params.period, params.valueId),
  );
}
