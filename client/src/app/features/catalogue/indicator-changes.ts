import { type CreateIndicator, type Indicator, MEANING_FIELDS, formatInteger } from '@cn2r/shared';

/** What the indicator form edits, as the shared schema outputs it (the code never changes). */
export type IndicatorEdit = Omit<CreateIndicator, 'code'>;

type MeaningField = (typeof MEANING_FIELDS)[number];

/** An indicator as read, in the shape of an edit (its disaggregation as an id). */
export function indicatorFields(indicator: Indicator): IndicatorEdit {
  return {
    label: indicator.label,
    definition: indicator.definition,
    countingRule: indicator.countingRule,
    domain: indicator.domain,
    unitKind: indicator.unitKind,
    valueType: indicator.valueType,
    unitOfMeasure: indicator.unitOfMeasure,
    periodType: indicator.periodType,
    timeAggregation: indicator.timeAggregation,
    unitAggregation: indicator.unitAggregation,
    dimensionId: indicator.dimension?.id ?? null,
    minValue: indicator.minValue,
    maxValue: indicator.maxValue,
    required: indicator.required,
    expectedResult: indicator.expectedResult,
    networkCounterpartCode: indicator.networkCounterpartCode ?? null,
    sortOrder: indicator.sortOrder,
    activeFrom: indicator.activeFrom,
    activeTo: indicator.activeTo,
  };
}

/** Only the fields whose value differs from the indicator as read. */
export function indicatorChanges(original: Indicator, edited: IndicatorEdit): Partial<IndicatorEdit> {
  const before = indicatorFields(original);
  const changes: Partial<Record<keyof IndicatorEdit, unknown>> = {};
  for (const key of Object.keys(edited) as (keyof IndicatorEdit)[]) {
    if (edited[key] !== before[key]) changes[key] = edited[key];
  }
  return changes as Partial<IndicatorEdit>;
}

/** The changed fields that alter what the values mean (definition, counting rule, type, period…). */
export function meaningChanges(changes: Partial<IndicatorEdit>): MeaningField[] {
  return MEANING_FIELDS.filter((field) => field in changes);
}

/** Saving creates a new revision when values were entered under this one and its meaning changes. */
export function createsRevision(original: Indicator, changes: Partial<IndicatorEdit>): boolean {
  return original.valueCount > 0 && meaningChanges(changes).length > 0;
}

/** The server's default start for a new revision: 1 January of the year after `today` (`YYYY-MM-DD`). */
export function defaultEffectiveFrom(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}-01-01`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 1er janvier 2027 », « 15 mars 2026 ». */
export function longFrenchDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * What the admin reads before saving a change of meaning:
 * « Cet indicateur a 48 valeurs : modifier sa définition crée une révision 2 à partir du
 * 1er janvier 2027 ; les valeurs déjà saisies restent attachées à la révision 1. »
 */
export function revisionNotice(original: Indicator, effectiveFrom: string | null): string {
  const count = original.valueCount;
  const values = `${formatInteger(count, { narrowSpace: true })} ${count > 1 ? 'valeurs' : 'valeur'}`;
  const from = effectiveFrom ? `à partir du ${longFrenchDate(effectiveFrom)}` : 'à partir de la date choisie ci-dessous';
  return (
    `Cet indicateur a ${values} : modifier sa définition crée une révision ${original.revision + 1} ${from} ; ` +
    `les valeurs déjà saisies restent attachées à la révision ${original.revision}.`
  );
}
