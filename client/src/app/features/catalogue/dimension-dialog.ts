import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { CreateDimension, type Dimension, UpdateDimension } from '@cn2r/shared';
import { changedFields } from '../../shared/forms/changed-fields';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { CatalogueApi } from './catalogue-api';

export interface DimensionDialogData {
  /** null to create a disaggregation. */
  readonly dimension: Dimension | null;
}

export type DimensionDialogResult =
  | { readonly outcome: 'created' | 'updated'; readonly dimension: Dimension }
  | { readonly outcome: 'conflict' };

type OptionForm = FormGroup<{
  /** The saved option's id; null for an option added in this dialog. */
  id: FormControl<number | null>;
  code: FormControl<string>;
  label: FormControl<string>;
}>;

export const OPTION_MESSAGES = {
  tooFew: 'Une ventilation compte au moins deux modalités.',
  tooMany: 'Une ventilation compte au plus 30 modalités.',
  duplicate: 'Deux modalités ont le même code.',
  code: 'De 1 à 40 caractères parmi lettres, chiffres, « + », « - », « _ », « . » (ex. 18+).',
};

/** Two to thirty options, each code once. */
function optionsValidator(array: AbstractControl): ValidationErrors | null {
  const options = (array as FormArray<OptionForm>).getRawValue();
  if (options.length < 2) return { options: OPTION_MESSAGES.tooFew };
  if (options.length > 30) return { options: OPTION_MESSAGES.tooMany };
  const codes = options.map((option) => option.code.trim()).filter(Boolean);
  return new Set(codes).size === codes.length ? null : { options: OPTION_MESSAGES.duplicate };
}

/** The options in their saved order, as the API takes them. */
function savedOptions(dimension: Dimension): { code: string; label: string }[] {
  return [...dimension.options].sort((a, b) => a.sortOrder - b.sortOrder).map(({ code, label }) => ({ code, label }));
}

@Component({
  selector: 'app-dimension-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    MatProgressBarModule,
    FormErrors,
  ],
  templateUrl: './dimension-dialog.html',
  styleUrls: ['./catalogue-dialog.scss', './dimension-dialog.scss'],
})
export class DimensionDialog extends FormDialogBase<DimensionDialogResult> {
  private readonly api = inject(CatalogueApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly original = inject<DimensionDialogData>(MAT_DIALOG_DATA).dimension;

  protected readonly optionMessages = OPTION_MESSAGES;
  protected readonly submitted = signal(false);
  /** Read out after a move, for screen-reader users. */
  protected readonly announcement = signal('');

  protected readonly form = new FormGroup({
    code: new FormControl(this.original?.code ?? '', {
      nonNullable: true,
      validators: this.original ? [] : [Validators.required, Validators.pattern(/^\s*[A-Za-z][A-Za-z0-9_]{1,39}\s*$/)],
    }),
    label: requiredTextControl(this.original?.label ?? '', 200),
    sensitive: new FormControl(this.original?.sensitive ?? false, { nonNullable: true }),
    options: new FormArray<OptionForm>(
      this.original
        ? [...this.original.options].sort((a, b) => a.sortOrder - b.sortOrder).map((option) => this.optionForm(option))
        : [this.optionForm(), this.optionForm()],
      { validators: optionsValidator },
    ),
  });

  // The server's 409 and 422 show above the form: « Le code AGE est déjà utilisé »,
  // « La modalité 12-17 a des valeurs : elle ne peut pas être retirée. »…
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly codeMessages = {
    pattern: 'Une lettre puis de 1 à 39 lettres, chiffres ou « _ » (ex. AGE).',
  };

  protected get options(): FormArray<OptionForm> {
    return this.form.controls.options;
  }

  private optionForm(option?: { id: number; code: string; label: string }): OptionForm {
    const group: OptionForm = new FormGroup({
      id: new FormControl<number | null>(option?.id ?? null),
      code: new FormControl(option?.code ?? '', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^\s*[A-Za-z0-9+._-]{1,40}\s*$/)],
      }),
      label: requiredTextControl(option?.label ?? '', 200),
    });
    // A saved option keeps its code: values may be attached to it.
    if (option) group.controls.code.disable();
    return group;
  }

  /** The list's own error: too few options, a code twice, or the server's word on them. */
  protected optionsError(): string | null {
    const errors = this.options.errors;
    return errors ? String(errors['options'] ?? errors['server'] ?? '') || null : null;
  }

  protected isSaved(index: number): boolean {
    return this.options.at(index).controls.id.value !== null;
  }

  /** How a button names the option: its label, else its position. */
  protected nameOf(index: number): string {
    const label = this.options.at(index).controls.label.value.trim();
    return label ? `« ${label} »` : `la modalité ${index + 1}`;
  }

  protected addOption(): void {
    this.options.push(this.optionForm());
    const index = this.options.length - 1;
    this.announcement.set(`Modalité ${index + 1} ajoutée.`);
    this.focusLater(`#dimension-option-code-${index}`);
  }

  protected removeOption(index: number): void {
    const name = this.nameOf(index);
    this.options.removeAt(index);
    this.announcement.set(`${name.charAt(0).toUpperCase()}${name.slice(1)} retirée.`);
    this.focusLater(this.options.length ? `#dimension-option-label-${Math.min(index, this.options.length - 1)}` : '.add-option');
  }

  /** Moves an option up (-1) or down (+1); focus stays on the button that moved it. */
  protected move(index: number, delta: -1 | 1): void {
    const target = index + delta;
    if (target < 0 || target >= this.options.length) return;
    const option = this.options.at(index);
    this.options.removeAt(index, { emitEvent: false });
    this.options.insert(target, option);
    this.options.markAsDirty();
    const name = this.nameOf(target);
    this.announcement.set(`${name.charAt(0).toUpperCase()}${name.slice(1)} : position ${target + 1} sur ${this.options.length}.`);
    const atEnd = delta < 0 ? target === 0 : target === this.options.length - 1;
    const direction = atEnd ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    this.focusLater(`#dimension-option-${direction}-${target}`);
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  protected submit(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const options = value.options.map((option) => ({ code: option.code.trim(), label: option.label.trim() }));

    if (!this.original) {
      const body = this.parse(CreateDimension, { code: value.code, label: value.label, sensitive: value.sensitive, options });
      if (!body) return;
      this.save(this.api.createDimension(body), (dimension) => ({ outcome: 'created', dimension }));
      return;
    }

    const asRead = { ...this.original, options: savedOptions(this.original) };
    const changes = changedFields(asRead, { label: value.label.trim(), sensitive: value.sensitive, options });
    if (this.closeIfUnchanged(changes)) return;
    const body = this.parse(UpdateDimension, { ...changes, version: this.original.version });
    if (!body) return;
    this.save(this.api.updateDimension(this.original.id, body), (dimension) => ({
      outcome: 'updated',
      dimension,
    }));
  }
}
