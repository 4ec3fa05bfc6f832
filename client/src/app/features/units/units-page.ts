import { HttpErrorResponse } from '@angular/common/http';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Unit } from '@cn2r/shared';
import { unitKindLabels } from '@cn2r/shared/labels';
import { filter, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { todayIso } from '../../shared/dates/iso-date';
import { UnitDialog, type UnitDialogData, type UnitDialogResult } from './unit-dialog';
import { UnitsApi } from './units-api';
import { matchesUnitFilter, unitStatus } from './unit-status';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { PageLoad } from '../../shared/loading/page-load';

@Component({
  selector: 'app-units-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    IconAction,
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  templateUrl: './units-page.html',
  styleUrl: './units-page.scss',
  host: { class: 'page' },
})
export class UnitsPage {
  private readonly api = inject(UnitsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  private readonly auth = inject(AuthService);

  protected readonly isAdmin = computed(() => this.auth.can('units.manage'));
  protected readonly units = signal<Unit[]>([]);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;
  protected readonly filterText = signal('');
  private readonly today = todayIso();

  protected readonly visibleUnits = computed(() =>
    this.units().filter((unit) => matchesUnitFilter(unit, this.filterText())),
  );
  protected readonly columns = computed(() => [
    'code',
    'name',
    'region',
    'hostInstitution',
    'kind',
    'openedOn',
    'closedOn',
    'status',
    ...(this.isAdmin() ? ['actions'] : []),
  ]);

  constructor() {
    this.load();
  }

  protected kindLabel(unit: Unit): string {
    return unitKindLabels[unit.kind];
  }

  protected statusOf(unit: Unit) {
    return unitStatus(unit, this.today);
  }

  protected load(): void {
    this.pageLoad.once(this.api.list(), (units) => this.units.set([...units].sort((a, b) => a.code.localeCompare(b.code, 'fr'))));
  }

  /** Creates (`null`) or edits a unit in its dialog, then says how it ended and reloads. */
  protected edit(unit: Unit | null): void {
    const data: UnitDialogData = { unit };
    this.dialog
      .open<UnitDialog, UnitDialogData, UnitDialogResult>(UnitDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          {
            conflict: 'Ce centre a été modifié par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre modification.',
            saved: (r) => (r.outcome === 'created' ? `Centre « ${r.unit.name} » créé.` : `Centre « ${r.unit.name} » enregistré.`),
          },
          () => this.load(),
        ),
      );
  }

  protected remove(unit: Unit): void {
    confirmAction(this.dialog, {
      title: 'Supprimer le centre ?',
      message: `Le centre « ${unit.name} » (${unit.code}) sera supprimé définitivement. Un centre qui a déjà des données ne peut pas être supprimé : renseignez plutôt sa date de fermeture.`,
      confirmLabel: 'Supprimer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.remove(unit.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`Centre « ${unit.name} » supprimé.`, 'Fermer', { duration: 5000 });
          this.load();
        },
        error: (response: unknown) => {
          if (!(response instanceof HttpErrorResponse) || response.status !== 409) return;
          // The server explains why (the unit has data) and suggests closing it instead.
          this.snackBar
            .open(toApiError(response).message, 'Renseigner la fermeture', { duration: 15000, panelClass: 'snackbar-error' })
            .onAction()
            .subscribe(() => this.edit(unit));
        },
      });
  }
}
