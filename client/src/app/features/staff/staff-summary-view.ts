import { ChangeDetectionStrategy, Component, booleanAttribute, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type StaffCostMask, type StaffSummary, employerKindLabels, formatDateFr, formatEuros, staffCostMaskLabels, staffStatusLabels } from '@cn2r/shared';
import type { Subscription } from 'rxjs';
import { CeilingDialog, type CeilingDialogData, type CeilingDialogResult } from './ceiling-dialog';
import { formatEtptBp } from './ceiling-etpt';
import { StaffApi } from './staff-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';

/**
 * The staff summary of a year: ETPT per person (finance and administrators only), per line,
 * funder and mission area; MIG H15 funded posts against the ETPT actually worked, with vacancies;
 * ETPT paid by the grouping against the ceiling; seconded staff and other contributions in kind.
 * Finance and administrators set or change the voted ceiling (plafond d’emplois) of an open year
 * (`writable`); the board reads it.
 */
@Component({
  selector: 'app-staff-summary-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, MatTableModule, MatButtonModule, MatIconModule],
  template: `
    @if (state() === 'loading') {
      <app-loading-spinner label="Chargement de la synthèse" />
    } @else if (state() === 'failed') {
      <app-load-failed text="La synthèse des personnels n’a pas pu être chargée." (retry)="load(year())" />
    } @else if (summary(); as s) {
      <ul class="figures">
        <li class="figure"><span class="figure-label">Personnes</span><span class="figure-value">{{ s.headcount }}</span></li>
        <li class="figure"><span class="figure-label">ETPT total</span><span class="figure-value">{{ s.totalEtpt.display }}</span></li>
        <li class="figure"><span class="figure-label">Coût de l’année</span><span class="figure-value">{{ euros(s.totalCostCents) }}</span></li>
        <li class="figure" [class.over]="s.ceiling.overCeiling">
          <span class="figure-label">ETPT payés par le GIP / plafond</span>
          <span class="figure-value">{{ s.ceiling.paidByGroupingEtpt.display }} / {{ ceiling(s) }}</span>
          @if (s.ceiling.overCeiling) {
            <span class="alert">Au-delà du plafond d’emplois voté</span>
          }
          @if (writable() && s.ceiling.ceilingEtptBp !== null) {
            <button mat-button type="button" class="figure-action" (click)="editCeiling(s)" [attr.aria-label]="'Modifier le plafond d’emplois ' + s.year">
              Modifier le plafond
            </button>
          }
        </li>
        <li class="figure">
          <span class="figure-label">Mis à disposition sans remboursement</span>
          <span class="figure-value">{{ s.ceiling.secondedWithoutReimbursementEtpt.display }} ETPT</span>
        </li>
        <li class="figure">
          <span class="figure-label">Contributions en nature</span>
          <span class="figure-value">{{ inKindTotal(s) }}</span>
        </li>
      </ul>
      @if (s.ceiling.ceilingEtptBp === null) {
        <div class="ceiling-missing" role="note">
          <mat-icon aria-hidden="true">info</mat-icon>
          @if (writable()) {
            <p>
              Aucun plafond d’emplois n’est saisi pour {{ s.year }} : saisissez le plafond voté, en ETPT (par exemple 4,5), pour comparer les
              {{ s.ceiling.paidByGroupingEtpt.display }} ETPT payés par le GIP.
            </p>
            <button mat-flat-button type="button" (click)="editCeiling(s)">Saisir le plafond</button>
          } @else {
            <p>Aucun plafond d’emplois n’est saisi pour {{ s.year }}.</p>
          }
        </div>
      }

      <h2>Postes MIG H15</h2>
      <div class="table-container">
        <table mat-table [dataSource]="s.migPosts" aria-label="Postes MIG H15 financés et ETPT réels">
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef scope="col">Poste</th>
            <td mat-cell *matCellDef="let row">{{ row.label }}</td>
          </ng-container>
          <ng-container matColumnDef="funded">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Financé (ETP)</th>
            <td mat-cell *matCellDef="let row" class="num">{{ row.fundedEtp }}</td>
          </ng-container>
          <ng-container matColumnDef="etpt">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT réels</th>
            <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
          </ng-container>
          <ng-container matColumnDef="vacancies">
            <th mat-header-cell *matHeaderCellDef scope="col">Vacances</th>
            <td mat-cell *matCellDef="let row">{{ vacancies(row.vacancies) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="['label', 'funded', 'etpt', 'vacancies']"></tr>
          <tr mat-row *matRowDef="let row; columns: ['label', 'funded', 'etpt', 'vacancies']"></tr>
        </table>
      </div>

      @if (s.people) {
        <h2>Par personne</h2>
        <div class="table-container">
          <table mat-table [dataSource]="s.people" aria-label="ETPT et coût par personne">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef scope="col">Nom</th>
              <td mat-cell *matCellDef="let row">{{ row.name }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">Statut</th>
              <td mat-cell *matCellDef="let row">{{ statusLabel(row.status) }}</td>
            </ng-container>
            <ng-container matColumnDef="etpt">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT</th>
              <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
            </ng-container>
            <ng-container matColumnDef="cost">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Coût</th>
              <td mat-cell *matCellDef="let row" class="num">{{ euros(row.costCents) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="['name', 'status', 'etpt', 'cost']"></tr>
            <tr mat-row *matRowDef="let row; columns: ['name', 'status', 'etpt', 'cost']"></tr>
          </table>
        </div>
      }

      <h2>Par ligne budgétaire</h2>
      <div class="table-container">
        <table mat-table [dataSource]="s.byLine" aria-label="ETPT et coût par ligne budgétaire">
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef scope="col">Ligne</th>
            <td mat-cell *matCellDef="let row"><span class="code">{{ row.code }}</span> {{ row.label }}</td>
          </ng-container>
          <ng-container matColumnDef="etpt">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT</th>
            <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
          </ng-container>
          <ng-container matColumnDef="headcount">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Effectif</th>
            <td mat-cell *matCellDef="let row" class="num">{{ row.headcount }}</td>
          </ng-container>
          <ng-container matColumnDef="cost">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Coût</th>
            <td mat-cell *matCellDef="let row" class="num">{{ euros(row.costCents) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="['label', 'headcount', 'etpt', 'cost']"></tr>
          <tr mat-row *matRowDef="let row; columns: ['label', 'headcount', 'etpt', 'cost']"></tr>
        </table>
      </div>
      @if (s.staffCostNote) {
        <p class="note">{{ s.staffCostNote }}</p>
      }

      <div class="two-columns">
        <section>
          <h2>Par financeur</h2>
          <div class="table-container">
            <table mat-table [dataSource]="s.byFunder" aria-label="ETPT et coût par financeur">
              <ng-container matColumnDef="label">
                <th mat-header-cell *matHeaderCellDef scope="col">Financeur</th>
                <td mat-cell *matCellDef="let row">{{ row.label }}</td>
              </ng-container>
              <ng-container matColumnDef="etpt">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT</th>
                <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
              </ng-container>
              <ng-container matColumnDef="cost">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">Coût</th>
                <td mat-cell *matCellDef="let row" class="num">{{ cost(row.costCents, row.costMasked) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="['label', 'etpt', 'cost']"></tr>
              <tr mat-row *matRowDef="let row; columns: ['label', 'etpt', 'cost']"></tr>
            </table>
          </div>
        </section>
        <section>
          <h2>Par destination</h2>
          <div class="table-container">
            <table mat-table [dataSource]="s.byMission" aria-label="ETPT et coût par destination">
              <ng-container matColumnDef="label">
                <th mat-header-cell *matHeaderCellDef scope="col">Destination</th>
                <td mat-cell *matCellDef="let row">{{ row.label }}</td>
              </ng-container>
              <ng-container matColumnDef="etpt">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT</th>
                <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
              </ng-container>
              <ng-container matColumnDef="cost">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">Coût</th>
                <td mat-cell *matCellDef="let row" class="num">{{ cost(row.costCents, row.costMasked) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="['label', 'etpt', 'cost']"></tr>
              <tr mat-row *matRowDef="let row; columns: ['label', 'etpt', 'cost']"></tr>
            </table>
          </div>
        </section>
      </div>

      <h2>Mises à disposition (en nature)</h2>
      @if (s.secondedInKind.length === 0) {
        <p>Aucune mise à disposition sans remboursement en {{ s.year }}.</p>
      } @else {
        <div class="table-container">
          <table mat-table [dataSource]="s.secondedInKind" aria-label="Personnels mis à disposition, valorisés en nature">
            <ng-container matColumnDef="employer">
              <th mat-header-cell *matHeaderCellDef scope="col">Employeur</th>
              <td mat-cell *matCellDef="let row">{{ row.employerLabel }} ({{ employerKindLabel(row.employerKind) }})</td>
            </ng-container>
            <ng-container matColumnDef="etpt">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">ETPT</th>
              <td mat-cell *matCellDef="let row" class="num">{{ row.etpt.display }}</td>
            </ng-container>
            <ng-container matColumnDef="value">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Valorisation</th>
              <td mat-cell *matCellDef="let row" class="num">{{ cost(row.valueCents, row.valueMasked) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="['employer', 'etpt', 'value']"></tr>
            <tr mat-row *matRowDef="let row; columns: ['employer', 'etpt', 'value']"></tr>
          </table>
        </div>
      }
      <p>Autres contributions en nature (locaux, équipements) : {{ euros(s.otherInKindTotalCents) }}.</p>
    }
  `,
  styleUrl: '../budget/budget-pages.scss',
  styles: `
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 20px 0 8px;
    }
    .over {
      border-color: var(--mat-sys-error);
    }
    .alert {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .figure-action {
      align-self: flex-start;
      margin-left: -12px;
    }
    .ceiling-missing {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin: 0 0 12px;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);

      p {
        flex: 1 1 320px;
        margin: 0;
      }
    }
    .two-columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
  `,
})
export class StaffSummaryView {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly year = input.required<number>();
  /** Finance and administrators, on an open fiscal year: set or change the voted ceiling. */
  readonly writable = input(false, { transform: booleanAttribute });

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly summary = signal<StaffSummary | null>(null);
  private request: Subscription | null = null;

  constructor() {
    effect(() => this.load(this.year()));
  }

  /** Loads the year's summary; a newer call cancels the previous one (the year changed). `then` runs once it is shown. */
  load(year: number, then?: (summary: StaffSummary) => void): void {
    this.request?.unsubscribe();
    this.state.set('loading');
    this.request = this.api.summary(year).subscribe({
      next: (summary) => {
        this.summary.set(summary);
        this.state.set('ready');
        then?.(summary);
      },
      error: () => this.state.set('failed'),
    });
  }

  protected editCeiling(s: StaffSummary): void {
    const { ceilingEtptBp, version } = s.ceiling;
    const data: CeilingDialogData = {
      year: s.year,
      ceiling: ceilingEtptBp !== null && version !== null ? { ceilingEtptBp, version } : null,
      paidByGrouping: s.ceiling.paidByGroupingEtpt.display,
    };
    this.dialog
      .open<CeilingDialog, CeilingDialogData, CeilingDialogResult>(CeilingDialog, { data, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'saved') {
          this.snackBar.open(`Plafond d’emplois ${result.ceiling.year} enregistré : ${formatEtptBp(result.ceiling.ceilingEtptBp)} ETPT.`, 'Fermer', { duration: 5000 });
          return this.load(s.year);
        }
        // Someone else set or changed it meanwhile: reload, and say what it is now.
        this.load(s.year, (now) => {
          const before = ceilingEtptBp === null ? 'non fixé' : `${formatEtptBp(ceilingEtptBp)} ETPT`;
          const after = now.ceiling.ceilingEtptBp === null ? 'non fixé' : `${formatEtptBp(now.ceiling.ceilingEtptBp)} ETPT`;
          this.snackBar.open(
            `Le plafond d’emplois ${s.year} a été modifié par quelqu’un d’autre entre-temps (« ${before} » → « ${after} »). La synthèse a été rechargée : reprenez votre modification si besoin.`,
            'Fermer',
            { duration: 15000, panelClass: 'snackbar-error' },
          );
        });
      });
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  /** A cost that the aggregate view may withhold (a group of 1 or 2 people): its reason instead. */
  protected cost(cents: number | null, masked: StaffCostMask | null): string {
    return cents === null ? staffCostMaskLabels[masked ?? 'fewer_than_3_people'] : formatEuros(cents);
  }

  /** Seconded staff valued in kind plus the other contributions; without the former when it is masked. */
  protected inKindTotal(s: StaffSummary): string {
    if (s.secondedInKindTotalCents === null) {
      return `${formatEuros(s.otherInKindTotalCents)} (hors mises à disposition : ${staffCostMaskLabels[s.secondedInKindTotalMasked ?? 'fewer_than_3_people']})`;
    }
    return formatEuros(s.secondedInKindTotalCents + s.otherInKindTotalCents);
  }

  protected ceiling(s: StaffSummary): string {
    const bp = s.ceiling.ceilingEtptBp;
    return bp === null ? 'non fixé' : formatEtptBp(bp);
  }

  protected statusLabel(status: keyof typeof staffStatusLabels): string {
    return staffStatusLabels[status];
  }

  protected employerKindLabel(kind: keyof typeof employerKindLabels): string {
    return employerKindLabels[kind];
  }

  protected vacancies(list: readonly { from: string; to: string; days: number }[]): string {
    if (list.length === 0) return 'Aucune';
    return list.map((v) => `du ${formatDateFr(v.from)} au ${formatDateFr(v.to)} (${v.days} j)`).join(' ; ');
  }
}
