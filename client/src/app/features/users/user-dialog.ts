import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateUser,
  PASSWORD_MIN_LENGTH,
  Role,
  type Unit,
  UpdateUser,
  type User,
  roleLabels,
} from '@cn2r/shared';
import { catchError, of, startWith } from 'rxjs';
import { todayIso } from '../../shared/dates/iso-date';
import { changedFields } from '../../shared/forms/changed-fields';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { UnitsApi } from '../units/units-api';
import { unitStatus } from '../units/unit-status';
import { UsersApi } from './users-api';

export interface UserDialogData {
  /** null to create an account. */
  readonly user: User | null;
}

/** A new account: an invitation by e-mail to choose its password (the default), or a password typed here. */
export type InitialPassword = 'invitation' | 'password';

export type UserDialogResult =
  | { readonly outcome: 'created' | 'updated'; readonly user: User; readonly invited?: boolean }
  | { readonly outcome: 'conflict' };

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);

@Component({
  selector: 'app-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    FormErrors,
  ],
  templateUrl: './user-dialog.html',
  styleUrl: './user-dialog.scss',
})
export class UserDialog extends FormDialogBase<UserDialogResult> {
  private readonly api = inject(UsersApi);
  protected readonly original = inject<UserDialogData>(MAT_DIALOG_DATA).user;

  protected readonly roles = Role.options.map((role) => ({ value: role, label: roleLabels[role] }));
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;
  protected readonly passwordVisible = signal(false);

  /** Units for the multi-select; a failed load leaves the list empty (the snackbar told why). */
  protected readonly units = toSignal(
    inject(UnitsApi)
      .list()
      .pipe(catchError(() => of<Unit[]>([]))),
    { initialValue: [] },
  );
  private readonly today = todayIso();

  protected readonly form = new FormGroup({
    email: new FormControl(this.original?.email ?? '', {
      nonNullable: true,
      validators: this.original ? [] : [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
    displayName: requiredTextControl(this.original?.displayName ?? '', 120),
    role: new FormControl<Role>(this.original?.role ?? 'unit_lead', { nonNullable: true, validators: [Validators.required] }),
    unitIds: new FormControl<number[]>(this.original?.units.map((unit) => unit.id) ?? [], { nonNullable: true }),
    /** A new account: invited by e-mail (default) or given a password here. */
    initialPassword: new FormControl<InitialPassword>('invitation', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
    /** Signs in through the identity provider only (editing an account). */
    localPasswordDisabled: new FormControl(this.original?.localPasswordDisabled ?? false, { nonNullable: true }),
  });

  // Someone else saved this account since it was read: the page reloads the list.
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly role = toSignal(this.form.controls.role.valueChanges.pipe(startWith(this.form.controls.role.value)), {
    requireSync: true,
  });
  protected readonly unitsRequired = computed(() => this.role() === 'unit_lead');
  protected readonly initialPassword = toSignal(
    this.form.controls.initialPassword.valueChanges.pipe(startWith(this.form.controls.initialPassword.value)),
    { requireSync: true },
  );

  constructor() {
    super();
    // A unit lead must run at least one unit; other roles may have none.
    this.form.controls.role.valueChanges.pipe(startWith(this.form.controls.role.value), takeUntilDestroyed()).subscribe((role) => {
      const unitIds = this.form.controls.unitIds;
      if (role === 'unit_lead') unitIds.addValidators(Validators.required);
      else unitIds.removeValidators(Validators.required);
      unitIds.updateValueAndValidity({ emitEvent: false });
    });
    // The password is asked only when the administrator chose to set it.
    this.form.controls.initialPassword.valueChanges.pipe(takeUntilDestroyed()).subscribe((how) => {
      const password = this.form.controls.password;
      if (how === 'password') password.setValidators([Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(256)]);
      else {
        password.clearValidators();
        password.reset();
      }
      password.updateValueAndValidity({ emitEvent: false });
    });
  }

  protected isClosed(unit: Unit): boolean {
    return unitStatus(unit, this.today) === 'Fermé';
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();

    if (!this.original) {
      const { localPasswordDisabled: _, initialPassword, password, ...created } = value;
      const invited = initialPassword === 'invitation';
      const body = this.parse(CreateUser, invited ? created : { ...created, password });
      if (!body) return;
      // « Cette adresse e-mail est déjà utilisée. » above the form, the detail on the field.
      this.save(this.api.create(body), (user) => ({ outcome: 'created', user, invited }));
      return;
    }

    const changes: Partial<UpdateUser> = changedFields(this.original, {
      displayName: value.displayName.trim(),
      role: value.role,
      localPasswordDisabled: value.localPasswordDisabled,
    });
    // The units in any order: the same units are no change.
    const originalIds = this.original.units.map((unit) => unit.id);
    if (!sameIds(value.unitIds, originalIds)) changes.unitIds = value.unitIds;
    if (this.closeIfUnchanged(changes)) return;
    const body = this.parse(UpdateUser, { ...changes, version: this.original.version });
    if (!body) return;
    this.save(this.api.update(this.original.id, body), (user) => ({ outcome: 'updated', user }));
  }
}
