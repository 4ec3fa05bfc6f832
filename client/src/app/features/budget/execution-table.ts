import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { type ExecutionFigures, type LineForecast, formatEuros, formatPercent } from '@cn2r/shared';
import { ExecutionAlerts } from './execution-alerts';

/** One row of an execution table: a line, an envelope, a funding source or a mission area. */
export interface ExecutionRow extends ExecutionFigures {
  readonly key: string;
  readonly label: string;
  /** The budget line’s code, shown before its label. */
  readonly code?: string;
  /** A budget line’s manual year-end forecast, when one was entered (its comment is shown under the amount). */
  readonly manualForecast?: LineForecast | null;
}

/**
 * The execution figures of some rows: AE then CP, euros right-aligned in fr-FR, rates, forecast
 * (projected or entered, with its comment) and alerts in words. With `forecastEditable`, a button
 * per row asks to enter or change its forecast (`editForecast` emits the row’s key).
 */
@Component({
  selector: 'app-execution-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatTableModule, ExecutionAlerts],
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
          <td mat-cell *matCellDef="let row" class="num forecast-cell">
            {{ row.forecastPaidCents === null ? '—' : euros(row.forecastPaidCents) }}
            @if (row.forecastPaidCents !== null) {
              @switch (row.forecastSource) {
                @case ('manual') {
                  @if (row.manualForecast; as manual) {
                    <span class="forecast-note manual">Saisi : « {{ manual.comment }} »</span>
                    @if (row.projectedPaidCents !== null) {
                      <span class="forecast-note">Projection : {{ euros(row.projectedPaidCents) }}</span>
                    }
                  } @else {
                    <span class="forecast-note manual">Saisi</span>
                  }
                }
                @case ('mixed') {
                  <span class="forecast-note manual">En partie saisi</span>
                }
                @case ('projected') {
                  <span class="forecast-note">Projection</span>
                }
              }
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="forecastAction">
          <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let row" class="action-cell">
            <button
              mat-button
              type="button"
              (click)="editForecast.emit(row.key)"
              [attr.aria-label]="(row.manualForecast ? 'Modifier' : 'Saisir') + ' l’atterrissage de la ligne ' + (row.code ? row.code + ' ' : '') + row.label"
            >
              {{ row.manualForecast ? 'Modifier' : 'Saisir' }}
            </button>
          </td>
        </ng-container>
        <ng-container matColumnDef="alerts">
          <th mat-header-cell *matHeaderCellDef scope="col">Alertes</th>
          <td mat-cell *matCellDef="let row" class="alerts-cell"><app-execution-alerts [alerts]="row.alerts" /></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
      </table>
    </div>
  `,
  styleUrl: './figures-table.scss',
  styles: `
    .alerts-cell {
      min-width: 220px;
    }
    .forecast-note {
      display: block;
      max-width: 240px;
      margin-left: auto;
      white-space: normal;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .forecast-note.manual {
      color: var(--mat-sys-primary);
    }
    .action-cell {
      white-space: nowrap;
    }
  `,
})
export class ExecutionTable {
  readonly rows = input.required<readonly ExecutionRow[]>();
  /** The table’s accessible name. */
  readonly caption = input.required<string>();
  /** The first column’s header: « Ligne », « Enveloppe »… */
  readonly labelHeader = input.required<string>();
  /** Shows, after the forecast, a button per row to enter or change it (budget lines, finance and administrators, open year). */
  readonly forecastEditable = input(false);
  /** The key of the row whose forecast to enter or change. */
  readonly editForecast = output<string>();

  protected readonly columns = computed(() => [
    'label',
    'openAe',
    'committed',
    'aeRate',
    'openCp',
    'paid',
    'leftCp',
    'cpRate',
    'forecast',
    ...(this.forecastEditable() ? ['forecastAction'] : []),
    'alerts',
  ]);

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected rate(bp: number | null): string {
    return bp === null ? '—' : formatPercent(bp);
  }
}
