import * as z from 'zod';
import { IsoDate, Timestamp, optionalText, requiredText, withoutControlCharacters } from './common.js';
import { UnitKind } from './unit.js';

export const Domain = z.enum(['activite_clinique', 'formation', 'reseau', 'recherche', 'cartographie', 'sensibilisation']);
export type Domain = z.infer<typeof Domain>;
export const domainLabels: Record<Domain, string> = {
  activite_clinique: 'Activité clinique',
  formation: 'Formation',
  reseau: 'Animation du réseau',
  recherche: 'Recherche',
  cartographie: 'Cartographie de l’offre de soins',
  sensibilisation: 'Sensibilisation et ressources',
};

export const ValueTypeSchema = z.enum(['count', 'decimal', 'percentage', 'days', 'boolean', 'text']);

/**
 * Whether the options of a disaggregated indicator add up to a meaningful total when the
 * catalogue does not say: counts do (patients by age band, waiting list adult / minor — the
 * options are exclusive); a delay, a rate, a decimal, a yes/no do not (the adult and the minor
 * median delays have no sum). The database applies the same rule to a row inserted without
 * `options_additive` (migration 033); the catalogue can say otherwise for one indicator (a
 * count by non-exclusive options, an amount in decimals).
 */
export const optionsAdditiveByDefault = (valueType: z.infer<typeof ValueTypeSchema>): boolean => valueType === 'count';
export const PeriodTypeSchema = z.enum(['month', 'quarter', 'year']);
export const periodTypeLabels: Record<z.infer<typeof PeriodTypeSchema>, string> = { month: 'Mois', quarter: 'Trimestre', year: 'Année' };

export const TimeAggregation = z.enum(['sum', 'average', 'last', 'max']);
export type TimeAggregation = z.infer<typeof TimeAggregation>;
export const timeAggregationLabels: Record<TimeAggregation, string> = { sum: 'Somme', average: 'Moyenne', last: 'Dernière valeur', max: 'Maximum' };

export const UnitAggregation = z.enum(['sum', 'average', 'median']);
export type UnitAggregation = z.infer<typeof UnitAggregation>;
export const unitAggregationLabels: Record<UnitAggregation, string> = { sum: 'Somme', average: 'Moyenne', median: 'Médiane' };

export const ExpectedResult = z.enum(['mapping', 'network', 'good_practice', 'training']);
export type ExpectedResult = z.infer<typeof ExpectedResult>;
export const expectedResultLabels: Record<ExpectedResult, string> = {
  mapping: 'Cartographie de l’offre de soins',
  network: 'Animation du réseau des centres',
  good_practice: 'Référentiels de bonnes pratiques',
  training: 'Référentiels de formation',
};

const Code = z
  .string({ error: 'Code attendu.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { error: 'Le code commence par une lettre et compte de 2 à 40 lettres majuscules, chiffres ou « _ ».' });

const OptionCode = z
  .string({ error: 'Code attendu.' })
  .trim()
  .regex(/^[A-Za-z0-9+._-]{1,40}$/, { error: 'Code de modalité : 1 à 40 caractères parmi lettres, chiffres, « + », « - », « _ », « . ».' });

// ---- Dimensions (disaggregations) ----

export const DimensionOption = z.object({ id: z.number().int(), code: z.string(), label: z.string(), sortOrder: z.number().int() });
export type DimensionOption = z.infer<typeof DimensionOption>;

export const Dimension = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  sensitive: z.boolean(),
  options: z.array(DimensionOption),
  version: z.number().int(),
});
export type Dimension = z.infer<typeof Dimension>;

const OptionInput = z.strictObject({ code: OptionCode, label: requiredText('Le libellé de la modalité', 200) });

export const CreateDimension = z
  .strictObject({
    code: Code,
    label: requiredText('Le libellé', 200),
    sensitive: z.boolean().default(false),
    options: z.array(OptionInput).min(2, { error: 'Une ventilation compte au moins deux modalités.' }).max(30),
  })
  .refine((v) => new Set(v.options.map((o) => o.code)).size === v.options.length, { error: 'Deux modalités ont le même code.', path: ['options'] });
export type CreateDimension = z.infer<typeof CreateDimension>;

/** Options can be added and relabelled; an option with values cannot be removed. */
export const UpdateDimension = z.strictObject({
  label: requiredText('Le libellé', 200).optional(),
  sensitive: z.boolean().optional(),
  options: z.array(OptionInput).min(2).max(30).optional(),
  version: z.number().int().positive(),
});
export type UpdateDimension = z.infer<typeof UpdateDimension>;

// ---- Indicators ----

export const Indicator = z.object({
  id: z.number().int(),
  code: z.string(),
  revision: z.number().int(),
  label: z.string(),
  definition: z.string(),
  countingRule: z.string(),
  domain: Domain,
  unitKind: UnitKind,
  valueType: ValueTypeSchema,
  unitOfMeasure: z.string(),
  periodType: PeriodTypeSchema,
  timeAggregation: TimeAggregation,
  unitAggregation: UnitAggregation,
  dimension: Dimension.nullable(),
  /**
   * The options add up: the total of a disaggregated value is the sum of its options (counts of
   * exclusive options). False: there is no total, only per-option values (a median delay split
   * adult / minor). Always sent by the server; optional in the type only until every client
   * fixture carries it.
   */
  optionsAdditive: z.boolean().optional().describe('Les modalités s’additionnent : le total est la somme des modalités (sinon, pas de total)'),
  /**
   * Whether the CN2R's own activity counts in a network total: never. On an indicator of the CN2R
   * that counts the same activity as a network indicator (CN2R_FOR_PERS and FOR_PERS), the code of
   * that network indicator: the views show the network's value and the CN2R's side by side, and no
   * network total includes the CN2R. Null: no counterpart. Optional in the type for old fixtures.
   */
  networkCounterpartCode: z.string().nullable().optional().describe('Indicateur du réseau qui compte la même activité (affiché à côté, jamais additionné)'),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  required: z.boolean(),
  expectedResult: ExpectedResult.nullable(),
  sortOrder: z.number().int(),
  activeFrom: z.string(),
  activeTo: z.string().nullable(),
  supersedesId: z.number().int().nullable(),
  valueCount: z.number().int().describe('Nombre de valeurs saisies sous cette révision'),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Indicator = z.infer<typeof Indicator>;

const IndicatorFields = z.strictObject({
  code: Code,
  label: requiredText('Le libellé', 300),
  definition: optionalText('La définition', 4000, 'multi').transform((v) => v ?? ''),
  countingRule: optionalText('La règle de comptage', 4000, 'multi').transform((v) => v ?? ''),
  domain: Domain,
  unitKind: UnitKind,
  valueType: ValueTypeSchema,
  unitOfMeasure: optionalText('L’unité', 60).transform((v) => v ?? ''),
  periodType: PeriodTypeSchema,
  timeAggregation: TimeAggregation,
  unitAggregation: UnitAggregation,
  dimensionId: z.number().int().positive().nullable(),
  optionsAdditive: z.boolean({ error: 'Vrai ou faux attendu.' }),
  networkCounterpartCode: Code.nullable(),
  minValue: z.number({ error: 'Nombre attendu.' }).finite().nullable(),
  maxValue: z.number({ error: 'Nombre attendu.' }).finite().nullable(),
  required: z.boolean(),
  expectedResult: ExpectedResult.nullable(),
  sortOrder: z.number().int().min(0).max(100_000),
  activeFrom: IsoDate,
  activeTo: IsoDate.nullable(),
});

const boundsOrdered = (v: { minValue?: number | null; maxValue?: number | null }) =>
  v.minValue === null || v.minValue === undefined || v.maxValue === null || v.maxValue === undefined || v.minValue <= v.maxValue;
const boundsError = { error: 'Le minimum doit être inférieur ou égal au maximum.', path: ['maxValue'] };

export const CreateIndicator = IndicatorFields.extend({
  unitKind: UnitKind.default('crp'),
  dimensionId: IndicatorFields.shape.dimensionId.default(null),
  /** Left out: `optionsAdditiveByDefault(valueType)` (counts add up, nothing else does). */
  optionsAdditive: IndicatorFields.shape.optionsAdditive.optional(),
  /** Left out: no counterpart. */
  networkCounterpartCode: IndicatorFields.shape.networkCounterpartCode.optional(),
  minValue: IndicatorFields.shape.minValue.default(null),
  maxValue: IndicatorFields.shape.maxValue.default(null),
  required: z.boolean().default(true),
  expectedResult: ExpectedResult.nullable().default(null),
  sortOrder: IndicatorFields.shape.sortOrder.default(0),
  activeTo: IsoDate.nullable().default(null),
}).refine(boundsOrdered, boundsError);
export type CreateIndicator = z.infer<typeof CreateIndicator>;

/**
 * An update. On an indicator that already has values, a change of meaning (definition, counting
 * rule, value type, period, aggregations, disaggregation, bounds, unit kind) creates a new revision
 * from `effectiveFrom`, and the values entered so far stay tied to the old one; a change of
 * wording alone (label, order, unit of measure, required, expected result, end date) edits in place.
 * `optionsAdditive` edits in place too: it changes no stored value, only whether the reports and
 * dashboards add the options up (a correction applies to every year shown). A change of value
 * type without `optionsAdditive` resets it to `optionsAdditiveByDefault` of the new type.
 */
export const UpdateIndicator = IndicatorFields.omit({ code: true })
  .partial()
  .extend({
    version: z.number({ error: 'Version attendue.' }).int().positive(),
    effectiveFrom: IsoDate.optional().describe('Début de la nouvelle révision si le sens change (défaut : 1er janvier de l’année prochaine)'),
  })
  .refine(boundsOrdered, boundsError);
export type UpdateIndicator = z.infer<typeof UpdateIndicator>;

/** Fields whose change alters the meaning of the values (a new revision when values exist). */
export const MEANING_FIELDS = [
  'definition',
  'countingRule',
  'valueType',
  'periodType',
  'timeAggregation',
  'unitAggregation',
  'dimensionId',
  'minValue',
  'maxValue',
  'unitKind',
  'domain',
] as const;

export const IndicatorQuery = z.strictObject({
  includeInactive: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  unitKind: UnitKind.optional(),
});

export const Target = z.object({ indicatorCode: z.string(), year: z.number().int(), target: z.number(), version: z.number().int() });
export type Target = z.infer<typeof Target>;
export const PutTarget = z.strictObject({ target: z.number({ error: 'Nombre attendu.' }).finite().min(0).nullable() });
export const TargetParams = z.object({ code: Code, year: z.coerce.number().int().min(2000).max(2100) });

// ---- Consistency rules ----

export const RuleSeverity = z.enum(['error', 'warning']);
export type RuleSeverity = z.infer<typeof RuleSeverity>;
export const ruleSeverityLabels: Record<RuleSeverity, string> = { error: 'Erreur (bloque la transmission)', warning: 'Avertissement (explication demandée)' };

export const ConsistencyRule = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  expression: z.string(),
  severity: RuleSeverity,
  message: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ConsistencyRule = z.infer<typeof ConsistencyRule>;

const ruleFields = {
  label: requiredText('Le libellé', 300),
  expression: requiredText('L’expression', 500, 'multi'),
  severity: RuleSeverity,
  message: requiredText('Le message', 500, 'multi'),
};

export const CreateRule = z.strictObject({ code: Code, ...ruleFields, active: z.boolean().default(true) });
export type CreateRule = z.infer<typeof CreateRule>;

/** No defaults here: a field left out is left unchanged (an inactive rule stays inactive). */
export const UpdateRule = z
  .strictObject({ ...ruleFields, active: z.boolean() })
  .partial()
  .extend({ version: z.number({ error: 'Version attendue.' }).int().positive() });
export type UpdateRule = z.infer<typeof UpdateRule>;

export const CheckRuleRequest = z.strictObject({ expression: withoutControlCharacters(z.string().max(500), 'multi', 'L’expression') });
export const CheckRuleResult = z.object({
  valid: z.boolean(),
  message: z.string().nullable(),
  position: z.number().int().nullable(),
  references: z.array(z.object({ code: z.string(), option: z.string().optional() })),
});
export type CheckRuleResult = z.infer<typeof CheckRuleResult>;
