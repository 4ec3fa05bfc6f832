import { HttpErrorResponse } from '@angular/common/http';
import { type Signal, computed, signal } from '@angular/core';
import { AbstractControl, FormControl, ValidationErrors } from '@angular/forms';
import type { CellValue, DimensionOption, FormValue, Indicator, SaveValue, SavedValue } from '@cn2r/shared';
import { EMPTY, Observable, catchError, tap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { type CellCheck, checkCell, sameValue, textOf } from './cell-checks';
import type { SaveQueue } from './save-queue';

/** Autosave waits this long after the last keystroke (a blur or Enter saves at once). */
export const AUTOSAVE_DELAY_MS = 800;

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict';

export const saveStatusLabels: Record<SaveStatus, string> = {
  idle: '',
  pending: 'Enregistrement…',
  saving: 'Enregistrement…',
  saved: 'Enregistré',
  invalid: 'Non enregistré : valeur à corriger',
  error: 'Échec de l’enregistrement',
  conflict: 'Non enregistré : modifiée entre-temps',
};

export const cellKey = (indicatorId: number, optionId: number | null) => `${indicatorId}:${optionId ?? '-'}`;

export interface EntryCellOptions {
  readonly indicator: Indicator;
  readonly option: DimensionOption | null;
  readonly stored: FormValue | null;
  readonly lastYear: CellValue | undefined;
  readonly thresholdPercent: number;
  /** Whether the user may change values of this form now (a reopened value is editable on its own). */
  readonly formEditable: Signal<boolean>;
  /** Whether the user's role enters values (unit lead, coordination). */
  readonly canEnter: boolean;
  readonly queue: SaveQueue;
  readonly save: (body: SaveValue) => Observable<SavedValue>;
  readonly saved: (saved: SavedValue) => void;
  /** Someone else saved this value meanwhile: the page loads the current one. */
  readonly conflicted: (cell: EntryCell) => void;
}

/**
 * One field of the form (an indicator, or one option of a disaggregated indicator): its text,
 * the checks as you type, the value stored on the server with its version, and its autosave.
 * The typed text is never thrown away: a failed save keeps it, and a conflict keeps it aside.
 */
export class EntryCell {
  readonly key: string;
  readonly indicator: Indicator;
  readonly option: DimensionOption | null;
  /** The field's accessible name: « File active — 0-5 ans ». */
  readonly label: string;
  readonly lastYear: CellValue | undefined;

  readonly control: FormControl<string>;
  readonly explanation: FormControl<string>;

  private readonly textValue = signal('');
  private readonly explanationValue = signal('');
  readonly stored = signal<FormValue | null>(null);
  readonly status = signal<SaveStatus>('idle');
  /** A save failure or the server's conflict message, shown next to the field. */
  readonly message = signal<string | null>(null);
  /** The text a conflict kept from being saved, to put back on request. */
  readonly rejectedText = signal<string | null>(null);

  readonly check: Signal<CellCheck>;
  readonly editable: Signal<boolean>;
  /** An outlier without its explanation. */
  readonly needsExplanation: Signal<boolean>;
  readonly isEmpty: Signal<boolean>;

  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: EntryCellOptions) {
    const { indicator, option, stored } = options;
    this.indicator = indicator;
    this.option = option;
    this.key = cellKey(indicator.id, option?.id ?? null);
    this.label = option ? `${indicator.label} — ${option.label}` : indicator.label;
    this.lastYear = options.lastYear;
    this.stored.set(stored);

    this.check = computed(() => checkCell(this.textValue(), indicator, options.lastYear, options.thresholdPercent));
    this.editable = computed(() => options.canEnter && (options.formEditable() || this.stored()?.reopened === true));
    this.needsExplanation = computed(() => this.check().outlier?.flagged === true && this.explanationValue().trim() === '');
    this.isEmpty = computed(() => this.check().error === null && this.check().value === null);

    this.control = new FormControl(textOf(stored?.value, indicator.valueType), {
      nonNullable: true,
      validators: (control: AbstractControl): ValidationErrors | null => {
        const error = checkCell(String(control.value ?? ''), indicator, options.lastYear, options.thresholdPercent).error;
        return error ? { entry: error } : null;
      },
    });
    this.textValue.set(this.control.value);
    this.explanation = new FormControl(stored?.explanation ?? '', {
      nonNullable: true,
      validators: (control: AbstractControl): ValidationErrors | null =>
        this.check().outlier?.flagged === true && String(control.value ?? '').trim() === '' ? { required: true } : null,
    });
    this.explanationValue.set(this.explanation.value);
    this.control.valueChanges.subscribe((text) => {
      this.textValue.set(text);
      // An outlier now, or no longer: the explanation becomes required, or not.
      this.explanation.updateValueAndValidity({ emitEvent: false });
    });
    this.explanation.valueChanges.subscribe((text) => this.explanationValue.set(text));
  }

  /** The field's error: type, bounds, or the server's refusal. */
  errorMessage(): string | null {
    const errors = this.control.errors;
    if (!errors) return null;
    return String(errors['entry'] ?? errors['server'] ?? 'Valeur invalide.');
  }

  /** A keystroke: save once typing pauses. */
  typed(): void {
    if (!this.editable()) return;
    this.clearTimer();
    this.status.set('pending');
    this.timer = setTimeout(() => this.flush(), AUTOSAVE_DELAY_MS);
  }

  /** Blur, Enter, leaving the page: save now if anything changed. */
  flush(): void {
    this.clearTimer();
    if (!this.editable()) return;
    if (this.check().error !== null) {
      this.status.set('invalid');
      return;
    }
    if (!this.hasChanges()) {
      if (this.status() === 'pending' || this.status() === 'invalid') this.status.set(this.stored() ? 'saved' : 'idle');
      return;
    }
    this.status.set('pending');
    this.options.queue.enqueue(this.key, () => this.send());
  }

  /** Puts back the text a conflict kept aside, and saves it over the current value (on purpose, now). */
  restoreRejected(): void {
    const text = this.rejectedText();
    if (text === null) return;
    this.rejectedText.set(null);
    this.message.set(null);
    this.control.setValue(text);
    this.flush();
  }

  /** The server's current value after a conflict: shown in the field, with its version for the next save. */
  applyServerValue(current: FormValue | null): void {
    this.stored.set(current);
    this.control.setValue(textOf(current?.value, this.indicator.valueType));
    this.explanation.setValue(current?.explanation ?? '');
    this.control.markAsTouched();
  }

  /** A value changed by someone else's action (reopening): keeps the text, refreshes the rest. */
  replaceStored(value: FormValue): void {
    this.stored.set(value);
  }

  destroy(): void {
    this.clearTimer();
  }

  private hasChanges(): boolean {
    const stored = this.stored();
    const value = this.check().value;
    const explanation = this.explanationValue().trim();
    return !sameValue(value, stored?.value ?? null, this.indicator.valueType) || explanation !== (stored?.explanation ?? '');
  }

  /** Runs when the queue gets to this field: builds the body from the latest text and version. */
  private send(): Observable<unknown> {
    if (this.check().error !== null) {
      this.status.set('invalid');
      return EMPTY;
    }
    if (!this.hasChanges()) {
      this.status.set(this.stored() ? 'saved' : 'idle');
      return EMPTY;
    }
    const stored = this.stored();
    const explanation = this.explanationValue().trim();
    const body: SaveValue = {
      indicatorId: this.indicator.id,
      optionId: this.option?.id ?? null,
      value: this.check().value,
      ...(explanation !== '' || stored?.explanation ? { explanation: explanation || null } : {}),
      ...(stored ? { version: stored.version } : {}),
    };
    const sentText = this.control.value;
    this.status.set('saving');
    this.message.set(null);
    return this.options.save(body).pipe(
      tap((saved) => {
        this.stored.set(saved.value);
        this.rejectedText.set(null);
        // Typed on meanwhile: another save is queued; otherwise this one is the last word.
        this.status.set(this.options.queue.isWaiting(this.key) || this.timer !== null ? 'pending' : 'saved');
        this.options.saved(saved);
      }),
      catchError((response: unknown) => {
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status === 409) {
          this.status.set('conflict');
          this.message.set(error.message);
          this.rejectedText.set(sentText);
          this.options.conflicted(this);
        } else if (error.status === 422) {
          this.status.set('error');
          const field = error.fields.find((f) => f.path === 'value') ?? error.fields[0];
          this.message.set(field?.message ?? error.message);
          this.control.setErrors({ server: field?.message ?? error.message });
          this.control.markAsTouched();
        } else {
          this.status.set('error');
          this.message.set('Valeur non enregistrée : votre saisie est conservée. Réessayez.');
        }
        return EMPTY;
      }),
    );
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
