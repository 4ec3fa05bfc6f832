import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { type StaffMember, employerKindLabels, staffCategoryLabels, staffStatusLabels } from '@cn2r/shared';
import { AuthService } from '../../core/auth/auth-service';
import { FiscalYearPicker } from '../budget/fiscal-year-picker';
import { fiscalYearChoice } from '../budget/fiscal-year-choice';
import { InKindContributions } from './in-kind-contributions';
import { MemberDialog, type MemberDialogData, type MemberDialogResult } from './member-dialog';
import { StaffApi } from './staff-api';
import { StaffSummaryView } from './staff-summary-view';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { tableSource } from '../../shared/table/table-source';
import { DownloadLink } from '../../shared/download/download-link';

interface MemberRow extends StaffMember {
  readonly categoryLabel: string;
  readonly statusLabel: string;
  readonly employer: string;
}

/**
 * Staff and FTE. Finance and administrators see the people (personal data) and the year's
 * summary; the board sees the summary only, in aggregates. Below the summary, the in-kind
 * contributions besides staff: finance and administrators manage them while the year is open,
 * the board reads them (not personal data).
 */
@Component({
  selector: 'app-staff-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DownloadLink,
    LoadingSpinner,
    LoadFailed,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSortModule,
    MatTableModule,
    MatTabsModule,
    FiscalYearPicker,
    StaffSummaryView,
    InKindContributions,
  ],
  template: `
    <div class="page-header">
      <h1>Personnels et ETP</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
      @if (fy.year(); as year) {
        <!-- Same origin: the session cookie goes with the download; the board's file holds aggregates only. -->
        <app-download-link [href]="'/api/staff/' + year + '/summary.xlsx'">Exporter la synthèse {{ year }} (Excel)</app-download-link>
      }
    </div>
    @if (canSeePeople) {
      <mat-tab-group mat-stretch-tabs="false" aria-label="Personnels et synthèse">
        <mat-tab label="Personnels">
          <div class="toolbar">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Filtrer les personnels</mat-label>
              <input matInput [ngModel]="filter()" (ngModelChange)="filter.set($event)" autocomplete="off" />
            </mat-form-field>
            <button mat-flat-button type="button" (click)="create()">
              <mat-icon>person_add</mat-icon>
              Nouvelle personne
            </button>
          </div>
          @if (state() === 'loading') {
            <app-loading-spinner label="Chargement des personnels" />
          } @else if (state() === 'failed') {
            <app-load-failed text="La liste des personnels n’a pas pu être chargée." (retry)="load()" />
          } @else {
            @if (source.filteredData.length === 0) {
              <p class="empty-state">{{ filter() ? 'Aucune personne pour ce filtre.' : 'Aucune personne enregistrée.' }}</p>
            }
            <div class="table-container" [hidden]="source.filteredData.length === 0">
              <table mat-table [dataSource]="source" matSort aria-label="Personnels">
                <ng-container matColumnDef="name">
                  <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nom</th>
                  <td mat-cell *matCellDef="let row"><a [routerLink]="[row.id]">{{ row.name }}</a></td>
                </ng-container>
                <ng-container matColumnDef="categoryLabel">
                  <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Catégorie</th>
                  <td mat-cell *matCellDef="let row">{{ row.categoryLabel }}</td>
                </ng-container>
                <ng-container matColumnDef="employer">
                  <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Employeur</th>
                  <td mat-cell *matCellDef="let row">{{ row.employer }}</td>
                </ng-container>
                <ng-container matColumnDef="statusLabel">
                  <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Statut</th>
                  <td mat-cell *matCellDef="let row">{{ row.statusLabel }}</td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="columns"></tr>
                <tr mat-row *matRowDef="let row; columns: columns"></tr>
              </table>
            </div>
          }
        </mat-tab>
        <mat-tab label="Synthèse de l’année">
          <ng-template matTabContent>
            @if (fy.year(); as year) {
              <app-staff-summary-view #summary [year]="year" [writable]="writable()" />
              <app-in-kind-contributions [year]="year" [writable]="writable()" [closed]="!fy.isOpen()" (changed)="summary.load(year)" />
            }
          </ng-template>
        </mat-tab>
      </mat-tab-group>
    } @else {
      <p class="read-only-note">Synthèse agrégée : les données personnelles (noms, coûts individuels) sont réservées aux finances.</p>
      @if (fy.year(); as year) {
        <app-staff-summary-view [year]="year" />
        <app-in-kind-contributions [year]="year" />
      } @else if (fy.state() === 'ready') {
        <p class="empty-state">Aucun exercice budgétaire.</p>
      }
    }
  `,
  styleUrl: '../budget/budget-pages.scss',
  host: { class: 'page' },
})
export class StaffPage {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  readonly annee = input<string>();
  protected readonly fy = fiscalYearChoice(this.annee);
  protected readonly canSeePeople = inject(AuthService).can('staff.readIndividual');
  /** The same roles write the in-kind contributions; closed years are read only, for everyone. */
  protected readonly writable = computed(() => this.canSeePeople && this.fy.isOpen());
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly filter = signal('');
  protected readonly columns = ['name', 'categoryLabel', 'employer', 'statusLabel'];
  private readonly rows = signal<MemberRow[]>([]);
  private readonly sort = viewChild(MatSort);
  protected readonly source = tableSource(() => this.rows(), this.sort, () => this.filter());

  constructor() {
    if (this.canSeePeople) this.load();
  }

  protected load(): void {
    this.state.set('loading');
    this.api.members().subscribe({
      next: (members) => {
        this.rows.set(
          members.map((m) => ({
            ...m,
            categoryLabel: staffCategoryLabels[m.category],
            statusLabel: staffStatusLabels[m.status],
            employer: `${m.employerLabel} (${employerKindLabels[m.employerKind]})`,
          })),
        );
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected create(): void {
    this.dialog
      .open<MemberDialog, MemberDialogData, MemberDialogResult>(MemberDialog, { data: { member: null }, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (result?.outcome !== 'saved') return;
        this.snackBar.open(`${result.member.name} enregistré(e) : ajoutez son affectation.`, 'Fermer', { duration: 6000 });
        void this.router.navigate(['/personnels', result.member.id]);
      });
  }
}
