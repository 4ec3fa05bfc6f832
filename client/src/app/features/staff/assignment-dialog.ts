import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type BudgetLine,
  CreateStaffAssignment,
  type FundingSource,
  MigPost,
  type StaffAssignment,
  UpdateStaffAssignment,
  formatPercent,
  migPostLabels,
  parsePercent,
} from '@cn2r/shared';
import { forkJoin, map, of, switchMap } from 'rxjs';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate, todayIso } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { requiredControl, requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from '../budget/budget-api';
import { AllocationEditor, type AllocationRow, allocationRow, toAllocationInputs } from './allocation-editor';
import { StaffApi } from './staff-api';

export interface AssignmentDialogData {
  readonly memberId: number;
  readonly memberName: string;
  /** null to create an assignment (with its first split). */
  readonly assignment: StaffAssignment | null;
}

export type AssignmentDialogResult = { readonly outcome: 'saved'; readonly assignment: StaffAssignment } | { readonly outcome: 'conflict' };

function quotiteValidator(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return null;
  const parsed = parsePercent(control.value);
  if (!parsed.ok) return { percent: parsed.message };
  return parsed.bp === 0 ? { percent: 'La quotité doit être strictement positive.' } : null;
}

/**
 * An assignment (a post held by the person): position, dates, quotité, full-time employer cost,
 * MIG H15 post. A new one comes with its split (100 % every day), edited in the allocation editor.
 */
@Component({
  selector: 'app-assignment-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatProgressBarModule,
    MoneyInput,
    AllocationEditor,
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>{{ data.assignment ? 'Modifier l’affectation' : 'Nouvelle affectation' }} — {{ data.memberName }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Poste</mat-label>
          <input matInput formControlName="positionLabel" required autocomplete="off" cdkFocusInitial />
          @if (form.controls.positionLabel.invalid) {
            <mat-error>{{ errorOf(form.controls.positionLabel) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Début</mat-label>
            <input matInput [matDatepicker]="startPicker" formControlName="startOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="startPicker" />
            <mat-datepicker #startPicker />
            @if (form.controls.startOn.invalid) {
              <mat-error>{{ errorOf(form.controls.startOn) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Fin</mat-label>
            <input matInput [matDatepicker]="endPicker" formControlName="endOn" autocomplete="off" />
            <mat-hint>Vide : en cours</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="endPicker" />
            <mat-datepicker #endPicker />
            @if (form.controls.endOn.invalid) {
              <mat-error>{{ errorOf(form.controls.endOn) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label>Quotité (%)</mat-label>
            <input matInput formControlName="quotite" required inputmode="decimal" autocomplete="off" />
            <mat-hint>{{ payRatioHint() }}</mat-hint>
            @if (form.controls.quotite.invalid) {
              <mat-error>{{ percentError(form.controls.quotite) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Coût employeur annuel à temps plein</mat-label>
            <input matInput appMoneyInput [minCents]="0" formControlName="annualCostCents" required />
            @if (form.controls.annualCostCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.annualCostCents) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Poste MIG H15</mat-label>
            <mat-select formControlName="migPost">
              <mat-option [value]="null">Aucun</mat-option>
              @for (post of migPosts; track post) {
                <mat-option [value]="post">{{ migPostLabels[post] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        @if (!data.assignment) {
          <h3 class="subtitle">Ventilation</h3>
          <app-allocation-editor
            [rows]="rows"
            [startOn]="startIso()"
            [endOn]="endIso()"
            [lines]="lines()"
            [fundingSources]="fundingSources()"
          />
        } @else {
          <p class="help">La ventilation se modifie avec « Ventilation » ; des dates changées doivent rester couvertes à 100 %.</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../budget/budget-dialog.scss',
  styles: `
    .subtitle {
      font: var(--mat-sys-title-small);
      margin: 8px 0;
    }
  `,
})
export class AssignmentDialog extends FormDialogBase<AssignmentDialogResult> {
  private readonly api = inject(StaffApi);
  private readonly budgetApi = inject(BudgetApi);
  protected readonly data = inject<AssignmentDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  /** The split's errors are the split's as a whole: above the form. */
  protected override readonly fieldAbove = (path: string) => path.startsWith('allocations');

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly percentError = (control: AbstractControl) =>
    typeof control.errors?.['percent'] === 'string' && !control.errors?.['server'] ? (control.errors['percent'] as string) : controlErrorMessage(control);
  protected readonly migPosts = MigPost.options;
  protected readonly migPostLabels = migPostLabels;
  protected readonly lines = signal<BudgetLine[]>([]);
  protected readonly fundingSources = signal<FundingSource[]>([]);

  private readonly assignment = this.data.assignment;
  private readonly start = this.assignment?.startOn ?? todayIso();
  protected readonly rows = new FormArray<AllocationRow>([allocationRow({ fromOn: this.start, shareBp: 10_000 })]);
  protected readonly form = new FormGroup({
    positionLabel: requiredTextControl(this.assignment?.positionLabel ?? '', 200),
    startOn: requiredDateControl(this.start),
    endOn: new FormControl<Date | null>(fromIsoDate(this.assignment?.endOn ?? null)),
    quotite: new FormControl(this.assignment ? formatPercent(this.assignment.quotiteBp).replace(/\u00A0%$/, '') : '100', {
      nonNullable: true,
      validators: [Validators.required, quotiteValidator],
    }),
    annualCostCents: requiredControl<number>(this.assignment?.annualCostCents ?? null),
    migPost: new FormControl<MigPost | null>(this.assignment?.migPost ?? null),
    allocations: this.rows,
  });

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly startIso = computed(() => (this.value().startOn ? toIsoDate(this.value().startOn!) : this.start));
  protected readonly endIso = computed(() => (this.value().endOn ? toIsoDate(this.value().endOn!) : null));
  /** 80 % is paid 6/7 of full pay (the public service rule); other quotités in proportion. */
  protected readonly payRatioHint = computed(() => {
    const parsed = parsePercent(this.value().quotite ?? '');
    if (!parsed.ok) return 'Par exemple 100, 80 ou 50';
    if (parsed.bp === 8_000) return 'Rémunéré 6/7 (85,71 %)';
    if (parsed.bp === 9_000) return 'Rémunéré 32/35 (91,43 %)';
    return `Rémunéré ${formatPercent(parsed.bp)}`;
  });

  constructor() {
    super();
    if (!this.assignment) {
      // The lines of every open fiscal year: a new assignment may start in any of them, and the
      // editor offers each row the lines of its own year (a closed year takes no new allocation).
      forkJoin({ sources: this.budgetApi.fundingSources(), years: this.budgetApi.fiscalYears() })
        .pipe(
          switchMap(({ sources, years }) => {
            const open = years.filter((y) => y.status === 'open').map((y) => y.year);
            const lines = open.length === 0 ? of([]) : forkJoin(open.map((year) => this.budgetApi.lines(year))).pipe(map((perYear) => perYear.flat()));
            return lines.pipe(map((all) => ({ sources, lines: all })));
          }),
        )
        .subscribe(({ sources, lines }) => {
          this.fundingSources.set(sources);
          this.lines.set(lines);
        });
      // While the split has one row, it starts with the assignment.
      this.form.controls.startOn.valueChanges.pipe(takeUntilDestroyed()).subscribe((startOn) => {
        const first = this.rows.at(0).controls.fromOn;
        if (this.rows.length === 1 && startOn && !first.dirty) first.setValue(startOn);
      });
    }
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const quotite = parsePercent(value.quotite);
    const fields = {
      positionLabel: value.positionLabel,
      startOn: isoDateOrNull(value.startOn),
      endOn: isoDateOrNull(value.endOn),
      quotiteBp: quotite.ok ? quotite.bp : null,
      annualCostCents: value.annualCostCents,
      migPost: value.migPost,
    };
    const saved = (assignment: StaffAssignment): AssignmentDialogResult => ({ outcome: 'saved', assignment });
    const assignment = this.assignment;
    if (assignment) {
      const body = this.parse(UpdateStaffAssignment, { ...fields, version: assignment.version });
      if (body) this.save(this.api.updateAssignment(assignment.id, body), saved);
    } else {
      const body = this.parse(CreateStaffAssignment, { ...fields, allocations: toAllocationInputs(this.rows) });
      if (body) this.save(this.api.createAssignment(this.data.memberId, body), saved);
    }
  }
}
