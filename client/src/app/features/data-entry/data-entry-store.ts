import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, type Signal, computed, inject, signal } from '@angular/core';
import {
  type CellValue,
  type DataEntryForm,
  type FormValue,
  type Indicator,
  type RuleResult,
  type RuleValue,
  type Submission,
  isPeriodCode,
  periodShortLabel,
} from '@cn2r/shared';
import { Observable, map, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { DataEntryApi } from './data-entry-api';
import { isMaskedCount } from './cell-checks';
import { EntryCell } from './entry-cell';
import { type DomainSection, entryIndicators, hasTotalRow, indicatorTotal, referenceValue, sectionsByDomain } from './entry-sections';
import { type PanelRuleResult, panelRuleResults } from './live-rule-results';
import { SaveQueue } from './save-queue';
import { submitBlockers } from './submit-blockers';

export interface EntryRow {
  readonly cell: EntryCell;
  readonly previous: CellValue | undefined;
  readonly lastYear: CellValue | undefined;
}

/** One indicator on the form: a row per option (or a single row), and the total of a disaggregated count. */
export interface IndicatorBlock {
  readonly indicator: Indicator;
  readonly rows: EntryRow[];
  readonly total: Signal<number | null> | null;
  readonly previousTotal: number | null;
  readonly lastYearTotal: number | null;
}

/** Short labels of the three periods in a form's columns. */
export interface PeriodColumns {
  readonly current: string;
  readonly previous: string;
  readonly lastYear: string;
}

export const EXPLANATION_DEBOUNCE_MS = 800;

const UNSAVED = new Set(['pending', 'saving', 'error', 'conflict', 'invalid']);

/**
 * The state of one data-entry page: the form as loaded, a field per value with its autosave,
 * the rule results as you type, and what still blocks the submission.
 */
@Injectable()
export class DataEntryStore {
  private readonly api = inject(DataEntryApi);
  private readonly auth = inject(AuthService);

  private unitId = 0;
  private period = '';
  readonly queue = new SaveQueue();

  readonly form = signal<DataEntryForm | null>(null);
  readonly loading = signal(false);
  /** Why the form cannot be shown (not validated yet, unit closed, wrong address…). */
  readonly loadError = signal<string | null>(null);
  readonly submission = signal<Submission | null>(null);
  readonly serverResults = signal<RuleResult[]>([]);
  readonly cells = signal<EntryCell[]>([]);
  readonly sections = signal<DomainSection<IndicatorBlock>[]>([]);
  readonly columns = signal<PeriodColumns>({ current: '', previous: '', lastYear: '' });
  private readonly explanations = signal<ReadonlyMap<number, string>>(new Map());
  /** Per warning: « saving », « saved » or « error », for the hint under its explanation. */
  readonly explanationStates = signal<ReadonlyMap<number, 'saving' | 'saved' | 'error'>>(new Map());
  private readonly explanationTimers = new Map<number, ReturnType<typeof setTimeout>>();

  readonly isAdmin = computed(() => this.auth.can('forms.review'));
  /** Unit leads and the coordination enter values; finance and the board read validated forms. */
  readonly canEnter = computed(() => this.auth.can('forms.write'));
  readonly formEditable = computed(() => this.form()?.editable === true && this.canEnter());

  readonly liveValues = computed<RuleValue[]>(() =>
    this.cells().map((cell) => ({ indicatorId: cell.indicator.id, optionId: cell.option?.id ?? null, value: cell.check().value })),
  );

  readonly ruleResults = computed<PanelRuleResult[]>(() => {
    const form = this.form();
    const submission = this.submission();
    if (!form || !submission) return [];
    return panelRuleResults({ ...form, submission }, this.liveValues(), this.serverResults());
  });

  /** Submission is possible from a draft or a returned form, while the campaign is open. */
  readonly canSubmit = computed(() => {
    const status = this.submission()?.status;
    return this.formEditable() && (status === 'draft' || status === 'returned');
  });

  /** The coordination reviews a submitted form, or a validated one changed since. */
  readonly canReview = computed(() => {
    const submission = this.submission();
    if (!this.isAdmin() || !submission) return false;
    return submission.status === 'submitted' || (submission.status === 'validated' && submission.changedSinceValidation);
  });

  readonly canReopen = computed(() => this.isAdmin() && this.submission()?.status === 'validated');

  readonly blockers = computed(() =>
    submitBlockers(
      this.cells().map((cell) => ({
        required: cell.indicator.required,
        empty: cell.isEmpty(),
        invalid: cell.check().error !== null,
        needsExplanation: cell.needsExplanation(),
        unsaved: UNSAVED.has(cell.status()),
      })),
      this.ruleResults().map((r) => ({ severity: r.severity, explained: this.explanationOf(r.ruleId).trim() !== '' })),
      this.queue.pending(),
    ),
  );

  readonly failedSaves = computed(() => this.cells().filter((cell) => cell.status() === 'error' || cell.status() === 'conflict').length);

  constructor() {
    // Leaving the page (or the form) saves what was typed and not yet sent.
    inject(DestroyRef).onDestroy(() => {
      this.disposeCells();
      this.cancelExplanationSaves();
    });
  }

  load(unitIdParam: string, period: string): void {
    const unitId = Number(unitIdParam);
    this.disposeCells();
    this.form.set(null);
    if (!Number.isInteger(unitId) || unitId <= 0 || !isPeriodCode(period)) {
      this.loadError.set('Adresse de saisie invalide : le centre ou la période n’existe pas.');
      return;
    }
    this.unitId = unitId;
    this.period = period;
    this.reload();
  }

  /** Loads the form again, after a transition (submitted, validated, returned); `loaded` runs once it is shown. */
  reload(loaded?: () => void): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.form(this.unitId, this.period).subscribe({
      next: (form) => {
        this.init(form);
        this.loading.set(false);
        loaded?.();
      },
      error: (response: unknown) => {
        this.loading.set(false);
        const error = response instanceof HttpErrorResponse ? toApiError(response) : null;
        this.loadError.set(
          error && (error.status === 403 || error.status === 404)
            ? error.message
            : 'Le formulaire n’a pas pu être chargé. Vérifiez votre connexion puis réessayez.',
        );
      },
    });
  }

  explanationOf(ruleId: number): string {
    return this.explanations().get(ruleId) ?? '';
  }

  /** Keeps the text and saves it 800 ms after the last keystroke, so leaving the page loses nothing. */
  setExplanation(ruleId: number, text: string): void {
    this.explanations.update((map) => new Map(map).set(ruleId, text));
    if (!this.formEditable()) return;
    clearTimeout(this.explanationTimers.get(ruleId));
    this.explanationTimers.set(
      ruleId,
      setTimeout(() => this.saveExplanation(ruleId), EXPLANATION_DEBOUNCE_MS),
    );
  }

  private cancelExplanationSaves(): void {
    this.explanationTimers.forEach((timer) => clearTimeout(timer));
    this.explanationTimers.clear();
  }

  private saveExplanation(ruleId: number): void {
    this.explanationTimers.delete(ruleId);
    const setState = (state: 'saving' | 'saved' | 'error') => this.explanationStates.update((map) => new Map(map).set(ruleId, state));
    setState('saving');
    this.api.saveRuleExplanation(this.unitId, this.period, ruleId, this.explanationOf(ruleId).trim()).subscribe({
      next: () => setState('saved'),
      error: () => setState('error'),
    });
  }

  cellsOf(indicatorCode: string): EntryCell[] {
    return this.cells().filter((cell) => cell.indicator.code === indicatorCode);
  }

  labelOf(indicatorCode: string): string {
    const form = this.form();
    const indicator = [...(form?.indicators ?? []), ...(form?.finerIndicators ?? [])].find((i) => i.code === indicatorCode);
    return indicator?.label ?? indicatorCode;
  }

  submit(): Observable<Submission> {
    // The explanations go with the submission: no separate save is needed any more.
    this.cancelExplanationSaves();
    const submission = this.submission()!;
    const ruleExplanations = this.ruleResults()
      .filter((r) => r.severity === 'warning')
      .map((r) => ({ ruleId: r.ruleId, explanation: this.explanationOf(r.ruleId).trim() }))
      .filter((r) => r.explanation !== '');
    return this.api
      .submit(this.unitId, this.period, { ruleExplanations, version: submission.version })
      .pipe(tap((updated) => this.submission.set(updated)));
  }

  validate(): Observable<Submission> {
    return this.api.validate(this.unitId, this.period, this.submission()!.version).pipe(tap((updated) => this.submission.set(updated)));
  }

  returnToUnit(message: string): Observable<Submission> {
    return this.api
      .returnToUnit(this.unitId, this.period, { message, version: this.submission()!.version })
      .pipe(tap((updated) => this.submission.set(updated)));
  }

  reopen(cell: EntryCell, reason: string): Observable<FormValue> {
    return this.api.reopenValue(this.unitId, this.period, cell.stored()!.id, reason).pipe(tap((value) => cell.replaceStored(value)));
  }

  /** Counts a new comment beside its field. */
  commentAdded(cell: EntryCell): void {
    const stored = cell.stored();
    if (stored) cell.replaceStored({ ...stored, commentCount: stored.commentCount + 1 });
  }

  threadContext(): { unitId: number; period: string } {
    return { unitId: this.unitId, period: this.period };
  }

  private init(form: DataEntryForm): void {
    this.disposeCells();
    this.form.set(form);
    this.submission.set(form.submission);
    this.serverResults.set(form.ruleResults);
    this.explanations.set(new Map(form.ruleResults.filter((r) => r.explanation).map((r) => [r.ruleId, r.explanation!])));
    this.columns.set({
      current: periodShortLabel(form.submission.period),
      previous: periodShortLabel(form.previousPeriod.period),
      lastYear: periodShortLabel(form.lastYear.period),
    });

    const cells: EntryCell[] = [];
    const blocks = entryIndicators(form.indicators, form.submission.period).map((indicator): IndicatorBlock => {
      const options = indicator.dimension ? [...indicator.dimension.options].sort((a, b) => a.sortOrder - b.sortOrder) : [null];
      const rows = options.map((option): EntryRow => {
        const optionId = option?.id ?? null;
        const lastYear = referenceValue(form.lastYear.values, indicator.id, optionId);
        const cell = new EntryCell({
          indicator,
          option,
          stored: form.values.find((v) => v.indicatorId === indicator.id && v.optionId === optionId) ?? null,
          lastYear,
          thresholdPercent: form.outlierThresholdPercent,
          formEditable: this.formEditable,
          canEnter: this.canEnter(),
          queue: this.queue,
          save: (body) => this.api.saveValue(this.unitId, this.period, body),
          saved: (saved) => {
            this.submission.set(saved.submission);
            this.serverResults.set(saved.ruleResults);
          },
          conflicted: (conflicted) => this.loadCurrentValue(conflicted),
        });
        cells.push(cell);
        return { cell, previous: referenceValue(form.previousPeriod.values, indicator.id, optionId), lastYear };
      });
      const period = form.submission.period;
      const ownCells = rows.map((row) => row.cell);
      const masked = (values: readonly { indicatorId: number; value: unknown }[]) => values.some((v) => v.indicatorId === indicator.id && isMaskedCount(v.value as string));
      return {
        indicator,
        rows,
        // A total over masked counts (« < 5 », « s ») is not shown: it would pass for the real one.
        total: hasTotalRow(indicator)
          ? computed(() =>
              ownCells.some((c) => isMaskedCount(c.stored()?.value)) ? null : indicatorTotal(
                indicator,
                period,
                ownCells.map((c) => ({ indicatorId: indicator.id, optionId: c.option?.id ?? null, value: c.check().value })),
              ),
            )
          : null,
        previousTotal: hasTotalRow(indicator) && !masked(form.previousPeriod.values) ? indicatorTotal(indicator, period, form.previousPeriod.values) : null,
        lastYearTotal: hasTotalRow(indicator) && !masked(form.lastYear.values) ? indicatorTotal(indicator, period, form.lastYear.values) : null,
      };
    });
    this.cells.set(cells);
    this.sections.set(sectionsByDomain(blocks, (block) => block.indicator));
  }

  /** After a 409: the server's current value goes in the field, the typed text is kept aside. */
  private loadCurrentValue(cell: EntryCell): void {
    this.api
      .form(this.unitId, this.period)
      .pipe(map((form) => ({ form, value: form.values.find((v) => v.indicatorId === cell.indicator.id && v.optionId === (cell.option?.id ?? null)) ?? null })))
      .subscribe({
        next: ({ form, value }) => {
          cell.applyServerValue(value);
          this.submission.set(form.submission);
          this.serverResults.set(form.ruleResults);
        },
        error: () => undefined,
      });
  }

  private disposeCells(): void {
    for (const cell of this.cells()) {
      cell.flush();
      cell.destroy();
    }
    this.cells.set([]);
    this.sections.set([]);
  }
}
