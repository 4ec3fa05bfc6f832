import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { type StaffSummary, employerKindLabels, formatDateFr, formatEuros, staffStatusLabels } from '@cn2r/shared';
import { StaffApi } from './staff-api';

/**
 * The staff summary of a year: ETPT per person (finance and administrators only), per line,
 * funder and mission area; MIG H15 funded posts against the ETPT actually worked, with vacancies;
 * ETPT paid by the grouping against the ceiling; seconded staff and other contributions in kind.
 */
@Component({
  selector: 'app-staff-summary-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    @if (state() === 'loading') {
      <div class="loading" role="status">
        <mat-progress-spinner mode="indeterminate" diameter="40" aria-label="Chargement de la synthèse" />
      </div>
    } @else if (state() === 'failed') {
      <div class="empty-state">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        <p>La synthèse des personnels n’a pas pu être chargée.</p>
        <button mat-stroked-button type="button" (click)="load(year())">Réessayer</button>
      </div>
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
        </li>
        <li class="figure">
          <span class="figure-label">Mis à disposition sans remboursement</span>
          <span class="figure-value">{{ s.ceiling.secondedWithoutReimbursementEtpt.display }} ETPT</span>
        </li>
        <li class="figure">
          <span class="figure-label">Contributions en nature</span>
          <span class="figure-value">{{ euros(s.secondedInKindTotalCents + s.otherInKindTotalCents) }}</span>
        </li>
      </ul>

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
          <ng-container matColumnDef="cost">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Coût</th>
            <td mat-cell *matCellDef="let row" class="num">{{ euros(row.costCents) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="['label', 'etpt', 'cost']"></tr>
          <tr mat-row *matRowDef="let row; columns: ['label', 'etpt', 'cost']"></tr>
        </table>
      </div>

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
                <td mat-cell *matCellDef="let row" class="num">{{ euros(row.costCents) }}</td>
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
                <td mat-cell *matCellDef="let row" class="num">{{ euros(row.costCents) }}</td>
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
              <td mat-cell *matCellDef="let row" class="num">{{ euros(row.valueCents) }}</td>
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
    .two-columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
  `,
})
export class StaffSummaryView {
  private readonly api = inject(StaffApi);
  readonly year = input.required<number>();

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly summary = signal<StaffSummary | null>(null);

  constructor() {
    effect(() => this.load(this.year()));
  }

  load(year: number): void {
    this.state.set('loading');
    this.api.summary(year).subscribe({
      next: (summary) => {
        this.summary.set(summary);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected ceiling(s: StaffSummary): string {
    const bp = s.ceiling.ceilingEtptBp;
    return bp === null ? 'non fixé' : (bp / 10_000).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
