import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  type BudgetLine,
  type FundingSource,
  type StaffAssignment,
  type StaffMemberDetail,
  employerKindLabels,
  formatEuros,
  formatPercent,
  migPostLabels,
  missionAreaLabels,
  staffCategoryLabels,
  staffStatusLabels,
} from '@cn2r/shared';
import { forkJoin } from 'rxjs';
import { BudgetApi } from '../budget/budget-api';
import { AllocationDialog, type AllocationDialogData, type AllocationDialogResult, assignmentYears } from './allocation-dialog';
import { AssignmentDialog, type AssignmentDialogData, type AssignmentDialogResult } from './assignment-dialog';
import { MemberDialog, type MemberDialogData, type MemberDialogResult } from './member-dialog';
import { StaffApi } from './staff-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';

const STALE =
  'a été modifiée par quelqu’un d’autre entre-temps. La fiche a été rechargée : vérifiez ses valeurs actuelles avant de reprendre votre modification.';

/** One person: identity, assignments (quotité, cost, MIG H15 post) and the split of each across lines, funders and missions. */
@Component({
  selector: 'app-staff-member-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, DatePipe, RouterLink, MatButtonModule, MatIconModule, MatTableModule],
  template: `
    <p><a routerLink="/personnels">← Personnels et ETP</a></p>
    @if (state() === 'loading') {
      <h1>Fiche de la personne</h1>
      <app-loading-spinner label="Chargement de la fiche" />
    } @else if (state() === 'notFound') {
      <h1>Personne introuvable</h1>
      <p class="empty-state">Cette personne n’existe pas ou plus.</p>
    } @else if (state() === 'failed') {
      <h1>Fiche de la personne</h1>
      <app-load-failed text="La fiche n’a pas pu être chargée." (retry)="load()" />
    } @else if (member(); as m) {
      <div class="page-header">
        <h1>{{ m.name }}</h1>
        <span class="toolbar-actions">
          <button mat-stroked-button type="button" (click)="editMember(m)">Modifier la personne</button>
          <button mat-flat-button type="button" (click)="editAssignment(null)">
            <mat-icon>add</mat-icon>
            Nouvelle affectation
          </button>
        </span>
      </div>
      <p>
        {{ labels.category[m.category] }} · {{ m.employerLabel }} ({{ labels.employerKind[m.employerKind] }}) · {{ labels.status[m.status] }}
      </p>
      @for (assignment of m.assignments; track assignment.id) {
        <section class="assignment" [attr.aria-labelledby]="'assignment-' + assignment.id">
          <div class="page-header">
            <h2 [id]="'assignment-' + assignment.id">
              {{ assignment.positionLabel }} — {{ period(assignment) }}
            </h2>
            <span class="toolbar-actions">
              <button mat-stroked-button type="button" (click)="editAssignment(assignment)" [attr.aria-label]="'Modifier l’affectation ' + assignment.positionLabel">
                Modifier
              </button>
              <button mat-flat-button type="button" (click)="editAllocations(assignment)" [attr.aria-label]="'Ventilation de ' + assignment.positionLabel">
                Ventilation
              </button>
            </span>
          </div>
          <p>
            Quotité {{ percent(assignment.quotiteBp) }} · coût employeur annuel à temps plein {{ euros(assignment.annualCostCents) }}
            @if (assignment.migPost) {
              · poste MIG H15 : {{ migLabel(assignment.migPost) }}
            }
          </p>
          <div class="table-container">
            <table mat-table [dataSource]="sortedAllocations(assignment)" [attr.aria-label]="'Ventilation de ' + assignment.positionLabel">
              <ng-container matColumnDef="period">
                <th mat-header-cell *matHeaderCellDef scope="col">Période</th>
                <td mat-cell *matCellDef="let row">
                  {{ row.fromOn | date: 'dd/MM/yyyy' }} → {{ row.toOn ? (row.toOn | date: 'dd/MM/yyyy') : 'sans fin' }}
                </td>
              </ng-container>
              <ng-container matColumnDef="share">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">Part</th>
                <td mat-cell *matCellDef="let row" class="num">{{ percent(row.shareBp) }}</td>
              </ng-container>
              <ng-container matColumnDef="line">
                <th mat-header-cell *matHeaderCellDef scope="col">Ligne</th>
                <td mat-cell *matCellDef="let row">{{ lineLabel(row.budgetLineId) }}</td>
              </ng-container>
              <ng-container matColumnDef="funder">
                <th mat-header-cell *matHeaderCellDef scope="col">Financeur</th>
                <td mat-cell *matCellDef="let row">{{ funderLabel(row.fundingSourceId) }}</td>
              </ng-container>
              <ng-container matColumnDef="mission">
                <th mat-header-cell *matHeaderCellDef scope="col">Destination</th>
                <td mat-cell *matCellDef="let row">{{ missionLabel(row.missionArea) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
        </section>
      } @empty {
        <p class="empty-state">Aucune affectation : « Nouvelle affectation » crée le poste et sa ventilation.</p>
      }
    }
  `,
  styleUrl: '../budget/budget-pages.scss',
  styles: `
    .assignment {
      margin: 16px 0 24px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
  `,
  host: { class: 'page' },
})
export class StaffMemberPage {
  private readonly api = inject(StaffApi);
  private readonly budgetApi = inject(BudgetApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();

  protected readonly state = signal<'loading' | 'ready' | 'failed' | 'notFound'>('loading');
  protected readonly member = signal<StaffMemberDetail | null>(null);
  private readonly lines = signal<BudgetLine[]>([]);
  private readonly sources = signal<FundingSource[]>([]);
  private readonly linesById = computed(() => new Map(this.lines().map((l) => [l.id, l])));
  protected readonly columns = ['period', 'share', 'line', 'funder', 'mission'];
  protected readonly labels = { category: staffCategoryLabels, employerKind: employerKindLabels, status: staffStatusLabels };

  constructor() {
    effect(() => this.load(Number(this.id())));
  }

  protected load(id = Number(this.id())): void {
    this.state.set('loading');
    this.api.member(id).subscribe({
      next: (member) => {
        this.member.set(member);
        this.state.set('ready');
        this.loadReferences(member);
      },
      error: (error: unknown) => this.state.set(error instanceof HttpErrorResponse && error.status === 404 ? 'notFound' : 'failed'),
    });
  }

  /** The lines and funders the allocations name, for their labels. */
  private loadReferences(member: StaffMemberDetail): void {
    const today = new Date().toISOString().slice(0, 10);
    const years = [...new Set(member.assignments.flatMap((a) => assignmentYears(a.startOn, a.endOn, today)))];
    forkJoin({ sources: this.budgetApi.fundingSources(), lines: forkJoin(years.map((y) => this.budgetApi.lines(y))) }).subscribe(({ sources, lines }) => {
      this.sources.set(sources);
      this.lines.set(lines.flat());
    });
  }

  protected sortedAllocations(assignment: StaffAssignment) {
    return [...assignment.allocations].sort((a, b) => a.fromOn.localeCompare(b.fromOn) || b.shareBp - a.shareBp);
  }

  protected period(a: StaffAssignment): string {
    const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    return a.endOn ? `du ${fr(a.startOn)} au ${fr(a.endOn)}` : `depuis le ${fr(a.startOn)}`;
  }

  protected percent(bp: number): string {
    return formatPercent(bp);
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected migLabel(post: keyof typeof migPostLabels): string {
    return migPostLabels[post];
  }

  protected missionLabel(code: string): string {
    return missionAreaLabels[code as keyof typeof missionAreaLabels] ?? code;
  }

  protected lineLabel(id: number): string {
    const line = this.linesById().get(id);
    return line ? `${line.year} · ${line.code} — ${line.label}` : `#${id}`;
  }

  protected funderLabel(id: number): string {
    const source = this.sources().find((s) => s.id === id);
    return source ? `${source.code} — ${source.funder}` : `#${id}`;
  }

  protected editMember(member: StaffMemberDetail): void {
    this.dialog
      .open<MemberDialog, MemberDialogData, MemberDialogResult>(MemberDialog, { data: { member }, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => this.after(result, 'La fiche'));
  }

  protected editAssignment(assignment: StaffAssignment | null): void {
    const member = this.member()!;
    this.dialog
      .open<AssignmentDialog, AssignmentDialogData, AssignmentDialogResult>(AssignmentDialog, {
        data: { memberId: member.id, memberName: member.name, assignment },
        width: '1100px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((result) => this.after(result, 'L’affectation'));
  }

  protected editAllocations(assignment: StaffAssignment): void {
    this.dialog
      .open<AllocationDialog, AllocationDialogData, AllocationDialogResult>(AllocationDialog, {
        data: { memberName: this.member()!.name, assignment },
        width: '1100px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((result) => this.after(result, 'La ventilation'));
  }

  private after(result: { outcome: 'saved' | 'conflict' } | undefined, subject: string): void {
    reportEditOutcome(this.snackBar, result, { conflict: `${subject} ${STALE}`, saved: () => `${subject} est enregistrée.` }, () => this.load());
  }
}
