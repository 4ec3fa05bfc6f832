import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal } from '@angular/core';
import { type AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type BudgetLine,
  type FundingSource,
  MissionArea,
  type StaffAllocation,
  type StaffAllocationInput,
  checkAllocationCoverage,
  formatDateFr,
  formatPercent,
  missionAreaLabels,
  parsePercent,
} from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { allocationPeriodTotals } from './allocation-periods';

export type AllocationRow = FormGroup<{
  fromOn: FormControl<Date | null>;
  toOn: FormControl<Date | null>;
  share: FormControl<string>;
  budgetLineId: FormControl<number | null>;
  fundingSourceId: FormControl<number | null>;
  missionArea: FormControl<string | null>;
}>;

/** `{ percent: message }` unless the text is a share from 0,01 % to 100 % (at most two decimals). */
function percentValidator(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value || control.value.trim() === '') return null;
  const parsed = parsePercent(control.value);
  if (!parsed.ok) return { percent: parsed.message };
  return parsed.bp === 0 ? { percent: 'La part doit être strictement positive.' } : null;
}

/** A row of the editor, empty or from a stored allocation. */
export function allocationRow(allocation?: Partial<StaffAllocation>): AllocationRow {
  return new FormGroup({
    fromOn: new FormControl<Date | null>(fromIsoDate(allocation?.fromOn), { validators: [Validators.required] }),
    toOn: new FormControl<Date | null>(fromIsoDate(allocation?.toOn ?? null)),
    share: new FormControl(allocation?.shareBp === undefined ? '' : formatPercent(allocation.shareBp).replace(/\u00A0%$/, ''), {
      nonNullable: true,
      validators: [Validators.required, percentValidator],
    }),
    budgetLineId: new FormControl<number | null>(allocation?.budgetLineId ?? null, { validators: [Validators.required] }),
    fundingSourceId: new FormControl<number | null>(allocation?.fundingSourceId ?? null, { validators: [Validators.required] }),
    missionArea: new FormControl<string | null>(allocation?.missionArea ?? null, { validators: [Validators.required] }),
  });
}

/** Sets (message) or clears (null) one error of a control, keeping its others; shows it at once. */
function toggleError(control: AbstractControl, key: string, message: string | null): void {
  const { [key]: current, ...others } = control.errors ?? {};
  if (current === (message ?? undefined)) return;
  const next = message === null ? others : { ...others, [key]: message };
  control.setErrors(Object.keys(next).length ? next : null);
  if (message !== null) control.markAsTouched();
}

/** The share of a row in basis points, or null while its text is not a share. */
function shareOf(text: string): number | null {
  const parsed = parsePercent(text);
  return parsed.ok ? parsed.bp : null;
}

/** The rows as the API takes them (`PUT /staff/assignments/:id/allocations`); call on a valid array. */
export function toAllocationInputs(rows: FormArray<AllocationRow>): StaffAllocationInput[] {
  return rows.getRawValue().map((row) => ({
    fromOn: row.fromOn ? toIsoDate(row.fromOn) : '',
    toOn: row.toOn ? toIsoDate(row.toOn) : null,
    shareBp: shareOf(row.share) ?? 0,
    budgetLineId: row.budgetLineId ?? 0,
    fundingSourceId: row.fundingSourceId ?? 0,
    missionArea: row.missionArea ?? '',
  }));
}

/**
 * The allocation editor: an assignment's effective-dated split across budget line × funding
 * source × mission area, one row per share (from, to inclusive or open, share in %), rows added
 * and removed at will; the total per period is recomputed as one types, and every period that is
 * not exactly 100 % is named with its dates, as the server will say it. A row charges a line of the
 * fiscal year of its first day and covers that year only: its line select offers only that year's
 * lines, and a line of another year or an end past 31 December is flagged on its field, as the
 * server refuses them. Keyboard: every field is a native input or select; « Ajouter une ligne »
 * moves the focus to the new row.
 */
@Component({
  selector: 'app-allocation-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatIconModule],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    @for (row of rows().controls; track row; let i = $index) {
      <fieldset class="allocation" [formGroup]="row">
        <legend>Ventilation {{ i + 1 }}</legend>
        @let choice = rowLines()[i];
        <mat-form-field>
          <mat-label>Du</mat-label>
          <input matInput [matDatepicker]="fromPicker" formControlName="fromOn" required autocomplete="off" class="from-input" />
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" [attr.aria-label]="'Calendrier, début de la ventilation ' + (i + 1)" />
          <mat-datepicker #fromPicker />
          @if (row.controls.fromOn.invalid) {
            <mat-error>{{ errorOf(row.controls.fromOn) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Au (inclus)</mat-label>
          <input matInput [matDatepicker]="toPicker" formControlName="toOn" autocomplete="off" />
          <mat-hint>Vide : sans fin</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" [attr.aria-label]="'Calendrier, fin de la ventilation ' + (i + 1)" />
          <mat-datepicker #toPicker />
          @if (row.controls.toOn.invalid) {
            <mat-error>{{ errorOf(row.controls.toOn) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="share">
          <mat-label>Part (%)</mat-label>
          <input matInput formControlName="share" required inputmode="decimal" autocomplete="off" />
          @if (row.controls.share.invalid) {
            <mat-error>{{ errorOf(row.controls.share) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Ligne budgétaire</mat-label>
          <mat-select formControlName="budgetLineId" required (selectionChange)="lineChosen(row, $event.value)">
            @for (line of choice.lines; track line.id) {
              <mat-option [value]="line.id">{{ line.year }} · {{ line.code }} — {{ line.label }}</mat-option>
            } @empty {
              <mat-option disabled>{{ choice.year === null ? 'Saisissez d’abord la date de début' : 'Aucune ligne budgétaire en ' + choice.year }}</mat-option>
            }
          </mat-select>
          @if (choice.year !== null) {
            <mat-hint>Lignes de l’exercice {{ choice.year }}</mat-hint>
          }
          @if (row.controls.budgetLineId.invalid) {
            <mat-error>{{ errorOf(row.controls.budgetLineId) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Financeur</mat-label>
          <mat-select formControlName="fundingSourceId" required>
            @for (source of fundingSources(); track source.id) {
              <mat-option [value]="source.id">{{ source.code }} — {{ source.funder }}</mat-option>
            }
          </mat-select>
          @if (row.controls.fundingSourceId.invalid) {
            <mat-error>{{ errorOf(row.controls.fundingSourceId) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Destination</mat-label>
          <mat-select formControlName="missionArea" required>
            @for (area of missionAreas; track area) {
              <mat-option [value]="area">{{ missionAreaLabels[area] }}</mat-option>
            }
          </mat-select>
          @if (row.controls.missionArea.invalid) {
            <mat-error>{{ errorOf(row.controls.missionArea) }}</mat-error>
          }
        </mat-form-field>
        <button mat-icon-button type="button" (click)="remove(i)" [disabled]="rows().length === 1" [attr.aria-label]="'Retirer la ventilation ' + (i + 1)">
          <mat-icon>delete</mat-icon>
        </button>
      </fieldset>
    }
    <button mat-stroked-button type="button" (click)="add()">
      <mat-icon>add</mat-icon>
      Ajouter une ligne
    </button>

    <section class="totals" aria-labelledby="allocation-totals">
      <h3 id="allocation-totals">Total par période</h3>
      <table class="periods" aria-describedby="allocation-totals">
        <thead>
          <tr>
            <th scope="col">Période</th>
            <th scope="col" class="num">Total</th>
          </tr>
        </thead>
        <tbody>
          @for (period of periods(); track period.from) {
            <tr [class.wrong]="!period.ok">
              <td>{{ periodText(period.from, period.to) }}</td>
              <td class="num">{{ percent(period.totalBp) }}{{ period.ok ? '' : ' — à corriger' }}</td>
            </tr>
          }
        </tbody>
      </table>
      <div aria-live="polite">
        @if (problems().length) {
          <ul class="problems">
            @for (problem of problems(); track $index) {
              <li>{{ problem }}</li>
            }
          </ul>
        } @else if (rows().valid) {
          <p class="all-good">La ventilation couvre l’affectation à 100 % chaque jour.</p>
        }
      </div>
    </section>
  `,
  styles: `
    .allocation {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: flex-start;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      margin: 0 0 8px;
      padding: 4px 12px 0;

      mat-form-field {
        width: 160px;
      }
      .share {
        width: 110px;
      }
      .wide {
        width: 320px;
      }
    }
    .totals h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    .periods {
      border-collapse: collapse;
      th,
      td {
        padding: 4px 12px 4px 0;
        text-align: left;
      }
      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .wrong td {
        color: var(--mat-sys-error);
        font-weight: 500;
      }
    }
    .problems {
      color: var(--mat-sys-error);
      margin: 8px 0;
    }
    .all-good {
      margin: 8px 0;
    }
  `,
})
export class AllocationEditor {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** The rows, owned by the dialog that saves them. */
  readonly rows = input.required<FormArray<AllocationRow>>();
  /** The assignment's period, `YYYY-MM-DD` (end null: under way). */
  readonly startOn = input.required<string>();
  readonly endOn = input<string | null>(null);
  readonly lines = input.required<readonly BudgetLine[]>();
  readonly fundingSources = input.required<readonly FundingSource[]>();

  /** The editor's own messages (share, line of another year, end past 31 December), else the usual ones. */
  protected readonly errorOf = (control: AbstractControl) => {
    const own = ['percent', 'lineYear', 'yearEnd'].map((key) => control.errors?.[key]).find((message) => typeof message === 'string');
    return typeof own === 'string' && !control.errors?.['server'] ? own : controlErrorMessage(control);
  };
  protected readonly missionAreas = MissionArea.options;
  protected readonly missionAreaLabels = missionAreaLabels;
  protected readonly sortedLines = computed(() => [...this.lines()].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code)));

  /** Bumped on every change of the rows, for the live totals. */
  private readonly changes = signal(0);

  /** For each row, the fiscal year of its first day and the lines it may charge: that year's only (none before a date is typed). */
  protected readonly rowLines = computed(() => {
    this.changes();
    const lines = this.sortedLines();
    return this.rows()
      .getRawValue()
      .map((row) => {
        const year = row.fromOn ? row.fromOn.getFullYear() : null;
        return { year, lines: year === null ? [] : lines.filter((line) => line.year === year) };
      });
  });

  private readonly shares = computed(() => {
    this.changes();
    return this.rows()
      .getRawValue()
      .map((row) => ({
        from: row.fromOn ? toIsoDate(row.fromOn) : null,
        to: row.toOn ? toIsoDate(row.toOn) : null,
        shareBp: shareOf(row.share),
      }));
  });

  protected readonly periods = computed(() => allocationPeriodTotals({ start: this.startOn(), end: this.endOn() }, this.shares()));

  /** The same French problems as the server's, for the rows that are complete. */
  protected readonly problems = computed(() => {
    const complete = this.shares().filter((s): s is { from: string; to: string | null; shareBp: number } => s.from !== null && s.shareBp !== null);
    try {
      return checkAllocationCoverage({ start: this.startOn(), end: this.endOn() }, complete).map((p) => p.message);
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  });

  constructor() {
    effect((onCleanup) => {
      const rows = this.rows();
      const lines = new Map(this.lines().map((line) => [line.id, line]));
      this.flagOtherYears(rows, lines);
      const subscription = rows.valueChanges.subscribe(() => {
        this.flagOtherYears(rows, lines);
        this.changes.update((n) => n + 1);
      });
      this.changes.update((n) => n + 1);
      onCleanup(() => subscription.unsubscribe());
    });
  }

  /**
   * Flags on their fields, as the server would refuse them, a line of another fiscal year than the
   * row's first day, and a row ending after 31 December of that year (an open end is allowed).
   */
  private flagOtherYears(rows: FormArray<AllocationRow>, lines: ReadonlyMap<number, BudgetLine>): void {
    for (const row of rows.controls) {
      const { fromOn, toOn, budgetLineId } = row.getRawValue();
      const year = fromOn ? fromOn.getFullYear() : null;
      const line = budgetLineId === null ? undefined : lines.get(budgetLineId);
      toggleError(
        row.controls.budgetLineId,
        'lineYear',
        year !== null && line && line.year !== year ? `La ligne ${line.year} · ${line.code} n’appartient pas à l’exercice ${year} : choisissez une ligne ${year}.` : null,
      );
      toggleError(
        row.controls.toOn,
        'yearEnd',
        year !== null && toOn && toOn.getFullYear() !== year ? `Une ventilation ne couvre qu’un exercice : coupez-la au 31/12/${year}.` : null,
      );
    }
  }

  protected percent(bp: number): string {
    return formatPercent(bp);
  }

  protected periodText(from: string, to: string | null): string {
    if (to === null) return `À partir du ${formatDateFr(from)}`;
    return from === to ? `Le ${formatDateFr(from)}` : `Du ${formatDateFr(from)} au ${formatDateFr(to)}`;
  }

  /** A line brings its funder and mission area (which the user may still change). */
  protected lineChosen(row: AllocationRow, lineId: number): void {
    const line = this.lines().find((l) => l.id === lineId);
    if (!line) return;
    row.controls.fundingSourceId.setValue(line.fundingSourceId);
    row.controls.missionArea.setValue(line.missionArea);
  }

  /** A new row starting the day after the last row's end (or on the assignment's start), focused. */
  protected add(): void {
    const ends = this.rows()
      .getRawValue()
      .map((r) => r.toOn)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime());
    const from = ends[0] ? new Date(ends[0].getFullYear(), ends[0].getMonth(), ends[0].getDate() + 1) : fromIsoDate(this.startOn());
    const row = allocationRow();
    row.controls.fromOn.setValue(from);
    this.rows().push(row);
    setTimeout(() => {
      const inputs = this.host.querySelectorAll<HTMLInputElement>('.from-input');
      inputs[inputs.length - 1]?.focus();
    });
  }

  protected remove(index: number): void {
    this.rows().removeAt(index);
  }
}
