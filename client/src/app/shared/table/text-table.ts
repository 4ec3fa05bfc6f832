import { type AfterContentInit, ChangeDetectionStrategy, Component, ViewChild, computed, contentChildren, input } from '@angular/core';
import { MatColumnDef, MatTable, MatTableModule } from '@angular/material/table';

/** One column of a TextTable: its header and the text of each cell. */
export interface TextColumn<T> {
  readonly id: string;
  readonly header: string;
  readonly cell: (row: T) => string | number;
  /** Figures: right-aligned, tabular digits. */
  readonly numeric?: boolean;
  /** A code shown in bold before the cell text (a budget line's code). */
  readonly code?: (row: T) => string;
  /** The whole cell in bold (a number that identifies the row). */
  readonly emphasis?: boolean;
}

/**
 * A Material table whose cells are plain text, described by its columns (in display order), in a
 * scrolling `.table-container`; `label` names the table for screen readers. Columns that need
 * markup (links, buttons) are projected as `<ng-container matColumnDef>` and shown, after the text
 * columns, when `extraColumns` names them.
 */
@Component({
  selector: 'app-text-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule],
  template: `
    <div class="table-container">
      <table mat-table [dataSource]="rows()" [attr.aria-label]="label()" [class]="tableClass()">
        @for (column of columns(); track column.id) {
          <ng-container [matColumnDef]="column.id">
            <th mat-header-cell *matHeaderCellDef scope="col" [class.num]="column.numeric">{{ column.header }}</th>
            <!-- One line, so that the cell's text is exactly the code, a space and the text. -->
            <td mat-cell *matCellDef="let row" [class.num]="column.numeric" [class.emphasis]="column.emphasis">@if (column.code) {<span class="code">{{ column.code(row) }}</span>{{ ' ' }}}{{ column.cell(row) }}</td>
          </ng-container>
        }
        <tr mat-header-row *matHeaderRowDef="columnIds()"></tr>
        <tr mat-row *matRowDef="let row; columns: columnIds()"></tr>
      </table>
    </div>
  `,
  styleUrl: './table-cells.scss',
  styles: `
    :host {
      display: block;
    }
    .emphasis {
      font-weight: 500;
      white-space: nowrap;
    }
  `,
})
export class TextTable<T> implements AfterContentInit {
  readonly rows = input.required<readonly T[]>();
  readonly columns = input.required<readonly TextColumn<T>[]>();
  readonly label = input.required<string>();
  /** Classes of the table element (for the page's styles and tests). */
  readonly tableClass = input('');
  /** The projected columns to show, in order, after the text columns (« actions » when the user may write). */
  readonly extraColumns = input<readonly string[]>([]);

  protected readonly columnIds = computed(() => [...this.columns().map((column) => column.id), ...this.extraColumns()]);

  // A static query: the table exists before its first rows render, to receive the projected columns.
  @ViewChild(MatTable, { static: true }) private readonly table!: MatTable<T>;
  private readonly projected = contentChildren(MatColumnDef);

  ngAfterContentInit(): void {
    for (const column of this.projected()) this.table.addColumnDef(column);
  }
}
