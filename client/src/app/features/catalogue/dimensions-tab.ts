import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Dimension } from '@cn2r/shared';
import { CatalogueApi } from './catalogue-api';
import { DimensionDialog, type DimensionDialogData, type DimensionDialogResult } from './dimension-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { PageLoad } from '../../shared/loading/page-load';

export const STALE_DIMENSION_MESSAGE =
  'Cette ventilation a été modifiée par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre modification.';

/** The disaggregations (age bands, audiences…) and their options. */
@Component({
  selector: 'app-dimensions-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction, LoadingSpinner, LoadFailed, EmptyState, MatTableModule, MatButtonModule, MatIconModule],
  templateUrl: './dimensions-tab.html',
  styleUrl: './catalogue-tab.scss',
})
export class DimensionsTab {
  private readonly api = inject(CatalogueApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['code', 'label', 'options', 'sensitive', 'actions'];
  protected readonly dimensions = signal<Dimension[]>([]);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.pageLoad.once(this.api.listDimensions(), (dimensions) => this.dimensions.set([...dimensions].sort((a, b) => a.label.localeCompare(b.label, 'fr'))));
  }

  /** The option labels in their order: « 0–5 ans, 6–11 ans, 12–17 ans, 18 ans et plus ». */
  protected optionLabels(dimension: Dimension): string {
    return [...dimension.options]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((option) => option.label)
      .join(', ');
  }

  /** Creates (`null`) or edits a dimension in its dialog, then says how it ended and reloads. */
  protected edit(dimension: Dimension | null): void {
    const data: DimensionDialogData = { dimension };
    this.dialog
      .open<DimensionDialog, DimensionDialogData, DimensionDialogResult>(DimensionDialog, {
        data,
        width: '720px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          { conflict: STALE_DIMENSION_MESSAGE, saved: (r) => `Ventilation « ${r.dimension.label} » ${r.outcome === 'created' ? 'créée' : 'enregistrée'}.` },
          () => this.load(),
        ),
      );
  }
}
