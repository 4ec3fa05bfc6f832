import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
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
 * The execution figures of some rows: AE then CP, euros rounded and right-aligned in fr-FR, each
 * rate under its amount, forecast (projected or entered, with its comment) and alerts in words.
 * With `forecastEditable`, a button under each forecast asks to enter or change it (`editForecast`
 * emits the row’s key). The label column stays put when the table scrolls sideways.
 */
@Component({
  selector: 'app-execution-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatTableModule, ExecutionAlerts],
  template: `
    <p class="rounding-note">Montants arrondis à l’euro ; l’export Excel donne les centimes.</p>
    <!-- Focusable so that keyboard users can scroll the table sideways on a narrow screen. -->
    <div class="table-container" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table mat-table [dataSource]="rows()" [attr.aria-label]="caption()">
        <ng-container matColumnDef="label" sticky>
          <th mat-header-cell *matHeaderCellDef scope="col" class="label-cell">{{ labelHeader() }}</th>
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
          <td mat-cell *matCellDef="let row" class="num">
            {{ euros(row.committedCents) }}
            @if (row.aeRateBp !== null) {
              <span class="sub">{{ rate(row.aeRateBp) }} des AE<span class="visually-hidden"> (taux d’engagement)</span></span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="openCp">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">CP ouverts</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.openCpCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="paid">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Payé</th>
          <td mat-cell *matCellDef="let row" class="num">
            {{ euros(row.paidCents) }}
            @if (row.cpRateBp !== null) {
              <span class="sub">{{ rate(row.cpRateBp) }} des CP<span class="visually-hidden"> (taux d’exécution)</span></span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="leftCp">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Reste à payer</th>
          <td mat-cell *matCellDef="let row" class="num">{{ euros(row.leftCpCents) }}</td>
        </ng-container>
        <ng-container matColumnDef="forecast">
          <th mat-header-cell *matHeaderCellDef scope="col" class="num">Atterrissage</th>
          <td mat-cell *matCellDef="let row" class="num forecast-cell">
            {{ row.forecastPaidCents === null ? '—' : euros(row.forecastPaidCents) }}
            @if (row.forecastPaidCents !== null) {
              @switch (row.forecastSource) {
                @case ('manual') {
                  @if (row.manualForecast; as manual) {
                    <span class="sub manual">Saisi : « {{ manual.comment }} »</span>
                    @if (row.projectedPaidCents !== null) {
                      <span class="sub">Projection : {{ euros(row.projectedPaidCents) }}</span>
                    }
                  } @else {
                    <span class="sub manual">Saisi</span>
                  }
                }
                @case ('mixed') {
                  <span class="sub manual">En partie saisi</span>
                }
                @case ('projected') {
                  <span class="sub">Projection</span>
                }
              }
            }
            @if (forecastEditable()) {
              <span class="action-cell">
                <button
                  mat-button
                  type="button"
                  (click)="editForecast.emit(row.key)"
                  [attr.aria-label]="(row.manualForecast ? 'Modifier' : 'Saisir') + ' l’atterrissage de la ligne ' + (row.code ? row.code + ' ' : '') + row.label"
                >
                  {{ row.manualForecast ? 'Modifier' : 'Saisir' }}
                </button>
              </span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="alerts">
          <th mat-header-cell *matHeaderCellDef scope="col" class="alerts-cell">Alertes</th>
          <td mat-cell *matCellDef="let row" class="alerts-cell"><app-execution-alerts [alerts]="row.alerts" /></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </div>
  `,
  styleUrl: './figures-table.scss',
  styles: `
    .rounding-note {
      margin: 0 0 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    /* The amounts take the room they need; the alerts in words take the rest. */
    .num {
      width: 1%;
    }
    th.num {
      white-space: normal;
    }
    .sub {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .forecast-cell .sub {
      max-width: 150px;
      margin-left: auto;
      white-space: normal;
    }
    .sub.manual {
      color: var(--mat-sys-primary);
    }
    .action-cell {
      display: block;
      margin: 4px -8px 0 0;
    }
    .alerts-cell {
      min-width: 180px;
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

  /** Few columns, so that they fit beside the navigation at 1280 px: the rates sit under their amount, the forecast’s button under the forecast. */
  protected readonly columns = ['label', 'openAe', 'committed', 'openCp', 'paid', 'leftCp', 'forecast', 'alerts'];

  /** Rounded to the euro: `150 000 €` reads at a glance (the cents are in the Excel export). */
  protected euros(cents: number): string {
    return formatEuros(cents, { decimals: false });
  }

  protected rate(bp: number | null): string {
    return bp === null ? '—' : formatPercent(bp);
  }
}
