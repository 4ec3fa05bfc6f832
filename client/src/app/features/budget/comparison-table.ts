import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { type ComparisonCell, type ComparisonRow, formatEuros, formatPercent } from '@cn2r/shared';

/** One row of a comparison table: a line (with its code), an envelope, a funding source, a mission area or the total. */
export interface ComparisonTableRow extends ComparisonRow {
  /** The budget line’s code, shown before its label. */
  readonly code?: string;
}

interface Measure {
  readonly key: 'openAe' | 'committed' | 'aeRate' | 'openCp' | 'paid' | 'cpRate';
  readonly label: string;
  readonly show: (cell: ComparisonCell) => string;
}

const rate = (bp: number | null) => (bp === null ? '—' : formatPercent(bp));

const measures: readonly Measure[] = [
  { key: 'openAe', label: 'AE ouvertes', show: (c) => formatEuros(c.openAeCents) },
  { key: 'committed', label: 'Engagé', show: (c) => formatEuros(c.committedCents) },
  { key: 'aeRate', label: 'Taux d’engagement', show: (c) => rate(c.aeRateBp) },
  { key: 'openCp', label: 'CP ouverts', show: (c) => formatEuros(c.openCpCents) },
  { key: 'paid', label: 'Payé', show: (c) => formatEuros(c.paidCents) },
  { key: 'cpRate', label: 'Taux d’exécution (CP)', show: (c) => rate(c.cpRateBp) },
];

/**
 * Fiscal years side by side: for each year, open AE, committed, commitment rate, open CP, paid
 * and execution rate, euros right-aligned in fr-FR; the total in the footer. « — » in a year the
 * row does not exist.
 */
@Component({
  selector: 'app-comparison-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule],
  template: `
    <!-- Focusable so that keyboard users can scroll a wide table sideways. -->
    <div class="table-container" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table mat-table [dataSource]="rows()" [attr.aria-label]="caption()">
        <ng-container matColumnDef="label" sticky>
          <th mat-header-cell *matHeaderCellDef scope="col" rowspan="2">{{ labelHeader() }}</th>
          <td mat-cell *matCellDef="let row" class="label-cell">
            @if (row.code) {
              <span class="code">{{ row.code }}</span>
            }
            {{ row.label }}
          </td>
          <td mat-footer-cell *matFooterCellDef class="label-cell">{{ total().label }}</td>
        </ng-container>
        @for (year of years(); track year; let i = $index) {
          <ng-container [matColumnDef]="'year-' + year">
            <th mat-header-cell *matHeaderCellDef scope="colgroup" [attr.colspan]="measures.length" class="year">{{ year }}</th>
          </ng-container>
          @for (measure of measures; track measure.key) {
            <ng-container [matColumnDef]="measure.key + '-' + year">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num" [class.year-start]="$first">
                {{ measure.label }} <span class="visually-hidden">{{ year }}</span>
              </th>
              <td mat-cell *matCellDef="let row" class="num" [class.year-start]="$first">{{ show(measure, row, i) }}</td>
              <td mat-footer-cell *matFooterCellDef class="num" [class.year-start]="$first">{{ show(measure, total(), i) }}</td>
            </ng-container>
          }
        }
        <tr mat-header-row *matHeaderRowDef="yearColumns()"></tr>
        <tr mat-header-row *matHeaderRowDef="measureColumns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
        <tr mat-footer-row *matFooterRowDef="columns()"></tr>
      </table>
    </div>
  `,
  styleUrl: './figures-table.scss',
  styles: `
    .year {
      text-align: center;
      font: var(--mat-sys-title-small);
    }
    .year,
    .year-start {
      border-left: 1px solid var(--mat-sys-outline-variant);
    }
    .mat-mdc-footer-cell {
      font-weight: 500;
    }
  `,
})
export class ComparisonTable {
  readonly rows = input.required<readonly ComparisonTableRow[]>();
  readonly total = input.required<ComparisonRow>();
  /** The fiscal years compared, in order: every row has one cell per year. */
  readonly years = input.required<readonly number[]>();
  /** The table’s accessible name. */
  readonly caption = input.required<string>();
  /** The first column’s header: « Ligne », « Enveloppe »… */
  readonly labelHeader = input.required<string>();

  protected readonly measures = measures;
  protected readonly yearColumns = computed(() => ['label', ...this.years().map((year) => `year-${year}`)]);
  protected readonly measureColumns = computed(() => this.years().flatMap((year) => measures.map((m) => `${m.key}-${year}`)));
  protected readonly columns = computed(() => ['label', ...this.measureColumns()]);

  /** A figure of a row in the year at `index`; « — » when the row has no line that year. */
  protected show(measure: Measure, row: ComparisonRow, index: number): string {
    const cell = row.years[index];
    return cell && cell.present ? measure.show(cell) : '—';
  }
}
