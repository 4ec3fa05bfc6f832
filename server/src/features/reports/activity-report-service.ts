import type { Knex } from 'knex';
import {
  activitySectionLabels,
  aggregateAcrossUnits,
  aggregateOverTime,
  aggregateTotalOverTime,
  achievementBp,
  deliverableStatusLabels,
  meetingKindLabels,
  memberCategoryLabels,
  expectedResultLabels,
  figureChange,
  networkFigureLabel,
  optionsAdditiveByDefault,
  staffCategoryLabels,
  ExpectedResult,
  type ActivityNarratives,
  type ActivityReportData,
  type AnnualCollectionCompleteness,
  type AnnualExpectedResultSection,
  type AnnualKeyFigure,
  type AnnualNetworkIndicator,
  type AnnualReportUnit,
  type StaffCategory,
  type Unit,
  type AnnualUnitAnnex,
  CARE_OFFER_KIND_VALUES,
  careOfferKindLabels,
} from '@cn2r/shared';
import { systemActor } from '../auth/actor.js';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import type { CompletenessService } from '../completeness/index.js';
import { CareOfferRepository } from '../care-offer/care-offer-repository.js';
import { GovernanceRepository } from '../governance/governance-repository.js';
import { UnitRepository } from '../units/unit-repository.js';
import { ReportRepository, type ReportDimensionRow, type ReportIndicatorRow, type ValidatedValueRow } from './report-repository.js';
import { NetworkFigures } from './network-figures.js';
import { StaffFigures } from './staff-figures.js';

/** The organisation named on the documents. */
export const ORGANISATION = 'Centre national de ressources et de résilience (CN2R)';

/** Indicators read as figures (text and yes/no answers are not aggregated in the reports). */
const NUMERIC = new Set(['count', 'decimal', 'percentage', 'days']);

/**
 * Key figures of the activity report, in order: catalogue codes (absent codes are left out). A
 * disaggregated indicator whose options do not add up (the median delay, adult / minor) gives one
 * figure per option (`ACT_WAIT_D[adulte]`), since it has no total.
 */
const KEY_CODES = ['ACT_FA', 'ACT_NEW', 'ACT_CS', 'ACT_WAIT_N', 'ACT_WAIT_D', 'FOR_SESS', 'FOR_PERS', 'NET_REF', 'RES_PUB'] as const;

const yearOf = (period: string) => Number(period.slice(0, 4));
const toCount = (v: number | null) => (v === null ? null : Math.round(v));

/** What the aggregation reads of an indicator: a report row, with whether its options add up when the catalogue was read. */
export type AggregatedIndicator = Pick<ReportIndicatorRow, 'code' | 'valueType' | 'timeAggregation' | 'unitAggregation'> & {
  /** The catalogue's `optionsAdditive`; absent: the value type's default (counts add up, nothing else does). */
  readonly optionsAdditive?: boolean;
};

/** Whether a disaggregated indicator has a total (the sum of its options). */
export const optionsAddUp = (indicator: AggregatedIndicator): boolean => indicator.optionsAdditive ?? optionsAdditiveByDefault(indicator.valueType);

/** The report row's own code of an option: `ACT_WAIT_D[adulte]`, as the consistency rules name it. */
const optionCode = (code: string, option: string) => `${code}[${option}]`;

/**
 * Aggregates validated values by the catalogue's rules: over the periods of a year within a
 * unit (time aggregation), then across units (unit aggregation). The total of a disaggregated
 * indicator is never entered: when its options add up, a unit's total is the time aggregation of
 * its period totals (each the exact sum of the period's options — so `last` is the latest
 * quarter's total, `max` the highest quarter's), whatever the time aggregation; when they do not
 * (a median delay split adult / minor), there is no total (null), only the options' values. A
 * value entered without option (under a revision without disaggregation) counts as its own total.
 */
export class IndicatorAggregates {
  /** `unitId|code|year` → the year's values of every option ('' for a value entered without option). */
  private readonly cells = new Map<string, { period: string; option: string; value: number }[]>();
  private readonly memo = new Map<string, number | null>();

  constructor(values: readonly ValidatedValueRow[]) {
    for (const v of values) {
      const key = `${v.unitId}|${v.indicatorCode}|${yearOf(v.period)}`;
      let list = this.cells.get(key);
      if (!list) this.cells.set(key, (list = []));
      list.push({ period: v.period, option: v.optionCode ?? '', value: v.value });
    }
  }

  /**
   * A unit's value of one option (or the total with `option` null) in a year. `dimension` is no
   * longer read (the options come with the values); kept so that every caller stays the same.
   */
  unitValue(unitId: number, indicator: AggregatedIndicator, year: number, option: string | null, _dimension?: ReportDimensionRow | null): number | null {
    const key = `${unitId}|${indicator.code}|${option === null ? '*' : `=${option}`}|${year}`;
    if (this.memo.has(key)) return this.memo.get(key)!;
    const points = this.cells.get(`${unitId}|${indicator.code}|${year}`) ?? [];
    let value: number | null;
    if (option !== null) value = aggregateOverTime(points.filter((p) => p.option === option), indicator.timeAggregation);
    else if (optionsAddUp(indicator)) value = aggregateTotalOverTime(points, indicator.timeAggregation);
    else value = aggregateOverTime(points.filter((p) => p.option === ''), indicator.timeAggregation);
    this.memo.set(key, value);
    return value;
  }

  networkValue(unitIds: readonly number[], indicator: AggregatedIndicator, year: number, option: string | null, dimension?: ReportDimensionRow | null): number | null {
    return aggregateAcrossUnits(
      unitIds.map((u) => this.unitValue(u, indicator, year, option, dimension)),
      indicator.unitAggregation,
    );
  }
}

const openDuring = (u: Unit, year: number) => u.openedOn <= `${year}-12-31` && (u.closedOn === null || u.closedOn >= `${year}-01-01`);

/**
 * The data of the activity report of a year (N, with N-1 and N-2): validated values only,
 * aggregated across units by each indicator's rules; per-unit tables; the funder's four expected
 * results with targets against actuals; training; research; completeness and timeliness of the
 * collection per unit; annexes per unit. No personal data: staff by category only.
 */
export class ActivityReportService {
  private readonly repo = new ReportRepository();
  private readonly units = new UnitRepository();
  private readonly catalogue = new IndicatorRepository();
  private readonly governance = new GovernanceRepository();
  private readonly careOffer = new CareOfferRepository();

  constructor(
    private readonly db: Knex,
    private readonly completeness: CompletenessService,
    /** The application's public address, for the open export's link in the mapping result. */
    private readonly publicUrl = '',
  ) {}

  /** `validatedValues`: those of N-2…N when the caller has read them already (one reading for both reports of a version). */
  async data(year: number, options: { generatedAt: string; narratives: ActivityNarratives; validatedValues?: Promise<ValidatedValueRow[]> }): Promise<ActivityReportData> {
    const years = [year, year - 1, year - 2] as const;
    const [allUnits, indicatorRows, additive, dimensions, values, targets, staffByCategory] = await Promise.all([
      this.units.list(this.db),
      this.repo.listIndicators(this.db),
      this.catalogue.optionsAdditiveById(this.db),
      this.repo.listDimensions(this.db),
      options.validatedValues ?? this.repo.validatedValues(this.db, year - 2, year),
      this.repo.targets(this.db, [year, year - 1]),
      new StaffFigures(this.db).byCategory(year),
    ]);
    const [members, meetings, deliberations, deliverables] = await Promise.all([
      this.governance.listMembers(this.db, { activeIn: year }),
      this.governance.listMeetings(this.db, year),
      this.governance.listDeliberations(this.db, year),
      this.governance.listDeliverables(this.db, year),
    ]);
    const units = allUnits.filter((u) => openDuring(u, year)).sort((a, b) => (a.kind === b.kind ? a.code.localeCompare(b.code) : a.kind === 'crp' ? -1 : 1));
    const indicators = currentRevisions(indicatorRows, year)
      .filter((i) => NUMERIC.has(i.valueType))
      .map((i) => ({ ...i, optionsAdditive: additive.get(i.id) ?? optionsAdditiveByDefault(i.valueType) }));
    type Row = (typeof indicators)[number];
    const dimensionOf = new Map(dimensions.map((d) => [d.id, d]));
    /** The options of an indicator that has no total (disaggregated, options not adding up); null otherwise. */
    const splitOptions = (i: Row) => (i.dimensionId !== null && !i.optionsAdditive ? dimensionOf.get(i.dimensionId)!.options : null);
    // The one definition of a network figure (NetworkFigures): the units of the indicator's own
    // kind, so the CN2R's activity is never in a network total; its counterparts are shown beside.
    const figures = new NetworkFigures(allUnits, indicators, values);
    const agg = { unitValue: (unitId: number, i: Row, y: number, option: string | null) => figures.unitValue(unitId, i.code, y, option) };
    const unitIdsOf = (kind: 'crp' | 'cn2r', y: number) => figures.unitIds(kind, y);

    const network = (i: Row, y: number, option: string | null = null) => figures.value(i.code, y, option);
    const byCode = new Map(indicators.map((i) => [i.code, i]));

    const crpIndicators = indicators.filter((i) => i.unitKind === 'crp');
    const networkActivity: AnnualNetworkIndicator[] = crpIndicators.flatMap((i): AnnualNetworkIndicator[] => {
      const dimension = i.dimensionId ? dimensionOf.get(i.dimensionId)! : null;
      const base = { unitOfMeasure: i.unitOfMeasure, valueType: i.valueType, domain: i.domain, unitAggregation: i.unitAggregation };
      const unitsOfKind = units.filter((u) => u.kind === i.unitKind);
      const split = splitOptions(i);
      if (split) {
        // No total: one row per option, over three years, with its own per-unit table.
        return split.map((o) => {
          const [n, n1, n2] = years.map((y) => network(i, y, o.code));
          return {
            ...base,
            code: optionCode(i.code, o.code),
            label: `${i.label} — ${o.label}`,
            n,
            n1,
            n2,
            changeBp: relativeChangeBp(i.valueType, n, n1),
            disaggregation: null,
            byUnit: unitsOfKind.map((u) => {
              const [un, un1, un2] = years.map((y) => agg.unitValue(u.id, i, y, o.code));
              return { unitCode: u.code, n: un, n1: un1, n2: un2, options: [] };
            }),
          };
        });
      }
      const [n, n1, n2] = years.map((y) => network(i, y));
      return [
        {
          ...base,
          code: i.code,
          label: i.label,
          n,
          n1,
          n2,
          changeBp: relativeChangeBp(i.valueType, n, n1),
          disaggregation: dimension
            ? {
                dimensionCode: dimension.code,
                dimensionLabel: dimension.label,
                sensitive: dimension.sensitive,
                options: dimension.options.map((o) => ({ optionCode: o.code, optionLabel: o.label, value: network(i, year, o.code), sensitive: dimension.sensitive })),
              }
            : null,
          byUnit: unitsOfKind.map((u) => {
            const [un, un1, un2] = years.map((y) => agg.unitValue(u.id, i, y, null));
            return {
              unitCode: u.code,
              n: un,
              n1: un1,
              n2: un2,
              options: dimension
                ? dimension.options.map((o) => ({ optionCode: o.code, optionLabel: o.label, value: agg.unitValue(u.id, i, year, o.code), sensitive: dimension.sensitive }))
                : [],
            };
          }),
        },
      ];
    });

    const figureKind = (i: Row) => (i.valueType === 'days' ? ('days' as const) : i.valueType === 'percentage' ? ('percent' as const) : ('count' as const));
    const keyFigures: AnnualKeyFigure[] = [
      { code: 'UNITS', label: 'Centres du réseau ouverts dans l’année', kind: 'count', n: unitIdsOf('crp', year).length, n1: unitIdsOf('crp', year - 1).length, n2: unitIdsOf('crp', year - 2).length },
      ...KEY_CODES.flatMap((code): AnnualKeyFigure[] => {
        const i = byCode.get(code);
        if (!i) return [];
        const split = splitOptions(i);
        if (split) {
          return split.map((o) => {
            const [n, n1, n2] = years.map((y) => network(i, y, o.code));
            return { code: optionCode(code, o.code), label: `${i.label} — ${o.label}`, kind: figureKind(i), n, n1, n2 };
          });
        }
        const [n, n1, n2] = years.map((y) => network(i, y));
        // The CN2R's own figure of the same activity beside the network's, never added to it.
        const beside = figures.cn2rCounterparts(code).map((c): AnnualKeyFigure => {
          const [cn, cn1, cn2] = years.map((y) => network(c, y));
          return { code: c.code, label: c.label, kind: figureKind(c), n: cn, n1: cn1, n2: cn2 };
        });
        const label = networkFigureLabel(i.label, beside.length > 0);
        return [{ code, label, kind: figureKind(i), n, n1, n2 }, ...beside];
      }),
    ];

    const registry = await this.careOffer.yearSummary(this.db, year);
    const careOffer =
      registry.total === 0
        ? undefined
        : {
            total: registry.total,
            byKind: CARE_OFFER_KIND_VALUES.filter((k) => registry.byKind.has(k)).map((k) => ({ label: careOfferKindLabels[k], count: registry.byKind.get(k)! })),
            byRegion: [...registry.byRegion].sort(([a], [b]) => a.localeCompare(b, 'fr')).map(([region, count]) => ({ region, count })),
            openDataUrl: `${this.publicUrl.replace(/\/$/, '')}/api/open-data/care-offer.geojson`,
          };
    const expectedResults: AnnualExpectedResultSection[] = ExpectedResult.options.map((key) => ({
      key,
      label: expectedResultLabels[key],
      indicators: indicators
        .filter((i) => i.expectedResult === key)
        .map((i) => {
          const actual = network(i, year);
          const target = targets.get(`${i.code}|${year}`) ?? null;
          const label = networkFigureLabel(i.label, figures.cn2rCounterparts(i.code).length > 0);
          return { code: i.code, label, unitOfMeasure: i.unitOfMeasure, target, actual, achievementBp: achievementBp(actual, target), n1: network(i, year - 1) };
        }),
      // The year's deliverables of the result (governance records), by date.
      deliverables: deliverables.filter((d) => d.expectedResult === key).map((d) => ({ title: d.title, date: d.dueOn, status: deliverableStatusLabels[d.status] })),
      ...(key === 'mapping' && careOffer ? { careOffer } : {}),
    }));

    const count3 = (code: string, option: string | null = null) => {
      const i = byCode.get(code);
      const [n, n1, n2] = years.map((y) => (i ? toCount(network(i, y, option)) : null));
      return { n, n1, n2 };
    };
    const optionsOf = (code: string) => {
      const i = byCode.get(code);
      return i?.dimensionId ? dimensionOf.get(i.dimensionId)!.options : [];
    };
    const unitCount = (code: string, unitId: number, option: string | null = null) => {
      const i = byCode.get(code);
      if (!i) return null;
      return toCount(agg.unitValue(unitId, i, year, option));
    };
    const sumCounts = (...parts: (number | null)[]) => (parts.every((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0));
    const crpUnits = units.filter((u) => u.kind === 'crp');

    // Training: the network's sessions and trainees (the centres'), and the CN2R's own trainings
    // beside them (its indicators that name FOR_SESS / FOR_PERS as network counterpart), never added.
    const cn2rBeside = (code: string) => {
      const parts = figures.cn2rCounterparts(code).map((c) => count3(c.code));
      if (parts.length === 0) return { n: null, n1: null, n2: null };
      return { n: sumCounts(...parts.map((p) => p.n)), n1: sumCounts(...parts.map((p) => p.n1)), n2: sumCounts(...parts.map((p) => p.n2)) };
    };
    const training = {
      sessions: count3('FOR_SESS'),
      trained: count3('FOR_PERS'),
      cn2rSessions: cn2rBeside('FOR_SESS'),
      cn2rTrained: cn2rBeside('FOR_PERS'),
      byAudience: optionsOf('FOR_SESS').map((o) => ({
        code: o.code,
        label: o.label,
        sessions: byCode.get('FOR_SESS') ? toCount(network(byCode.get('FOR_SESS')!, year, o.code)) : null,
        trained: byCode.get('FOR_PERS') ? toCount(network(byCode.get('FOR_PERS')!, year, o.code)) : null,
      })),
      // The centres only: their total is the network's; the CN2R's trainings are in the first table.
      byUnit: crpUnits.map((u) => ({
        unitCode: u.code,
        sessions: unitCount('FOR_SESS', u.id),
        trained: unitCount('FOR_PERS', u.id),
      })),
    };

    const research = {
      projectsLead: count3('RES_PROJ', 'porteur'),
      projectsPartner: count3('RES_PROJ', 'partenaire'),
      publications: count3('RES_PUB'),
      grants: optionsOf('CN2R_BOURSES').map((o) => ({ code: o.code, label: o.label, count: toCount(network(byCode.get('CN2R_BOURSES')!, year, o.code)) })),
      byUnit: crpUnits.map((u) => ({
        unitCode: u.code,
        projectsLead: unitCount('RES_PROJ', u.id, 'porteur'),
        projectsPartner: unitCount('RES_PROJ', u.id, 'partenaire'),
        publications: unitCount('RES_PUB', u.id),
      })),
    };

    const annexes: AnnualUnitAnnex[] = units.map((u) => ({
      unitCode: u.code,
      rows: indicators
        .filter((i) => i.unitKind === u.kind)
        .flatMap((i) => {
          const dimension = i.dimensionId ? dimensionOf.get(i.dimensionId)! : null;
          const total = {
            indicatorCode: i.code,
            label: i.label,
            unitOfMeasure: i.unitOfMeasure,
            optionLabel: null,
            n: agg.unitValue(u.id, i, year, null),
            n1: agg.unitValue(u.id, i, year - 1, null),
            sensitive: false,
          };
          const options = (dimension?.options ?? []).map((o) => ({
            ...total,
            optionLabel: o.label,
            n: agg.unitValue(u.id, i, year, o.code),
            n1: agg.unitValue(u.id, i, year - 1, o.code),
            sensitive: dimension!.sensitive,
          }));
          // Options that do not add up have no total row: their values only.
          return splitOptions(i) ? options : [total, ...options];
        }),
    }));

    return {
      year,
      generatedAt: options.generatedAt,
      organisation: ORGANISATION,
      narratives: options.narratives,
      units: units.map(toReportUnit),
      keyFigures,
      governance: {
        // From the governance records: members during the year, the year's meetings and deliberations.
        members: members.map((m) => ({ name: m.name, kind: memberCategoryLabels[m.category], rightsBp: m.rightsBp })),
        meetings: meetings.map((m) => ({
          body: m.bodyKind,
          label: `${m.bodyName} — séance ${meetingKindLabels[m.kind].toLowerCase()}`,
          date: m.heldOn,
          present: m.attendees.filter((a) => a.attendance === 'present').length,
          represented: m.attendees.filter((a) => a.attendance === 'represented').length,
          quorumReached: m.quorumReached,
        })),
        deliberations: deliberations.map((d) => ({ number: d.number, date: d.adoptedOn, title: d.title, votesFor: d.votesFor, votesAgainst: d.votesAgainst, abstentions: d.abstentions })),
        staff: staffByCategory.map((c) => ({ category: c.category, label: staffCategoryLabels[c.category as StaffCategory], etpt: c.totalEtpt })),
      },
      networkActivity,
      expectedResults,
      training,
      research,
      dataCollection: await this.collection(year, units),
      annexes,
    };
  }

  /** Forms expected, submitted, validated and on time per unit, from the completeness board (pro rata of the opening). */
  private async collection(year: number, units: readonly Unit[]): Promise<ActivityReportData['dataCollection']> {
    let board;
    try {
      board = await this.completeness.forYear(systemActor('rapport annuel'), year);
    } catch {
      board = null; // no campaign that year: nothing was expected
    }
    const rows: AnnualCollectionCompleteness[] = units.map((u) => {
      const cells = board?.cells.filter((c) => c.unitId === u.id && c.expected) ?? [];
      const submitted = cells.filter((c) => c.status === 'submitted' || c.status === 'validated').length;
      const onTime = cells.filter((c) => c.submittedOnTime === true).length;
      return {
        unitCode: u.code,
        expected: cells.length,
        submitted,
        validated: cells.filter((c) => c.status === 'validated').length,
        onTime,
        completenessBp: achievementBp(submitted, cells.length),
        timelinessBp: achievementBp(onTime, cells.length),
      };
    });
    const sum = (k: 'expected' | 'submitted' | 'validated' | 'onTime') => rows.reduce((s, r) => s + r[k], 0);
    return {
      network: {
        expected: sum('expected'),
        submitted: sum('submitted'),
        validated: sum('validated'),
        onTime: sum('onTime'),
        completenessBp: achievementBp(sum('submitted'), sum('expected')),
        timelinessBp: achievementBp(sum('onTime'), sum('expected')),
      },
      byUnit: rows,
    };
  }
}

export const ACTIVITY_SECTION_TITLES = activitySectionLabels;

/** The relative change of a count or an amount; none for a rate (a percentage indicator changes in points: the documents' points column). */
function relativeChangeBp(valueType: string, n: number | null, n1: number | null): number | null {
  const change = figureChange(n, n1, valueType === 'percentage' ? 'rate_percent' : 'quantity');
  return change?.unit === 'percent' ? change.bp : null;
}

function toReportUnit(u: Unit): AnnualReportUnit {
  return { code: u.code, name: u.name, region: u.region ?? null, kind: u.kind, openedOn: u.openedOn, closedOn: u.closedOn };
}

/** Per code, the revision in force at the end of the year (else the latest one). */
export function currentRevisions(rows: readonly ReportIndicatorRow[], year: number): ReportIndicatorRow[] {
  const end = `${year}-12-31`;
  const byCode = new Map<string, ReportIndicatorRow>();
  for (const r of rows) {
    const current = byCode.get(r.code);
    const inForce = r.activeFrom <= end;
    if (!current || (inForce && (current.activeFrom > end || r.revision > current.revision))) byCode.set(r.code, r);
  }
  return [...byCode.values()].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}
