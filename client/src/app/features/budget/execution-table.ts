import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { type ExecutionFigures, formatEuros, formatPercent } from '@cn2r/shared';
import { ExecutionAlerts } from './execution-alerts';

/** One row of an execution table: a line, an envelope, a funding source or a mission area. */
export interface ExecutionRow extends ExecutionFigures {
  readonly key: string;
  readonly label: string;
  /** The budget line’s code, shown before its label. */
  readonly code?: string;
}

/** The execution figures of some rows: AE then CP, euros right-aligned in fr-FR, rates, forecast and alerts in words. */
@Component({
  selector: 'app-execution-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, ExecutionAlerts],
  template: `
    <!-- Focusable so that keyboard users can scroll a wide table sideways. -->
    <div class="table-container" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table mat-table [dataSource]="rows()" [attr.aria-label]="caption()">
        <ng-container matColumnDef="label" sticky>
          <th mat-header-cell *matHeaderCellDef scope="col">{{ labelHeader() }}</th>
          <td mat-cell *matCellDef="let row" class="label-cell">
            @if (row.code) {
              <span class="code">{{ row.code }}</span>
            }
            {{ row.label }}
          </td>
        </ng-container>
        <ng-container matColumnDef="openAe">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">AE ouvertes</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.openAeCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="committed">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Engagé</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.committedCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="aeRate">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Taux d’engagement</th>
          <td mat-cell *matCellDef="let row" class="num">{{ rate(row.aeRateBp) }}</td>
        </ng-container>
        <ng-container matColumnDef="openCp">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">CP ouverts</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.openCpCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="paid">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Payé</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.paidCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="leftCp">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Reste à payer</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.leftCpCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="cpRate">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Taux d’exécution (CP)</th>
          <td mat-cell *matCellDef="let row" class="num">{{ rate(row.cpRateBp) }}</td>
        </ng-container>
        <ng-container matColumnDef="forecast">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Atterrissage des paiements</th>
          <td mat-cell *matCellDef="let row" class="num">{{ row.forecastPaidCents === null ? '—' : euros(row.forecastPaidCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="alerts">
          <th mat-header-cell *matHeaderCellDef scope="col">Alertes</th>
          <td mat-cell *matCellDef="let row" class="alerts-cell"><app-execution-alerts [alerts]="row.alerts" /></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </div>
  `,
  styles: `
    .table-container:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    th,
    td {
      padding: 8px;
      vertical-align: top;
    }
    .num {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .label-cell {
      min-width: 200px;
    }
    .code {
      display: block;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .alerts-cell {
      min-width: 220px;
    }
  `,
})
export class ExecutionTable {
  readonly rows = input.required<readonly ExecutionRow[]>();
  /** The table’s accessible name. */
  readonly caption = input.required<string>();
  /** The first column’s header: « Ligne », « Enveloppe »… */
  readonly labelHeader = input.required<string>();

  protected readonly columns = ['label', 'openAe', 'committed', 'aeRate', 'openCp', 'paid', 'leftCp', 'cpRate', 'forecast', 'alerts'];

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected rate(bp: number | null): string {
    return bp === null ? '—' : formatPercent(bp);
  }
}
