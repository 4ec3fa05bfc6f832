import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import {
  type Domain,
  type Indicator,
  type UnitKind,
  domainLabels,
  expectedResultLabels,
  periodTypeLabels,
  unitKindLabels,
} from '@cn2r/shared';
import { Subject, map, merge } from 'rxjs';
import { todayIso } from '../../shared/dates/iso-date';
import { CatalogueApi } from './catalogue-api';
import { longFrenchDate } from './indicator-changes';
import { IndicatorDialog, type IndicatorDialogData, type IndicatorDialogResult } from './indicator-dialog';
import { byCatalogueOrder, matchesIndicatorFilter, revisionStatus, revisionStatusLabels } from './indicator-status';
import { valueTypeLabels } from './value-type-labels';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { PageLoad } from '../../shared/loading/page-load';

export const STALE_INDICATOR_MESSAGE =
  'Cet indicateur a été modifié par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre modification.';

interface DomainGroup {
  readonly domain: Domain;
  readonly label: string;
  readonly rows: readonly Indicator[];
}

/** The indicators, grouped by domain, with their revisions on demand. */
@Component({
  selector: 'app-indicators-tab',
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
    MatSelectModule,
    MatSlideToggleModule,
  ],
  templateUrl: './indicators-tab.html',
  styleUrl: './catalogue-tab.scss',
})
export class IndicatorsTab {
  private readonly api = inject(CatalogueApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload$ = new Subject<void>();
  private readonly today = todayIso();

  protected readonly domains = Object.entries(domainLabels) as [Domain, string][];
  protected readonly unitKinds = Object.entries(unitKindLabels) as [UnitKind, string][];
  protected readonly columns = [
    'code',
    'label',
    'periodType',
    'valueType',
    'dimension',
    'required',
    'expectedResult',
    'revision',
    'activeDates',
    'actions',
  ];

  protected readonly search = signal('');
  protected readonly domain = signal<Domain | ''>('');
  protected readonly unitKind = signal<UnitKind | ''>('');
  protected readonly includeInactive = signal(false);

  protected readonly indicators = signal<Indicator[]>([]);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  /** Revisions replaced by a later one: only the latest revision of a code is edited. */
  private readonly superseded = computed(() => new Set(this.indicators().map((indicator) => indicator.supersedesId)));

  protected readonly groups = computed<DomainGroup[]>(() => {
    const search = this.search();
    const domain = this.domain();
    const visible = this.indicators()
      .filter((indicator) => (!domain || indicator.domain === domain) && matchesIndicatorFilter(indicator, search))
      .sort(byCatalogueOrder);
    return this.domains
      .map(([key, label]) => ({ domain: key, label, rows: visible.filter((indicator) => indicator.domain === key) }))
      .filter((group) => group.rows.length > 0);
  });
  protected readonly visibleCount = computed(() => this.groups().reduce((total, group) => total + group.rows.length, 0));
  protected readonly filtered = computed(() => Boolean(this.search().trim() || this.domain() || this.unitKind()));

  constructor() {
    const query = computed(() => ({ includeInactive: this.includeInactive(), unitKind: this.unitKind() }));
    this.pageLoad.follow(
      merge(toObservable(query), this.reload$.pipe(map(() => query()))),
      (filters) => this.api.listIndicators(filters),
      (indicators) => this.indicators.set(indicators),
    );
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected resetFilters(): void {
    this.search.set('');
    this.domain.set('');
    this.unitKind.set('');
  }

  protected periodLabel(indicator: Indicator): string {
    return periodTypeLabels[indicator.periodType];
  }

  protected valueTypeLabel(indicator: Indicator): string {
    const label = valueTypeLabels[indicator.valueType];
    return indicator.unitOfMeasure ? `${label} (${indicator.unitOfMeasure})` : label;
  }

  protected expectedResultLabel(indicator: Indicator): string {
    return indicator.expectedResult ? expectedResultLabels[indicator.expectedResult] : '—';
  }

  protected statusOf(indicator: Indicator) {
    const status = revisionStatus(indicator, this.today);
    return { status, label: revisionStatusLabels[status] };
  }

  protected isSuperseded(indicator: Indicator): boolean {
    return this.superseded().has(indicator.id);
  }

  /** Creates (`null`) or edits an indicator in its dialog, then says how it ended and reloads. */
  protected edit(indicator: Indicator | null): void {
    const data: IndicatorDialogData = { indicator };
    this.dialog
      .open<IndicatorDialog, IndicatorDialogData, IndicatorDialogResult>(IndicatorDialog, {
        data,
        width: '880px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict') {
          this.snackBar.open(STALE_INDICATOR_MESSAGE, 'Fermer', { duration: 12000, panelClass: 'snackbar-error' });
        } else {
          const { code, revision, activeFrom } = result.indicator;
          const message =
            result.outcome === 'revised'
              ? `Révision ${revision} de ${code} créée, en vigueur à partir du ${longFrenchDate(activeFrom)}. Les valeurs déjà saisies restent attachées à la révision ${revision - 1}.`
              : `Indicateur ${code} ${result.outcome === 'created' ? 'créé' : 'enregistré'}.`;
          this.snackBar.open(message, 'Fermer', { duration: result.outcome === 'revised' ? 10000 : 5000 });
        }
        this.reload();
      });
  }
}
