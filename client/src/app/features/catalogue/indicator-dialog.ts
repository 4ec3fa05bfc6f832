import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateIndicator,
  type Dimension,
  type Domain,
  type ExpectedResult,
  type Indicator,
  type TimeAggregation,
  type UnitAggregation,
  type UnitKind,
  UpdateIndicator,
  domainLabels,
  expectedResultLabels,
  periodTypeLabels,
  timeAggregationLabels,
  unitAggregationLabels,
  unitKindLabels,
} from '@cn2r/shared';
import { catchError, map, of, startWith } from 'rxjs';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate, todayIso } from '../../shared/dates/iso-date';
import { optionalTextControl, requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { CatalogueApi } from './catalogue-api';
import { FRENCH_NUMBER_MESSAGE, formatFrenchNumber, frenchNumberValidator, parseFrenchNumber } from './french-number';
import { createsRevision, defaultEffectiveFrom, indicatorChanges, type IndicatorEdit, revisionNotice } from './indicator-changes';
import { NUMERIC_VALUE_TYPES, type ValueType, valueTypeLabels } from './value-type-labels';

export interface IndicatorDialogData {
  /** null to create an indicator. */
  readonly indicator: Indicator | null;
}

export type IndicatorDialogResult =
  | { readonly outcome: 'created' | 'updated' | 'revised'; readonly indicator: Indicator }
  | { readonly outcome: 'conflict' };

type PeriodType = Indicator['periodType'];

const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];
const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

@Component({
  selector: 'app-indicator-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  templateUrl: './indicator-dialog.html',
  styleUrl: './catalogue-dialog.scss',
})
export class IndicatorDialog extends FormDialogBase<IndicatorDialogResult> {
  private readonly api = inject(CatalogueApi);
  protected readonly original = inject<IndicatorDialogData>(MAT_DIALOG_DATA).indicator;
  private readonly today = todayIso();

  protected readonly domains = entries(domainLabels);
  protected readonly unitKinds = entries(unitKindLabels);
  protected readonly valueTypes = entries(valueTypeLabels);
  protected readonly periodTypes = entries(periodTypeLabels);
  protected readonly timeAggregations = entries(timeAggregationLabels);
  protected readonly unitAggregations = entries(unitAggregationLabels);
  protected readonly expectedResults = entries(expectedResultLabels);

  /** Disaggregations for the select; a failed load leaves only « Aucune » (the snackbar told why). */
  protected readonly dimensions = toSignal(
    this.api.listDimensions().pipe(catchError(() => of<Dimension[]>([]))),
    { initialValue: [] },
  );

  protected readonly form = new FormGroup({
    code: new FormControl(this.original?.code ?? '', {
      nonNullable: true,
      validators: this.original ? [] : [Validators.required, Validators.pattern(/^\s*[A-Za-z][A-Za-z0-9_]{1,39}\s*$/)],
    }),
    label: requiredTextControl(this.original?.label ?? '', 300),
    domain: requiredControl<Domain>(this.original?.domain ?? null),
    unitKind: new FormControl<UnitKind>(this.original?.unitKind ?? 'crp', { nonNullable: true }),
    valueType: new FormControl<ValueType>(this.original?.valueType ?? 'count', { nonNullable: true }),
    unitOfMeasure: optionalTextControl(this.original?.unitOfMeasure ?? '', 60),
    periodType: new FormControl<PeriodType>(this.original?.periodType ?? 'quarter', { nonNullable: true }),
    timeAggregation: new FormControl<TimeAggregation>(this.original?.timeAggregation ?? 'sum', { nonNullable: true }),
    unitAggregation: new FormControl<UnitAggregation>(this.original?.unitAggregation ?? 'sum', { nonNullable: true }),
    dimensionId: new FormControl<number | null>(this.original?.dimension?.id ?? null),
    minValue: new FormControl(formatFrenchNumber(this.original?.minValue), {
      nonNullable: true,
      validators: [frenchNumberValidator],
    }),
    maxValue: new FormControl(formatFrenchNumber(this.original?.maxValue), {
      nonNullable: true,
      validators: [frenchNumberValidator],
    }),
    required: new FormControl(this.original?.required ?? true, { nonNullable: true }),
    expectedResult: new FormControl<ExpectedResult | null>(this.original?.expectedResult ?? null),
    /** On a CN2R indicator: the centres' indicator of the same activity, shown beside it and never added to it. */
    networkCounterpartCode: new FormControl(this.original?.networkCounterpartCode ?? '', {
      nonNullable: true,
      validators: [Validators.pattern(/^\s*([A-Za-z][A-Za-z0-9_]{1,39})?\s*$/)],
    }),
    sortOrder: new FormControl<number | null>(this.original?.sortOrder ?? 0, {
      validators: [Validators.required, Validators.min(0), Validators.max(100_000), Validators.pattern(/^\d+$/)],
    }),
    activeFrom: new FormControl<Date | null>(fromIsoDate(this.original?.activeFrom ?? `${this.today.slice(0, 4)}-01-01`), {
      validators: [Validators.required],
    }),
    activeTo: new FormControl<Date | null>(fromIsoDate(this.original?.activeTo)),
    definition: optionalTextControl(this.original?.definition ?? '', 4000),
    countingRule: optionalTextControl(this.original?.countingRule ?? '', 4000),
    /** Start of the new revision, asked only when the change creates one. */
    effectiveFrom: new FormControl<Date | null>(fromIsoDate(defaultEffectiveFrom(this.today))),
  });

  // The server's 409 and 422 show above the form: « Le code ACT_FA est déjà utilisé », « Certaines valeurs saisies sont invalides. »…
  // Someone else saved this indicator since it was read: the page reloads the list.
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly codeMessages = {
    pattern: 'Une lettre puis de 1 à 39 lettres, chiffres ou « _ » (ex. ACT_FA).',
  };
  protected readonly numberMessages = { frenchNumber: FRENCH_NUMBER_MESSAGE };
  protected readonly counterpartMessages = { pattern: 'Un code d’indicateur : lettres, chiffres et « _ », par exemple FOR_PERS.' };
  protected readonly sortOrderMessages = {
    min: 'Un entier de 0 à 100 000.',
    max: 'Un entier de 0 à 100 000.',
    pattern: 'Un entier de 0 à 100 000.',
  };

  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly numeric = computed(() => NUMERIC_VALUE_TYPES.includes(this.value().valueType));
  /** Only an indicator of the CN2R names its counterpart in the network. */
  protected readonly ofCn2r = computed(() => this.value().unitKind === 'cn2r');

  /** The change saves as a new revision: values exist and a field of meaning changed. */
  protected readonly createsRevision = computed(() => {
    const original = this.original;
    if (!original || original.valueCount === 0) return false;
    return createsRevision(original, indicatorChanges(original, this.edit()));
  });
  protected readonly revisionNotice = computed(() => {
    if (!this.original || !this.createsRevision()) return null;
    const effectiveFrom = this.value().effectiveFrom;
    return revisionNotice(this.original, effectiveFrom && !isNaN(effectiveFrom.getTime()) ? toIsoDate(effectiveFrom) : null);
  });
  protected readonly nextRevision = (this.original?.revision ?? 0) + 1;

  constructor() {
    super();
    // Bounds are for numbers only: a yes/no or a text has none.
    this.form.controls.valueType.valueChanges
      .pipe(startWith(this.form.controls.valueType.value), takeUntilDestroyed())
      .subscribe((valueType) => {
        for (const bound of [this.form.controls.minValue, this.form.controls.maxValue]) {
          if (NUMERIC_VALUE_TYPES.includes(valueType)) bound.enable({ emitEvent: false });
          else bound.disable({ emitEvent: false });
        }
      });
  }

  /** The form as the schema reads it, whatever is typed so far (no validation). */
  private edit(): IndicatorEdit {
    const value = this.value();
    const numeric = NUMERIC_VALUE_TYPES.includes(value.valueType);
    const date = (d: Date | null) => (d && !isNaN(d.getTime()) ? toIsoDate(d) : null);
    return {
      label: value.label.trim(),
      definition: value.definition.trim(),
      countingRule: value.countingRule.trim(),
      domain: value.domain as Domain,
      unitKind: value.unitKind,
      valueType: value.valueType,
      unitOfMeasure: value.unitOfMeasure.trim(),
      periodType: value.periodType,
      timeAggregation: value.timeAggregation,
      unitAggregation: value.unitAggregation,
      dimensionId: value.dimensionId,
      minValue: numeric ? parseFrenchNumber(value.minValue) : null,
      maxValue: numeric ? parseFrenchNumber(value.maxValue) : null,
      required: value.required,
      expectedResult: value.expectedResult,
      ...this.counterpart(value.unitKind, value.networkCounterpartCode),
      sortOrder: value.sortOrder ?? 0,
      activeFrom: date(value.activeFrom) ?? '',
      activeTo: date(value.activeTo),
    };
  }

  /**
   * The counterpart as the schema reads it: sent for an indicator of the CN2R (empty: none), and
   * cleared when an indicator that had one leaves the CN2R; not sent otherwise.
   */
  private counterpart(unitKind: UnitKind, typed: string): { networkCounterpartCode?: string | null } {
    if (unitKind === 'cn2r') return { networkCounterpartCode: typed.trim().toUpperCase() || null };
    return this.original?.networkCounterpartCode ? { networkCounterpartCode: null } : {};
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const edit = this.edit();
    if (edit.activeTo !== null && edit.activeTo < edit.activeFrom) {
      this.form.controls.activeTo.setErrors({ server: 'La fin de validité doit suivre le début.' });
      return;
    }

    const code = this.original?.code ?? this.form.controls.code.value;
    const body = this.parse(CreateIndicator, { code, ...edit });
    if (!body) return;
    if (!this.original) {
      this.save(this.api.createIndicator(body), (indicator) => ({ outcome: 'created', indicator }));
      return;
    }

    const { code: _code, ...fields } = body;
    const changes = indicatorChanges(this.original, fields);
    if (this.closeIfUnchanged(changes)) return;
    let effectiveFrom: string | undefined;
    if (createsRevision(this.original, changes)) {
      const control = this.form.controls.effectiveFrom;
      effectiveFrom = control.value ? toIsoDate(control.value) : undefined;
      if (!effectiveFrom) {
        control.setErrors({ required: true });
        return;
      }
      if (effectiveFrom <= this.original.activeFrom) {
        control.setErrors({
          server: `La révision ${this.nextRevision} doit commencer après le début de la révision ${this.original.revision} (${frenchDate(this.original.activeFrom)}).`,
        });
        return;
      }
    }
    const update = this.parse(UpdateIndicator, { ...changes, version: this.original.version, ...(effectiveFrom ? { effectiveFrom } : {}) });
    if (!update) return;
    // A new revision comes back as a new row, with its own id.
    const id = this.original.id;
    this.save(this.api.updateIndicator(id, update), (indicator) => ({
      outcome: indicator.id === id ? 'updated' : 'revised',
      indicator,
    }));
  }
}
