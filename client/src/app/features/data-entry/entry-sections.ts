import {
  type CellValue,
  Domain,
  type Indicator,
  type ReferenceValue,
  type RuleValue,
  buildRuleLookup,
  domainLabels,
  parsePeriod,
} from '@cn2r/shared';

export interface DomainSection<T> {
  readonly domain: Domain;
  readonly label: string;
  readonly items: T[];
}

/** Items grouped by their indicator's domain, domains in the catalogue's order, indicators by their order then code. */
export function sectionsByDomain<T>(items: readonly T[], indicatorOf: (item: T) => Pick<Indicator, 'domain' | 'sortOrder' | 'code'>): DomainSection<T>[] {
  return Domain.options
    .map((domain) => ({
      domain,
      label: domainLabels[domain],
      items: items
        .filter((item) => indicatorOf(item).domain === domain)
        .sort((a, b) => {
          const [x, y] = [indicatorOf(a), indicatorOf(b)];
          return x.sortOrder - y.sortOrder || x.code.localeCompare(y.code, 'fr');
        }),
    }))
    .filter((section) => section.items.length > 0);
}

/** The indicators entered on a form of this period: those of its period type (finer ones only feed rules). */
export function entryIndicators(indicators: readonly Indicator[], period: string): Indicator[] {
  const type = parsePeriod(period).type;
  return indicators.filter((i) => i.periodType === type);
}

/** Only counts and quantities add up; a sum of delays or percentages would mean nothing. */
export function hasTotalRow(indicator: Pick<Indicator, 'dimension' | 'valueType'>): boolean {
  return indicator.dimension !== null && (indicator.valueType === 'count' || indicator.valueType === 'decimal');
}

/** One value of a reference period (previous period, last year), undefined when there is none. */
export function referenceValue(values: readonly ReferenceValue[], indicatorId: number, optionId: number | null): CellValue | undefined {
  return values.find((v) => v.indicatorId === indicatorId && v.optionId === optionId)?.value;
}

/**
 * The total of a disaggregated indicator as the rules read it (the shared lookup): the sum of
 * the options entered, null when none is.
 */
export function indicatorTotal(indicator: Indicator, period: string, values: readonly RuleValue[]): number | null {
  return buildRuleLookup({ period, indicators: [indicator], values })(indicator.code);
}
