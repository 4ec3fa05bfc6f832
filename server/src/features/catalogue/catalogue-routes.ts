import { z } from 'zod';
import {
  CheckRuleRequest,
  CheckRuleResult,
  ConsistencyRule,
  CreateDimension,
  CreateIndicator,
  CreateRule,
  Dimension,
  IdParams,
  Indicator,
  IndicatorQuery,
  PutTarget,
  Target,
  TargetParams,
  UpdateDimension,
  UpdateIndicator,
  UpdateRule,
} from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { DimensionService } from './dimension-service.js';
import type { IndicatorService } from './indicator-service.js';
import type { RuleService } from './rule-service.js';
import type { TargetService } from './target-service.js';

/** The catalogue's four services, built in the composition root. */
export interface CatalogueServices {
  readonly dimensions: DimensionService;
  readonly indicators: IndicatorService;
  readonly targets: TargetService;
  readonly rules: RuleService;
}

/** `?year=2026` on the targets list (no shared schema yet: the client sends only this). */
const TargetQuery = z.strictObject({
  year: z.coerce.number({ error: 'Année attendue.' }).int({ error: 'Année attendue.' }).min(2000).max(2100).optional(),
});

/** The indicator catalogue: disaggregations, indicators and their revisions, yearly targets, consistency rules. */
export function registerCatalogueRoutes(api: ApiRouter, { dimensions, indicators, targets, rules }: CatalogueServices): void {
  // ---- Dimensions ----
  const dimensionTag = 'Ventilations';
  api.add(
    {
      method: 'get',
      path: '/dimensions',
      tag: dimensionTag,
      summary: 'Lister les ventilations et leurs modalités (dans l’ordre d’affichage)',
      access: 'catalogue.read',
      response: { status: 200, description: 'Les ventilations', schema: z.array(Dimension) },
    },
    () => dimensions.list(),
  );
  api.add(
    {
      method: 'post',
      path: '/dimensions',
      tag: dimensionTag,
      summary: 'Créer une ventilation',
      access: 'catalogue.manage',
      body: CreateDimension,
      response: { status: 201, description: 'La ventilation créée', schema: Dimension },
      errors: [409],
    },
    ({ actor, body }) => dimensions.create(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/dimensions/:id',
      tag: dimensionTag,
      summary: 'Modifier une ventilation : libellé, sensibilité, modalités (ajout, renommage, ordre, retrait si aucune valeur)',
      description: '`options` est la nouvelle liste complète, associée aux modalités existantes par leur code.',
      access: 'catalogue.manage',
      params: IdParams,
      body: UpdateDimension,
      response: { status: 200, description: 'La ventilation modifiée', schema: Dimension },
      errors: [404, 409],
    },
    ({ actor, params, body }) => dimensions.update(actor, params.id, body),
  );

  // ---- Indicators ----
  const indicatorTag = 'Indicateurs';
  api.add(
    {
      method: 'get',
      path: '/indicators',
      tag: indicatorTag,
      summary: 'Lister les indicateurs (révisions en vigueur ou à venir ; toutes avec includeInactive=true)',
      access: 'catalogue.read',
      query: IndicatorQuery,
      response: { status: 200, description: 'Les indicateurs, par domaine, ordre et code', schema: z.array(Indicator) },
    },
    ({ query }) => indicators.list(query),
  );
  api.add(
    {
      method: 'get',
      path: '/indicators/:id',
      tag: indicatorTag,
      summary: 'Lire une révision d’indicateur',
      access: 'catalogue.read',
      params: IdParams,
      response: { status: 200, description: 'L’indicateur', schema: Indicator },
      errors: [404],
    },
    ({ params }) => indicators.get(params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/indicators',
      tag: indicatorTag,
      summary: 'Créer un indicateur (révision 1)',
      access: 'catalogue.manage',
      body: CreateIndicator,
      response: { status: 201, description: 'L’indicateur créé', schema: Indicator },
      errors: [409],
    },
    ({ actor, body }) => indicators.create(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/indicators/:id',
      tag: indicatorTag,
      summary: 'Modifier un indicateur, avec la version lue',
      description:
        'Si l’indicateur a des valeurs et que son sens change (définition, règle de comptage, type, période, agrégations, ventilation, bornes, type de centre, domaine), une nouvelle révision est créée à partir de `effectiveFrom` (défaut : 1er janvier de l’année prochaine) et la réponse est cette révision ; sinon l’indicateur est modifié sur place.',
      access: 'catalogue.manage',
      params: IdParams,
      body: UpdateIndicator,
      response: { status: 200, description: 'L’indicateur modifié ou sa nouvelle révision', schema: Indicator },
      errors: [404, 409],
    },
    ({ actor, params, body }) => indicators.update(actor, params.id, body),
  );

  // ---- Targets ----
  const targetTag = 'Cibles';
  api.add(
    {
      method: 'get',
      path: '/targets',
      tag: targetTag,
      summary: 'Lister les cibles annuelles (d’une année avec ?year=)',
      access: 'catalogue.read',
      query: TargetQuery,
      response: { status: 200, description: 'Les cibles', schema: z.array(Target) },
    },
    ({ query }) => targets.list(query.year),
  );
  api.add(
    {
      method: 'put',
      path: '/targets/:code/:year',
      tag: targetTag,
      summary: 'Fixer la cible annuelle d’un indicateur (ou la supprimer avec { "target": null } : 204)',
      access: 'catalogue.manage',
      params: TargetParams,
      body: PutTarget,
      response: { status: 200, description: 'La cible (204 sans corps quand elle est supprimée)', schema: Target, raw: true },
      errors: [404],
    },
    async ({ actor, params, body, res }) => {
      const target = await targets.put(actor, params.code, params.year, body.target);
      if (target === undefined) res.status(204).end();
      else res.status(200).json(target satisfies Target);
    },
  );

  // ---- Consistency rules ----
  const ruleTag = 'Règles de cohérence';
  api.add(
    {
      method: 'get',
      path: '/rules',
      tag: ruleTag,
      summary: 'Lister les règles de cohérence',
      access: 'catalogue.read',
      response: { status: 200, description: 'Les règles', schema: z.array(ConsistencyRule) },
    },
    () => rules.list(),
  );
  api.add(
    {
      method: 'post',
      path: '/rules/check',
      tag: ruleTag,
      summary: 'Vérifier une expression de règle sans l’enregistrer',
      access: 'catalogue.manage',
      body: CheckRuleRequest,
      response: { status: 200, description: 'Validité, message et position de l’erreur, indicateurs cités', schema: CheckRuleResult },
    },
    ({ body }) => rules.check(body.expression),
  );
  api.add(
    {
      method: 'post',
      path: '/rules',
      tag: ruleTag,
      summary: 'Créer une règle de cohérence',
      access: 'catalogue.manage',
      body: CreateRule,
      response: { status: 201, description: 'La règle créée', schema: ConsistencyRule },
      errors: [409],
    },
    ({ actor, body }) => rules.create(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/rules/:id',
      tag: ruleTag,
      summary: 'Modifier une règle de cohérence (dont sa désactivation), avec la version lue',
      access: 'catalogue.manage',
      params: IdParams,
      body: UpdateRule,
      response: { status: 200, description: 'La règle modifiée', schema: ConsistencyRule },
      errors: [404, 409],
    },
    ({ actor, params, body }) => rules.update(actor, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/rules/:id',
      tag: ruleTag,
      summary: 'Supprimer une règle qu’aucune saisie n’a expliquée (sinon : la désactiver)',
      access: 'catalogue.manage',
      params: IdParams,
      response: { status: 204, description: 'Règle supprimée' },
      errors: [404, 409],
    },
    ({ actor, params }) => rules.remove(actor, params.id),
  );
}
