import { ChangeDetectionStrategy, Component, booleanAttribute, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  type MigPostSummary,
  type SecondedInKind,
  type StaffCostGroup,
  type StaffCostLine,
  type StaffCostMask,
  type StaffPersonSummary,
  type StaffSummary,
  employerKindLabels,
  formatDateFr,
  formatEuros,
  staffCostMaskLabels,
  staffStatusLabels,
} from '@cn2r/shared';
import type { Subscription } from 'rxjs';
import { CeilingDialog, type CeilingDialogData, type CeilingDialogResult } from './ceiling-dialog';
import { formatEtptBp } from './ceiling-etpt';
import { StaffApi } from './staff-api';
import { type TextColumn, TextTable } from '../../shared/table/text-table';

/** A cost that the aggregate view may withhold (a group of 1 or 2 people): its reason instead. */
function maskedCost(cents: number | null, masked: StaffCostMask | null): string {
  return cents === null ? staffCostMaskLabels[masked ?? 'fewer_than_3_people'] : formatEuros(cents);
}

function vacancies(list: MigPostSummary['vacancies']): string {
  if (list.length === 0) return 'Aucune';
  return list.map((v) => `du ${formatDateFr(v.from)} au ${formatDateFr(v.to)} (${v.days} j)`).join(' ; ');
}

const etptColumn = { id: 'etpt', header: 'ETPT', cell: (row: { etpt: { display: string } }) => row.etpt.display, numeric: true };
const costColumn = { id: 'cost', header: 'Coût', cell: (row: { costCents: number }) => formatEuros(row.costCents), numeric: true };

/** By funder or by destination: the group, its ETPT and its (maybe masked) cost. */
function costGroupColumns(header: string): TextColumn<StaffCostGroup>[] {
  return [{ id: 'label', header, cell: (row) => row.label }, etptColumn, { id: 'cost', header: 'Coût', cell: (row) => maskedCost(row.costCents, row.costMasked), numeric: true }];
}
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
  imports: [LoadingSpinner, LoadFailed, TextTable, MatButtonModule, MatIconModule],
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
      <app-text-table [rows]="s.migPosts" [columns]="migPostColumns" label="Postes MIG H15 financés et ETPT réels" />

      @if (s.people) {
        <h2>Par personne</h2>
        <app-text-table [rows]="s.people" [columns]="personColumns" label="ETPT et coût par personne" />
      }

      <h2>Par ligne budgétaire</h2>
      <app-text-table [rows]="s.byLine" [columns]="lineColumns" label="ETPT et coût par ligne budgétaire" />
      @if (s.staffCostNote) {
        <p class="note">{{ s.staffCostNote }}</p>
      }

      <div class="two-columns">
        <section>
          <h2>Par financeur</h2>
          <app-text-table [rows]="s.byFunder" [columns]="funderColumns" label="ETPT et coût par financeur" />
        </section>
        <section>
          <h2>Par destination</h2>
          <app-text-table [rows]="s.byMission" [columns]="missionColumns" label="ETPT et coût par destination" />
        </section>
      </div>

      <h2>Mises à disposition (en nature)</h2>
      @if (s.secondedInKind.length === 0) {
        <p>Aucune mise à disposition sans remboursement en {{ s.year }}.</p>
      } @else {
        <app-text-table [rows]="s.secondedInKind" [columns]="secondedColumns" label="Personnels mis à disposition, valorisés en nature" />
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

  protected readonly migPostColumns: TextColumn<MigPostSummary>[] = [
    { id: 'label', header: 'Poste', cell: (row) => row.label },
    { id: 'funded', header: 'Financé (ETP)', cell: (row) => row.fundedEtp, numeric: true },
    { ...etptColumn, header: 'ETPT réels' },
    { id: 'vacancies', header: 'Vacances', cell: (row) => vacancies(row.vacancies) },
  ];
  protected readonly personColumns: TextColumn<StaffPersonSummary>[] = [
    { id: 'name', header: 'Nom', cell: (row) => row.name },
    { id: 'status', header: 'Statut', cell: (row) => staffStatusLabels[row.status] },
    etptColumn,
    costColumn,
  ];
  protected readonly lineColumns: TextColumn<StaffCostLine>[] = [
    { id: 'label', header: 'Ligne', cell: (row) => row.label, code: (row) => row.code },
    { id: 'headcount', header: 'Effectif', cell: (row) => row.headcount, numeric: true },
    etptColumn,
    costColumn,
  ];
  protected readonly funderColumns = costGroupColumns('Financeur');
  protected readonly missionColumns = costGroupColumns('Destination');
  protected readonly secondedColumns: TextColumn<SecondedInKind>[] = [
    { id: 'employer', header: 'Employeur', cell: (row) => `${row.employerLabel} (${employerKindLabels[row.employerKind]})` },
    etptColumn,
    { id: 'value', header: 'Valorisation', cell: (row) => maskedCost(row.valueCents, row.valueMasked), numeric: true },
  ];

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
}
