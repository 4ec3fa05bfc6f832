import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ChartDataTable } from './chart-data-table';
import { ChartLegend, type LegendItem } from './chart-legend';
import { downloadFile, exportFileName, tableToCsv, tableToXlsx } from './chart-export';
import type { DataTable } from './chart-model';

let nextId = 0;

/**
 * The frame of every chart: its heading, the chart itself (projected, hidden from screen readers,
 * which get the table), « Voir les données » to show the data table, and « Exporter » to CSV or Excel.
 * An empty table shows `emptyText` instead of the chart.
 */
@Component({
  selector: 'app-chart-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatMenuModule, ChartDataTable, ChartLegend],
  template: `
    <section class="frame" [attr.aria-labelledby]="headingId">
      <div class="frame-header">
        <h3 [id]="headingId">{{ heading() }}</h3>
        @if (table().rows.length) {
          <div class="actions">
            <button
              mat-button
              type="button"
              [attr.aria-expanded]="showTable()"
              [attr.aria-controls]="tableId"
              (click)="showTable.set(!showTable())"
            >
              <mat-icon aria-hidden="true">{{ showTable() ? 'visibility_off' : 'table_view' }}</mat-icon>
              {{ showTable() ? 'Masquer les données' : 'Voir les données' }}
            </button>
            <button mat-button type="button" [matMenuTriggerFor]="exportMenu" [attr.aria-label]="'Exporter les données : ' + heading()">
              <mat-icon aria-hidden="true">download</mat-icon>
              Exporter
            </button>
            <mat-menu #exportMenu="matMenu">
              <button mat-menu-item type="button" (click)="exportCsv()">CSV (tableur, séparateur « ; »)</button>
              <button mat-menu-item type="button" (click)="exportXlsx()">Excel (.xlsx)</button>
            </mat-menu>
          </div>
        }
      </div>
      @if (table().rows.length) {
        @if (description()) {
          <p class="description">{{ description() }}</p>
        }
        <div class="chart" [attr.aria-hidden]="decorative() ? 'true' : null">
          @if (legend().length) {
            <app-chart-legend [items]="legend()" />
          }
          <div class="plot" [style.height.px]="decorative() ? height() : null">
            <ng-content />
          </div>
        </div>
        <div [id]="tableId" [hidden]="!showTable()" class="data">
          <app-chart-data-table [table]="table()" />
        </div>
      } @else {
        <p class="empty">{{ emptyText() }}</p>
      }
    </section>
  `,
  styles: `
    .frame {
      margin: 0;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
      min-width: 0;
    }
    .frame-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .actions {
      display: flex;
      gap: 4px;
    }
    .description {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .chart {
      width: 100%;
      margin-top: 8px;
    }
    .plot {
      width: 100%;
    }
    /* ngx-charts draws its ticks in a grey of its own: the card's text colour instead (≥ 4.5:1). */
    .chart ::ng-deep svg text {
      fill: var(--mat-sys-on-surface-variant);
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  host: { class: 'chart-frame' },
})
export class ChartFrame {
  private readonly snackBar = inject(MatSnackBar);

  readonly heading = input.required<string>();
  readonly table = input.required<DataTable>();
  readonly description = input<string>('');
  readonly emptyText = input<string>('Aucune donnée pour ces filtres.');
  /** The drawing's height in pixels; null: as tall as its content (cards, HTML bars). */
  readonly height = input<number | null>(300);
  /** The series and their colours, above the drawing; none for a single series. */
  readonly legend = input<readonly LegendItem[]>([]);
  /** True (charts): the drawing is hidden from screen readers, who get the table. False: it is interactive (the map) and keeps its own labels. */
  readonly decorative = input(true);

  protected readonly showTable = signal(false);
  protected readonly headingId = `chart-heading-${++nextId}`;
  protected readonly tableId = `chart-table-${nextId}`;

  protected exportCsv(): void {
    const table = this.table();
    downloadFile(exportFileName(table.caption, 'csv'), new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' }));
  }

  protected async exportXlsx(): Promise<void> {
    const table = this.table();
    try {
      downloadFile(exportFileName(table.caption, 'xlsx'), await tableToXlsx(table));
    } catch {
      this.snackBar.open('Le fichier Excel n’a pas pu être préparé. Essayez l’export CSV.', 'Fermer', { duration: 8000 });
    }
  }
}
