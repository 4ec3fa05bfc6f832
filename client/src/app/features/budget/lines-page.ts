import { ChangeDetectionStrategy, Component, computed, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type BudgetLine, type FundingSource, envelopeLabels, missionAreaLabels } from '@cn2r/shared';
import { forkJoin } from 'rxjs';
import { describeChanges, staleMessage } from './changes-description';
import { FiscalYearPicker } from './fiscal-year-picker';
import { LineDialog, type LineDialogData, type LineDialogResult } from './line-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { BudgetYearDataPage } from './budget-year-page';
import { tableSource } from '../../shared/table/table-source';

interface LineRow extends BudgetLine {
  readonly envelopeLabel: string;
  readonly missionAreaLabel: string;
  readonly fundingSourceLabel: string;
}

/** The budget lines of a year: envelope, mission area, funding source. Finance and administrators create and edit them. */
@Component({
  selector: 'app-lines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSortModule,
    MatTableModule,
    FiscalYearPicker,
  ],
  template: `
    <div class="page-header">
      <h1>Lignes budgétaires</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
    </div>
    @if (fy.state() === 'loading' || state() === 'loading') {
      <app-loading-spinner label="Chargement des lignes" />
    } @else if (fy.state() === 'failed' || fy.state() === 'forbidden' || state() === 'failed') {
      <app-load-failed text="Les lignes budgétaires n’ont pas pu être chargées." (retry)="retry()" />
    } @else if (fy.year() === null) {
      <app-empty-state icon="event_busy">
        <p>Aucun exercice budgétaire : ouvrez-en un dans l’onglet « Exercices ».</p>
      </app-empty-state>
    } @else {
      @if (!fy.isOpen()) {
        <p class="read-only-note">L’exercice {{ fy.year() }} est clos : ses lignes sont en lecture seule.</p>
      }
      <div class="toolbar">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Filtrer les lignes</mat-label>
          <input matInput [ngModel]="filter()" (ngModelChange)="filter.set($event)" autocomplete="off" />
          <mat-hint>Code, libellé, enveloppe, destination, financeur</mat-hint>
        </mat-form-field>
        @if (writable()) {
          <button mat-flat-button type="button" (click)="open(null)" [disabled]="fundingSources().length === 0">
            <mat-icon>add</mat-icon>
            Nouvelle ligne
          </button>
        }
      </div>
      @if (source.filteredData.length === 0) {
        <p class="empty-state">{{ filter() ? 'Aucune ligne pour ce filtre.' : 'Aucune ligne en ' + fy.year() + '.' }}</p>
      }
      <div class="table-container" tabindex="0" role="region" aria-label="Lignes budgétaires" [hidden]="source.filteredData.length === 0">
        <table mat-table [dataSource]="source" matSort aria-label="Lignes budgétaires de l’exercice">
          <ng-container matColumnDef="code">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Code</th>
            <td mat-cell *matCellDef="let row"><span class="code">{{ row.code }}</span></td>
          </ng-container>
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Libellé</th>
            <td mat-cell *matCellDef="let row">{{ row.label }}</td>
          </ng-container>
          <ng-container matColumnDef="envelopeLabel">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Enveloppe</th>
            <td mat-cell *matCellDef="let row">{{ row.envelopeLabel }}</td>
          </ng-container>
          <ng-container matColumnDef="missionAreaLabel">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Destination</th>
            <td mat-cell *matCellDef="let row">{{ row.missionAreaLabel }}</td>
          </ng-container>
          <ng-container matColumnDef="fundingSourceLabel">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Source de financement</th>
            <td mat-cell *matCellDef="let row">{{ row.fundingSourceLabel }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let row" class="actions">
              <a mat-button [routerLink]="['/budget/engagements']" [queryParams]="{ annee: row.year, ligne: row.id }" [attr.aria-label]="'Écritures de la ligne ' + row.code">Écritures</a>
              @if (writable()) {
                <button mat-button type="button" (click)="open(row)" [attr.aria-label]="'Modifier la ligne ' + row.code">Modifier</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    }
  `,
  styleUrl: './budget-pages.scss',
  host: { class: 'page' },
})
export class LinesPage extends BudgetYearDataPage<{ lines: BudgetLine[]; fundingSources: FundingSource[] }> {
  protected readonly lines = signal<BudgetLine[]>([]);
  protected readonly fundingSources = signal<FundingSource[]>([]);
  protected readonly filter = signal('');
  protected readonly columns = ['code', 'label', 'envelopeLabel', 'missionAreaLabel', 'fundingSourceLabel', 'actions'];
  private readonly sort = viewChild(MatSort);
  private readonly rows = computed<LineRow[]>(() =>
    this.lines().map((line) => ({
      ...line,
      envelopeLabel: envelopeLabels[line.envelope],
      missionAreaLabel: missionAreaLabels[line.missionArea],
      fundingSourceLabel: this.sourceLabel(line.fundingSourceId),
    })),
  );
  protected readonly source = tableSource(() => this.rows(), this.sort, () => this.filter());

  private readonly sourceLabel = (id: unknown) => {
    const source = this.fundingSources().find((s) => s.id === id);
    return source ? `${source.code} — ${source.label}` : String(id);
  };

  protected fetch(year: number) {
    return forkJoin({ lines: this.api.lines(year), fundingSources: this.api.fundingSources() });
  }

  protected show({ lines, fundingSources }: { lines: BudgetLine[]; fundingSources: FundingSource[] }): void {
    this.lines.set(lines);
    this.fundingSources.set(fundingSources);
  }

  protected open(line: BudgetLine | null): void {
    const data: LineDialogData = { year: this.fy.year()!, line, fundingSources: this.fundingSources() };
    this.dialog
      .open<LineDialog, LineDialogData, LineDialogResult>(LineDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict' && line) {
          this.api.lines(line.year).subscribe((lines) => {
            this.lines.set(lines);
            const changes = describeChanges(line, lines.find((l) => l.id === line.id), {
              label: 'libellé',
              envelope: 'enveloppe',
              missionArea: 'destination',
              fundingSourceId: 'source de financement',
            }, {
              envelope: (v) => envelopeLabels[v as BudgetLine['envelope']],
              missionArea: (v) => missionAreaLabels[v as BudgetLine['missionArea']],
              fundingSourceId: this.sourceLabel,
            });
            this.snackBar.open(staleMessage(`La ligne ${line.code}`, changes), 'Fermer', { duration: 15000, panelClass: 'snackbar-error' });
          });
          return;
        }
        if (result.outcome !== 'conflict') {
          this.snackBar.open(`Ligne ${result.line.code} ${result.outcome === 'created' ? 'créée' : 'enregistrée'}.`, 'Fermer', { duration: 5000 });
        }
        this.load();
      });
  }
}
