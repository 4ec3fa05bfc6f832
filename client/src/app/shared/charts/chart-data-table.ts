import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { DataTable, DataTableRow } from './chart-model';
import { formatValue } from './french-format';

/**
 * The data behind a chart as a real table: a caption, column headers with `scope="col"`, the
 * first cell of each row a row header with `scope="row"`, numbers in fr-FR right-aligned.
 */
@Component({
  selector: 'app-chart-data-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule],
  template: `
    <div class="scroll" role="region" [attr.aria-label]="table().caption" tabindex="0">
      <table mat-table [dataSource]="rows()" [attr.aria-label]="table().caption">
        <caption>{{ table().caption }}</caption>
        <ng-container matColumnDef="label">
          <th mat-header-cell *matHeaderCellDef scope="col">{{ table().rowHeader }}</th>
          <th *matCellDef="let row" class="mat-mdc-cell mdc-data-table__cell row-header" scope="row">{{ row.label }}</th>
        </ng-container>
        @for (column of table().columns; track $index; let i = $index) {
          <ng-container [matColumnDef]="columnId(i)">
            <th mat-header-cell *matHeaderCellDef scope="col" class="number">{{ column }}</th>
            <td mat-cell *matCellDef="let row" class="number">{{ cell(row, i) }}</td>
          </ng-container>
        }
        <tr mat-header-row *matHeaderRowDef="displayed()"></tr>
        <tr mat-row *matRowDef="let row; columns: displayed()"></tr>
      </table>
    </div>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
      max-height: 420px;
    }
    caption {
      text-align: left;
      font: var(--mat-sys-title-small);
      padding: 8px 0;
    }
    .number {
      text-align: right;
      white-space: nowrap;
    }
    .row-header {
      text-align: left;
      font-weight: 500;
    }
  `,
})
export class ChartDataTable {
  readonly table = input.required<DataTable>();

  protected readonly rows = computed(() => [...this.table().rows]);
  protected readonly displayed = computed(() => ['label', ...this.table().columns.map((_, i) => this.columnId(i))]);

  protected columnId(index: number): string {
    return `c${index}`;
  }

  protected cell(row: DataTableRow, index: number): string {
    return formatValue(row.kind ?? this.table().kind, row.values[index]);
  }
}
