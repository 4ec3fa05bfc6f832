import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateUnit, type Unit, type UnitKind, type UpdateUnit, unitKindLabels } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate } from '../../shared/dates/iso-date';
import { changedFields } from '../../shared/forms/changed-fields';
import { optionalTextControl, requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
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
  return changedFields(original, edited);
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
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  templateUrl: './unit-dialog.html',
  styleUrl: './unit-dialog.scss',
})
export class UnitDialog extends FormDialogBase<UnitDialogResult> {
  private readonly api = inject(UnitsApi);
  protected readonly original = inject<UnitDialogData>(MAT_DIALOG_DATA).unit;

  protected readonly kinds = Object.entries(unitKindLabels) as [UnitKind, string][];

  protected readonly form = new FormGroup({
    code: new FormControl(this.original?.code ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/)],
    }),
    name: requiredTextControl(this.original?.name ?? '', 200),
    region: requiredTextControl(this.original?.region ?? '', 100),
    hostInstitution: optionalTextControl(this.original?.hostInstitution ?? '', 200),
    kind: new FormControl<UnitKind>(this.original?.kind ?? 'crp', { nonNullable: true, validators: [Validators.required] }),
    openedOn: requiredDateControl(this.original?.openedOn),
    closedOn: new FormControl<Date | null>(fromIsoDate(this.original?.closedOn)),
  });

  // The server's 409 and 422 show above the form: « Le code … est déjà utilisé », « Certaines valeurs saisies sont invalides. »…
  // Someone else saved this unit since it was read: the page reloads the list.
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly codeMessages = {
    pattern: 'De 2 à 32 caractères : lettres, chiffres, « - » ou « _ ».',
  };

  protected submit(): void {
    if (!this.startSubmit()) return;

    const value = this.form.getRawValue();
    const body = this.parse(CreateUnit, {
      code: value.code,
      name: value.name,
      region: value.region,
      hostInstitution: value.hostInstitution,
      kind: value.kind,
      openedOn: isoDateOrNull(value.openedOn) ?? '',
      closedOn: isoDateOrNull(value.closedOn),
    });
    if (!body) return;

    if (!this.original) {
      this.save(this.api.create(body), (unit) => ({ outcome: 'created', unit }));
      return;
    }
    const changes = unitChanges(this.original, body);
    if (this.closeIfUnchanged(changes)) return;
    const update: UpdateUnit = { ...changes, version: this.original.version };
    this.save(this.api.update(this.original.id, update), (unit) => ({ outcome: 'updated', unit }));
  }
}
