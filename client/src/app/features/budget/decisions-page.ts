import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { type BudgetDecision, type BudgetLine, type DecisionKind, decisionKindLabels, formatEuros } from '@cn2r/shared';
import { type Observable, filter, forkJoin, map, switchMap } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { todayIso } from '../../shared/dates/iso-date';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { AdoptDecisionDialog } from './adopt-decision-dialog';
import { AttachmentsDialog, type AttachmentsDialogData } from './attachments-dialog';
import { DecisionDialog, type DecisionDialogData, type DecisionDialogResult } from './decision-dialog';
import { FiscalYearPicker } from './fiscal-year-picker';
import { defaultEntryDate } from './fiscal-year-choice';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { BudgetYearDataPage } from './budget-year-page';

const statusLabels = { draft: 'Brouillon', adopted: 'Adoptée' } as const;

/** The year's budget decisions (BI, BR, transfers): drafts prepared, then adopted under the GBCP rules. */
@Component({
  selector: 'app-decisions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction, LoadingSpinner, LoadFailed, EmptyState, DatePipe, MatButtonModule, MatIconModule, MatTableModule, FiscalYearPicker],
  template: `
    <div class="page-header">
      <h1>Décisions budgétaires</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
    </div>
    @if (fy.state() === 'loading' || state() === 'loading') {
      <app-loading-spinner label="Chargement des décisions" />
    } @else if (fy.state() !== 'ready' || state() === 'failed') {
      <app-load-failed text="Les décisions budgétaires n’ont pas pu être chargées." (retry)="retry()" />
    } @else if (fy.year() === null) {
      <app-empty-state icon="event_busy">
        <p>Aucun exercice budgétaire : ouvrez-en un dans l’onglet « Exercices ».</p>
      </app-empty-state>
    } @else {
      <p class="read-only-note">
        Les crédits ouverts d’une ligne sont la somme des décisions adoptées. Une décision adoptée ne se modifie plus : une correction passe
        par une nouvelle décision.
      </p>
      @if (adoptError(); as failure) {
        <div class="error-message" role="alert">
          <p>Adoption de {{ failure.code }} refusée : {{ failure.message }}</p>
        </div>
      }
      @if (writable()) {
        <div class="toolbar">
          <button mat-flat-button type="button" (click)="edit(null)" [disabled]="lines().length === 0">
            <mat-icon>add</mat-icon>
            Nouvelle décision
          </button>
        </div>
      }
      @if (decisions().length === 0) {
        <p class="empty-state">Aucune décision en {{ fy.year() }}.</p>
      } @else {
        <div class="table-container" tabindex="0" role="region" aria-label="Décisions budgétaires">
          <table mat-table [dataSource]="decisions()" aria-label="Décisions budgétaires de l’exercice">
            <ng-container matColumnDef="code">
              <th mat-header-cell *matHeaderCellDef scope="col">Code</th>
              <td mat-cell *matCellDef="let row"><span class="code">{{ row.code }}</span> {{ kindLabel(row) }}</td>
            </ng-container>
            <ng-container matColumnDef="decidedOn">
              <th mat-header-cell *matHeaderCellDef scope="col">Date</th>
              <td mat-cell *matCellDef="let row">{{ row.decidedOn | date: 'dd/MM/yyyy' }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">Statut</th>
              <td mat-cell *matCellDef="let row">{{ statusLabel(row) }}</td>
            </ng-container>
            <ng-container matColumnDef="entries">
              <th mat-header-cell *matHeaderCellDef scope="col">Lignes (AE / CP)</th>
              <td mat-cell *matCellDef="let row">
                <ul class="entries">
                  @for (entry of row.entries; track entry.lineId) {
                    <li><span class="code">{{ lineCode(entry.lineId) }}</span> {{ euros(entry.aeDeltaCents) }} / {{ euros(entry.cpDeltaCents) }}</li>
                  }
                </ul>
              </td>
            </ng-container>
            <ng-container matColumnDef="reference">
              <th mat-header-cell *matHeaderCellDef scope="col">Référence</th>
              <td mat-cell *matCellDef="let row">
                @if (row.deliberation; as d) {
                  Délibération de l’AG n° {{ d.number }} du {{ d.adoptedOn | date: 'dd/MM/yyyy' }}
                  @if (row.reference && !row.reference.includes(d.number)) {
                    <br />{{ row.reference }}
                  }
                } @else {
                  {{ row.reference ?? '' }}
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let row" class="actions">
                <app-icon-action icon="attach_file" tooltip="Pièces justificatives" [label]="'Pièces justificatives de la décision ' + row.code" (pressed)="openAttachments(row)" />
                @if (writable() && row.status === 'draft') {
                  <button mat-button type="button" (click)="edit(row)" [attr.aria-label]="'Modifier le brouillon ' + row.code">Modifier</button>
                  <button mat-flat-button type="button" (click)="adopt(row)" [attr.aria-label]="'Adopter ' + row.code">Adopter</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
    }
  `,
  styleUrl: './budget-pages.scss',
  styles: `
    .entries {
      margin: 0;
      padding-left: 16px;
    }
  `,
  host: { class: 'page' },
})
export class DecisionsPage extends BudgetYearDataPage<{ decisions: BudgetDecision[]; lines: BudgetLine[] }> {
  protected readonly decisions = signal<BudgetDecision[]>([]);
  protected readonly lines = signal<BudgetLine[]>([]);
  protected readonly adoptError = signal<{ code: string; message: string } | null>(null);
  protected readonly columns = ['code', 'decidedOn', 'status', 'entries', 'reference', 'actions'];

  protected fetch(year: number) {
    return forkJoin({ decisions: this.api.decisions(year), lines: this.api.lines(year) });
  }

  protected show({ decisions, lines }: { decisions: BudgetDecision[]; lines: BudgetLine[] }): void {
    this.decisions.set(decisions);
    this.lines.set(lines);
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected kindLabel(decision: BudgetDecision): string {
    return decisionKindLabels[decision.kind];
  }

  protected statusLabel(decision: BudgetDecision): string {
    return statusLabels[decision.status];
  }

  protected lineCode(id: number): string {
    return this.lines().find((line) => line.id === id)?.code ?? `#${id}`;
  }

  protected edit(decision: BudgetDecision | null): void {
    const year = this.fy.year()!;
    const hasInitial = this.decisions().some((d) => d.kind === 'initial');
    const kinds: DecisionKind[] = hasInitial ? ['amending', 'transfer'] : ['initial', 'amending', 'transfer'];
    const data: DecisionDialogData = { year, lines: this.lines(), decision, kinds, date: defaultEntryDate(year, todayIso()) };
    this.dialog
      .open<DecisionDialog, DecisionDialogData, DecisionDialogResult>(DecisionDialog, { data, width: '880px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          {
            conflict: `Le brouillon ${decision?.code ?? ''} a été modifié ou adopté par quelqu’un d’autre entre-temps. Les décisions ont été rechargées : reprenez votre modification.`,
            saved: (r) => `Brouillon ${r.decision.code} enregistré : adoptez-le pour ouvrir ses crédits.`,
            savedDuration: 6000,
          },
          () => this.load(),
        ),
      );
  }

  protected openAttachments(decision: BudgetDecision): void {
    const data: AttachmentsDialogData = { entityType: 'decision', entityId: decision.id, ofEntry: `de la décision ${decision.code}`, writable: this.writable() };
    this.dialog.open<AttachmentsDialog, AttachmentsDialogData>(AttachmentsDialog, { data, width: '920px', maxWidth: '95vw' });
  }

  /** A transfer after a confirmation; a BI or a BR with the general assembly's deliberation that adopted it. */
  private adoption(decision: BudgetDecision): Observable<number | undefined> {
    if (decision.kind !== 'transfer') {
      return this.dialog
        .open<AdoptDecisionDialog, BudgetDecision, number>(AdoptDecisionDialog, { data: decision, width: '640px', maxWidth: '95vw' })
        .afterClosed()
        .pipe(filter((id): id is number => id !== undefined));
    }
    return confirmAction(this.dialog, {
      title: `Adopter ${decision.code} ?`,
      message: `La décision ${decision.code} (${decisionKindLabels[decision.kind].toLowerCase()}) ouvrira ses crédits sur ${decision.entries.length} ligne(s). Une décision adoptée ne se modifie plus.`,
      confirmLabel: 'Adopter',
    }).pipe(
      filter(Boolean),
      map(() => undefined),
    );
  }

  protected adopt(decision: BudgetDecision): void {
    this.adoptError.set(null);
    this.adoption(decision)
      .pipe(switchMap((deliberationId) => this.api.adoptDecision(decision.id, decision.version, deliberationId)))
      .subscribe({
        next: (adopted) => {
          this.snackBar.open(`${adopted.code} adoptée : ses crédits sont ouverts.`, 'Fermer', { duration: 6000 });
          this.load();
        },
        error: (response: unknown) => {
          if (!(response instanceof HttpErrorResponse)) throw response;
          const error = toApiError(response);
          if (isStaleVersion(error)) {
            this.snackBar.open(`${decision.code} a été modifiée par quelqu’un d’autre entre-temps. Les décisions ont été rechargées : relisez-la avant de l’adopter.`, 'Fermer', {
              duration: 12000,
              panelClass: 'snackbar-error',
            });
            this.load();
            return;
          }
          // The GBCP rule refused (AE ≠ CP in personnel, a transfer not summing to zero…), in French from the server.
          this.adoptError.set({ code: decision.code, message: [error.message, ...error.fields.map((f) => f.message)].join(' ') });
        },
      });
  }
}
