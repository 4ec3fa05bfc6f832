import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type BudgetLine, type FundingSource, PutStaffAllocations, type StaffAssignment, formatDateFr } from '@cn2r/shared';
import { forkJoin } from 'rxjs';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { BudgetApi } from '../budget/budget-api';
import { AllocationEditor, type AllocationRow, allocationRow, toAllocationInputs } from './allocation-editor';
import { StaffApi } from './staff-api';

export interface AllocationDialogData {
  readonly memberName: string;
  readonly assignment: StaffAssignment;
}

export type AllocationDialogResult = { readonly outcome: 'saved'; readonly assignment: StaffAssignment } | { readonly outcome: 'conflict' };

/** The years whose budget lines an assignment may be charged to: from its start to its end (or next year), ten at most. */
export function assignmentYears(startOn: string, endOn: string | null, today: string): number[] {
  const first = Number(startOn.slice(0, 4));
  const last = Math.min(Number((endOn ?? `${Math.max(Number(today.slice(0, 4)) + 1, first)}`).slice(0, 4)), first + 9);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Replaces the whole split of an assignment at once (with its version): the server checks 100 %
 * every day and, if not, answers with the periods in French, shown above the editor.
 */
@Component({
  selector: 'app-allocation-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatProgressBarModule, MatProgressSpinnerModule, AllocationEditor, FormErrors],
  template: `
    <h2 mat-dialog-title>Ventilation — {{ data.memberName }}, {{ data.assignment.positionLabel }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="help">
          Affectation {{ period }} : chaque jour, les parts doivent totaliser exactement 100 %. Pour changer de financeur à une date,
          terminez la ligne la veille et ajoutez les nouvelles lignes à partir de cette date. Une ventilation impute une ligne de l’exercice de sa
          date de début et s’arrête au plus tard le 31 décembre de cet exercice (ou reste sans fin) : au 1er janvier, ajoutez les lignes du
          nouvel exercice.
        </p>
        <app-form-errors [messages]="formErrors()" />
        @if (loading()) {
          <div class="loading" role="status">
            <mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Chargement des lignes budgétaires" />
          </div>
        } @else {
          <app-allocation-editor
            [rows]="rows"
            [startOn]="data.assignment.startOn"
            [endOn]="data.assignment.endOn"
            [lines]="lines()"
            [fundingSources]="fundingSources()"
          />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close cdkFocusInitial>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving() || loading()">Enregistrer la ventilation</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../budget/budget-dialog.scss',
})
export class AllocationDialog extends FormDialogBase<AllocationDialogResult> {
  private readonly staffApi = inject(StaffApi);
  private readonly budgetApi = inject(BudgetApi);
  protected readonly data = inject<AllocationDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  // « Du 01/07/2026 au 31/12/2026, les parts totalisent 80 % au lieu de 100 %. », one per period.
  protected override readonly fieldAbove = () => true;

  protected readonly loading = signal(true);
  protected readonly lines = signal<BudgetLine[]>([]);
  protected readonly fundingSources = signal<FundingSource[]>([]);

  protected readonly period = this.data.assignment.endOn
    ? `du ${formatDateFr(this.data.assignment.startOn)} au ${formatDateFr(this.data.assignment.endOn)}`
    : `à partir du ${formatDateFr(this.data.assignment.startOn)}`;

  protected readonly rows = new FormArray<AllocationRow>(
    [...this.data.assignment.allocations].sort((a, b) => a.fromOn.localeCompare(b.fromOn)).map((a) => allocationRow(a)),
  );
  protected readonly form = new FormGroup({ allocations: this.rows });

  constructor() {
    super();
    if (this.rows.length === 0) this.rows.push(allocationRow({ fromOn: this.data.assignment.startOn, shareBp: 10_000 }));
    const years = assignmentYears(this.data.assignment.startOn, this.data.assignment.endOn, new Date().toISOString().slice(0, 10));
    forkJoin({ sources: this.budgetApi.fundingSources(), lines: forkJoin(years.map((year) => this.budgetApi.lines(year))) }).subscribe({
      next: ({ sources, lines }) => {
        this.fundingSources.set(sources);
        this.lines.set(lines.flat());
        this.loading.set(false);
      },
      error: () => {
        this.formErrors.set(['Les lignes budgétaires n’ont pas pu être chargées : fermez puis rouvrez la ventilation.']);
        this.loading.set(false);
      },
    });
  }

  protected submit(): void {
    if (this.saving()) return;
    if (!this.startSubmit()) {
      this.formErrors.set(['Certaines lignes de la ventilation sont incomplètes ou invalides : voyez les champs signalés.']);
      return;
    }
    const body = this.parse(
      PutStaffAllocations,
      { allocations: toAllocationInputs(this.rows), version: this.data.assignment.version },
      (issue) => ({ path: [], message: issue.message }),
    );
    if (!body) return;
    this.save(this.staffApi.putAllocations(this.data.assignment.id, body), (assignment) => ({ outcome: 'saved', assignment }));
  }
}
