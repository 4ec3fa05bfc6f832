import type { Knex } from 'knex';
import {
  campaignStatusLabels,
  submissionStatusLabels,
  formExpectation,
  type FormExpectation,
  type Campaign,
  type CellValue,
  type CollectionImportChange,
  type CollectionImportProblem,
  type CollectionImportResult,
  type Indicator,
  type Unit,
  formatMessage,
} from '@cn2r/shared';
import {
  CollectionUploadRefused,
  cellLocation,
  collectionTemplateFileName,
  valueFromRaw,
  writeCollectionTemplate,
  type CollectionTemplateData,
  type CollectionTemplateIndicator,
  type CollectionTemplatePeriod,
  type CollectionTemplateValue,
  type ParsedCollectionUpload,
} from '@cn2r/reports';
import { AppError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import { CampaignRepository, comparePeriods } from '../campaigns/campaign-repository.js';
import { valueProblem, type DataEntryService, type LoadedForm } from '../data-entry/index.js';
import type { ValueRow } from '../data-entry/data-entry-repository.js';
import { UnitRepository } from '../units/unit-repository.js';
import type { UploadParsers } from '../upload-parsing/index.js';
import { CollectionImportRepository } from './collection-import-repository.js';

type Db = Knex | Knex.Transaction;

/** The audit reason of every value written by an import: the value's history says where it came from. */
export const IMPORT_AUDIT_REASON = 'Import d’un fichier de saisie';
/** Problems listed in one answer; beyond, a last line says how many more there are. */
const MAX_PROBLEMS = 500;

/** Same value once stored: numbers are kept to four decimals. */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.00005;
  return a === b;
}

/** A change with what the write needs. */
interface PlannedChange extends CollectionImportChange {
  readonly indicatorId: number;
  readonly optionId: number | null;
  readonly version: number | undefined;
}

interface Analysis {
  readonly changes: PlannedChange[];
  readonly unchanged: number;
  readonly problems: CollectionImportProblem[];
  readonly forms: Map<string, LoadedForm | null>;
}

/**
 * A unit's collection campaign as a file: the Excel template (current values, locked periods),
 * and the import of a filled template or CSV — a dry run that writes nothing, then a confirmation
 * that writes every change in one transaction through the form's own checks, or nothing at all.
 */
export class CollectionImportService {
  private readonly units = new UnitRepository();
  private readonly campaigns = new CampaignRepository();
  private readonly files = new CollectionImportRepository();
  private readonly indicators = new IndicatorRepository();

  constructor(
    private readonly db: Knex,
    private readonly forms: DataEntryService,
    private readonly parsers: UploadParsers,
  ) {}

  async template(actor: Actor, unitId: number, year: number): Promise<{ fileName: string; bytes: Buffer }> {
    const { unit, campaign } = await this.context(this.db, unitId, year);
    const periods = campaign.periods.map((p) => p.period).sort(comparePeriods);
    const templatePeriods: CollectionTemplatePeriod[] = [];
    const indicators = new Map<string, { indicator: Indicator; periods: string[] }>();
    const values: CollectionTemplateValue[] = [];

    const catalogue = await this.indicators.dueCatalogue(this.db);
    for (const period of periods) {
      const expectation = formExpectation(period, unit, catalogue);
      if (expectation !== 'expected') {
        templatePeriods.push({ code: period, editable: false, lockedReason: expectation === 'unit_closed' ? 'Centre non ouvert' : 'Rien à déclarer' });
        continue;
      }
      const form = await this.forms.load(this.db, unit.id, period);
      const refusal = this.forms.editableFor(actor, form);
      templatePeriods.push({ code: period, editable: refusal === null, lockedReason: refusal ? this.lockedReason(form, campaign) : null });
      for (const indicator of form.own) {
        const entry = indicators.get(indicator.code);
        // The revision in force on the latest period wins for the wording.
        indicators.set(indicator.code, { indicator, periods: [...(entry?.periods ?? []), period] });
      }
      for (const value of form.values) {
        const indicator = form.own.find((i) => i.id === value.indicatorId);
        if (!indicator) continue;
        const option = indicator.dimension?.options.find((o) => o.id === value.optionId);
        values.push({ indicatorCode: indicator.code, optionCode: option?.code ?? null, period, value: value.value, reopened: value.reopened });
      }
    }

    const data: CollectionTemplateData = {
      unit: { code: unit.code, name: unit.name },
      year,
      asOf: (await this.files.dataDate(this.db, campaign.id, unit.id, periods)).toISOString(),
      periods: templatePeriods,
      indicators: [...indicators.values()].map(({ indicator, periods }): CollectionTemplateIndicator => ({
        code: indicator.code,
        label: indicator.label,
        definition: indicator.definition,
        unitOfMeasure: indicator.unitOfMeasure,
        valueType: indicator.valueType,
        periodType: indicator.periodType,
        minValue: indicator.minValue,
        maxValue: indicator.maxValue,
        required: indicator.required,
        options: indicator.dimension?.options.map((o) => ({ code: o.code, label: o.label })) ?? [],
        periods,
      })),
      values,
    };
    return { fileName: collectionTemplateFileName(unit.code, year), bytes: await writeCollectionTemplate(data) };
  }

  /**
   * Checks a file against the catalogue, the campaign and the current values. A dry run answers
   * with the changes and the problems and writes nothing; a confirmation writes every change in one
   * transaction (each value audited like a form save, plus one `import.applied` row), or nothing
   * when any problem remains (422 listing them).
   */
  async importFile(actor: Actor, unitId: number, year: number, file: Buffer, dryRun: boolean): Promise<CollectionImportResult> {
    const parsed = await this.parse(file);
    const { unit, campaign } = await this.context(this.db, unitId, year);
    if (parsed.unitCode !== null && parsed.unitCode !== unit.code) {
      throw new ValidationError(formatMessage('collection_import.other_unit', { fileUnit: parsed.unitCode, unitName: unit.name, unitCode: unit.code }));
    }
    if (parsed.year !== null && parsed.year !== year) {
      throw new ValidationError(formatMessage('collection_import.other_year', { fileYear: parsed.year, year }));
    }

    if (dryRun) {
      const analysis = await this.analyse(this.db, actor, unit, campaign, parsed, false);
      return this.result(analysis, true, false);
    }

    return this.db.transaction(async (trx) => {
      const analysis = await this.analyse(trx, actor, unit, campaign, parsed, true);
      if (analysis.problems.length > 0) {
        const n = analysis.problems.length;
        throw new ValidationError(
          formatMessage('collection_import.refused', { problems: n }),
          this.capped(analysis.problems).map((p) => ({ path: p.location, message: p.message })),
        );
      }
      // Set-based: the form's checks on every value in memory, then a few multi-row writes (one audit row per value).
      await this.forms.writeValues(
        trx,
        actor,
        analysis.changes.map((change) => ({
          form: analysis.forms.get(change.period)!,
          input: { indicatorId: change.indicatorId, optionId: change.optionId, value: change.after, version: change.version },
        })),
        IMPORT_AUDIT_REASON,
      );
      await recordAudit(trx, actor, {
        action: 'import.applied',
        entityType: 'unit',
        entityId: unit.id,
        after: {
          year,
          format: parsed.format,
          changes: analysis.changes.length,
          unchanged: analysis.unchanged,
          periods: [...new Set(analysis.changes.map((c) => c.period))].sort(comparePeriods),
        },
      });
      return this.result(analysis, false, true);
    });
  }

  // ---- internals ----

  private async parse(file: Buffer): Promise<ParsedCollectionUpload> {
    try {
      return await this.parsers.collection(file);
    } catch (error) {
      if (!(error instanceof CollectionUploadRefused)) throw error;
      if (error.reason === 'too_large') throw new AppError(413, 'payload_too_large', error.message);
      if (error.reason === 'unsupported') throw new AppError(415, 'unsupported_media_type', error.message);
      throw new ValidationError(error.message);
    }
  }

  private async context(db: Db, unitId: number, year: number): Promise<{ unit: Unit; campaign: Campaign }> {
    const unit = await this.units.findById(db, unitId);
    if (!unit) throw new NotFoundError(formatMessage('units.not_found'));
    const campaign = await this.campaigns.findByYear(db, year);
    if (!campaign) throw new NotFoundError(formatMessage('campaigns.none_for_year', { year }));
    return { unit, campaign };
  }

  /** A short reason for a locked column: the submission's status or the campaign's. */
  private lockedReason(form: LoadedForm, campaign: Campaign): string {
    const status = form.submission?.status;
    if (status === 'submitted' || status === 'validated') return submissionStatusLabels[status];
    if (form.schedule && form.schedule.campaignStatus !== 'open') return `Campagne ${campaignStatusLabels[form.schedule.campaignStatus].toLowerCase()}`;
    return `Campagne ${campaignStatusLabels[campaign.status].toLowerCase()}`;
  }

  private async analyse(db: Db, actor: Actor, unit: Unit, campaign: Campaign, parsed: ParsedCollectionUpload, lock: boolean): Promise<Analysis> {
    const problems: CollectionImportProblem[] = [...parsed.problems];
    const changes: PlannedChange[] = [];
    let unchanged = 0;
    const inCampaign = new Set(campaign.periods.map((p) => p.period));
    const forms = new Map<string, LoadedForm | null>();
    const notExpected = new Map<string, Exclude<FormExpectation, 'expected'>>();
    const catalogue = await this.indicators.dueCatalogue(db);
    for (const period of [...new Set(parsed.cells.map((c) => c.period))].filter((p) => inCampaign.has(p)).sort(comparePeriods)) {
      const expectation = formExpectation(period, unit, catalogue);
      if (expectation !== 'expected') notExpected.set(period, expectation);
      forms.set(period, expectation === 'expected' ? await this.forms.load(db, unit.id, period, lock) : null);
    }
    const asOf = parsed.asOf ? new Date(parsed.asOf) : null;
    const seen = new Map<string, string>();

    for (const cell of parsed.cells) {
      const location = cellLocation(cell);
      // An empty cell where nothing is expected is no problem: locked columns of the template are empty.
      const problem = (message: string, evenIfEmpty = false) => {
        if (evenIfEmpty || cell.raw !== null) problems.push({ location, message });
      };
      if (!inCampaign.has(cell.period)) {
        problem(formatMessage('collection_import.period_not_in_campaign', { period: cell.period, year: campaign.year }));
        continue;
      }
      const form = forms.get(cell.period)!;
      if (form === null) {
        problem(
          notExpected.get(cell.period) === 'nothing_due'
            ? formatMessage('collection_import.nothing_due', { unit: unit.name, period: cell.period })
            : formatMessage('collection_import.unit_closed', { unit: unit.name, period: cell.period }),
        );
        continue;
      }
      const indicator = form.own.find((i) => i.code === cell.indicatorCode);
      if (!indicator) {
        problem(formatMessage('collection_import.unknown_indicator', { code: cell.indicatorCode, period: cell.period }));
        continue;
      }
      let option: { id: number; code: string; label: string } | undefined;
      if (indicator.dimension) {
        const options = indicator.dimension.options;
        const codes = options.map((o) => o.code);
        if (cell.optionCode === null) {
          problem(formatMessage('collection_import.option_missing', { code: indicator.code, options: codes }));
          continue;
        }
        option = options.find((o) => o.code === cell.optionCode) ?? options.find((o) => o.code.toLowerCase() === cell.optionCode!.toLowerCase());
        if (!option) {
          problem(formatMessage('collection_import.unknown_option', { option: cell.optionCode, code: indicator.code, options: codes }));
          continue;
        }
      } else if (cell.optionCode !== null) {
        problem(formatMessage('collection_import.not_broken_down', { code: indicator.code }));
        continue;
      }
      const slot = `${cell.period}|${indicator.id}|${option?.id ?? ''}`;
      const first = seen.get(slot);
      if (first) {
        problem(formatMessage('collection_import.duplicate', { first }), true);
        continue;
      }
      seen.set(slot, location);

      const label = option ? `${indicator.label} — ${option.label}` : indicator.label;
      const read = valueFromRaw(cell.raw, indicator.valueType);
      if (!read.ok) {
        problem(formatMessage('validation.field', { path: label, message: read.message }), true);
        continue;
      }
      const after = read.value;
      const invalid = valueProblem(indicator, after);
      if (invalid) {
        problem(formatMessage('validation.field', { path: label, message: invalid }), true);
        continue;
      }
      const existing: ValueRow | undefined = form.values.find((v) => v.indicatorId === indicator.id && v.optionId === (option?.id ?? null));
      const before = existing?.value ?? null;
      if (sameValue(before, after)) {
        unchanged++;
        continue;
      }
      const refusal = this.forms.editableFor(actor, form, existing);
      if (refusal) {
        problem(formatMessage('collection_import.cell_refused', { label, period: cell.period, message: refusal.message }), true);
        continue;
      }
      if (asOf && existing && existing.updatedAt > asOf) {
        problem(
          formatMessage('collection_import.changed_since_template', { label, at: existing.updatedAt, by: existing.updatedBy, value: before }),
          true,
        );
        continue;
      }
      changes.push({
        period: cell.period,
        indicatorCode: indicator.code,
        optionCode: option?.code ?? null,
        label,
        before,
        after,
        indicatorId: indicator.id,
        optionId: option?.id ?? null,
        version: existing?.version,
      });
    }
    return { changes, unchanged, problems, forms };
  }

  private capped(problems: readonly CollectionImportProblem[]): CollectionImportProblem[] {
    if (problems.length <= MAX_PROBLEMS) return [...problems];
    const more = problems.length - MAX_PROBLEMS;
    return [...problems.slice(0, MAX_PROBLEMS), { location: 'Fichier', message: formatMessage('collection_import.more_problems', { more }) }];
  }

  private result(analysis: Analysis, dryRun: boolean, applied: boolean): CollectionImportResult {
    return {
      dryRun,
      changes: analysis.changes.map(({ period, indicatorCode, optionCode, label, before, after }) => ({ period, indicatorCode, optionCode, label, before, after })),
      unchanged: analysis.unchanged,
      problems: this.capped(analysis.problems),
      applied,
    };
  }
}
