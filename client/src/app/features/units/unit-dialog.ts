import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateUnit, type Unit, type UnitKind, type UpdateUnit, unitKindLabels } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from '../../shared/forms/dialog-save';
import { UnitsApi } from './units-api';

export interface UnitDialogData {
  /** null to create a unit. */
  readonly unit: Unit | null;
}

export type UnitDialogResult =
  | { readonly outcome: 'created' | 'updated'; readonly unit: Unit }
  | { readonly outcome: 'conflict' };

/** Only the fields whose value differs from the unit as read. */
export function unitChanges(original: Unit, edited: CreateUnit): Partial<CreateUnit> {
  const changes: Partial<Record<keyof CreateUnit, unknown>> = {};
  for (const key of Object.keys(edited) as (keyof CreateUnit)[]) {
    if (edited[key] !== original[key]) changes[key] = edited[key];
  }
  return changes as Partial<CreateUnit>;
}

@Component({
  selector: 'app-unit-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  providers: [provideFrenchDatepickerIntl()],
  templateUrl: './unit-dialog.html',
  styleUrl: './unit-dialog.scss',
})
export class UnitDialog {
  private readonly api = inject(UnitsApi);
  private readonly dialogRef = inject<MatDialogRef<UnitDialog, UnitDialogResult>>(MatDialogRef);
  protected readonly original = inject<UnitDialogData>(MAT_DIALOG_DATA).unit;

  protected readonly kinds = Object.entries(unitKindLabels) as [UnitKind, string][];
  protected readonly errorOf = controlErrorMessage;
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  protected readonly form = new FormGroup({
    code: new FormControl(this.original?.code ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/)],
    }),
    name: new FormControl(this.original?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    region: new FormControl(this.original?.region ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(100)],
    }),
    hostInstitution: new FormControl(this.original?.hostInstitution ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
    kind: new FormControl<UnitKind>(this.original?.kind ?? 'crp', { nonNullable: true, validators: [Validators.required] }),
    openedOn: new FormControl<Date | null>(fromIsoDate(this.original?.openedOn), { validators: [Validators.required] }),
    closedOn: new FormControl<Date | null>(fromIsoDate(this.original?.closedOn)),
  });

  private readonly formDialog: FormDialog<UnitDialogResult> = {
    form: this.form,
    saving: this.saving,
    // The server's 409 and 422 go here: « Le code … est déjà utilisé », « Certaines valeurs saisies sont invalides. »…
    formErrors: this.formErrors,
    dialogRef: this.dialogRef,
    // Someone else saved this unit since it was read: the page reloads the list.
    conflict: { outcome: 'conflict' },
  };

  protected readonly codeMessages = {
    pattern: 'De 2 à 32 caractères : lettres, chiffres, « - » ou « _ ».',
  };

  protected submit(): void {
    if (this.saving()) return;
    this.formErrors.set([]);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;

    const value = this.form.getRawValue();
    const parsed = CreateUnit.safeParse({
      code: value.code,
      name: value.name,
      region: value.region,
      hostInstitution: value.hostInstitution,
      kind: value.kind,
      openedOn: value.openedOn ? toIsoDate(value.openedOn) : '',
      closedOn: value.closedOn ? toIsoDate(value.closedOn) : null,
    });
    if (!parsed.success) return showIssues(this.formDialog, parsed.error.issues);

    if (!this.original) {
      saveFromDialog(this.api.create(parsed.data), this.formDialog, (unit) => ({ outcome: 'created', unit }));
      return;
    }
    const changes = unitChanges(this.original, parsed.data);
    if (Object.keys(changes).length === 0) {
      this.dialogRef.close();
      return;
    }
    const update: UpdateUnit = { ...changes, version: this.original.version };
    saveFromDialog(this.api.update(this.original.id, update), this.formDialog, (unit) => ({ outcome: 'updated', unit }));
  }
}
