import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { formatFigureChange, type NetworkIndicator, type OutlierValue, type SubmissionStatus, submissionStatusLabels } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import type { KeyFigure, ValueKind } from '../../../shared/charts/chart-model';
import { formatValue } from '../../../shared/charts/french-format';
import { BarListChart } from '../../../shared/charts/bar-list-chart';
import { HeatMapChart } from '../../../shared/charts/heat-map-chart';
import { LineChart } from '../../../shared/charts/line-chart';
import { NumberCards } from '../../../shared/charts/number-cards';
import { DashboardFiltersBar } from '../dashboard-filters-bar';
import { loadResource } from '../../../shared/loading/load-resource';
import { achievementText, completenessRows, expectedResultRows, networkTrendRows, spokenPeriod, trendSpanText } from '../dashboard-series';
import { DashboardsApi } from '../dashboards-api';
import { LoadStatus } from '../../../shared/loading/load-status';
import { UnitsApi } from '../../units/units-api';
import { NetworkPanels } from '../network-panels';
import { RoleHome } from './role-home';

const kindOf = (indicator: Pick<NetworkIndicator, 'valueType'>): ValueKind => (indicator.valueType === 'decimal' || indicator.valueType === 'percentage' ? 'decimal' : 'count');

/**
 * The coordination’s home: completeness (units × periods), late units, outliers, network totals
 * of the key indicators over five years, the four expected results with target against actual,
 * changes after validation, the map and the cost per activity.
 */
@Component({
  selector: 'app-admin-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, RouterLink, DashboardFiltersBar, LoadStatus, HeatMapChart, NumberCards, LineChart, BarListChart, NetworkPanels],
  templateUrl: './admin-home.html',
  styleUrl: '../dashboards.scss',
})
export class AdminHome extends RoleHome {
  private readonly api = inject(DashboardsApi);

  protected readonly resource = loadResource(
    () => {
      const f = this.filters();
      return { year: f.year, period: f.period, unitIds: f.unitIds, domain: f.domain };
    },
    (query) => this.api.admin(query),
  );
  protected readonly dashboard = this.resource.data;
  private readonly allUnits = toSignal(inject(UnitsApi).list().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly unitChoices = computed(() => this.allUnits().map((unit) => ({ value: unit.id, label: unit.name })));
  protected readonly periodChoices = computed(() => (this.dashboard()?.periods ?? []).map((p) => ({ value: p.period, label: p.label })));

  protected readonly heatRows = computed(() => {
    const data = this.dashboard();
    return data ? completenessRows(data) : [];
  });
  protected readonly completenessFigures = computed<KeyFigure[]>(() => {
    const c = this.dashboard()?.completeness;
    if (!c) return [];
    return [
      { label: 'Saisies attendues', value: c.expected, kind: 'count' },
      { label: 'Validées', value: c.validated, kind: 'count' },
      { label: 'Transmises', value: c.submitted, kind: 'count' },
      { label: 'Renvoyées', value: c.returned, kind: 'count' },
      { label: 'En brouillon', value: c.draft, kind: 'count' },
      { label: 'Non commencées', value: c.notStarted, kind: 'count' },
      { label: 'En retard', value: c.late, kind: 'count' },
    ];
  });
  protected readonly networkCharts = computed(() => {
    const data = this.dashboard();
    return (data?.networkTotals ?? []).map((indicator) => ({
      code: indicator.code,
      heading: `${indicator.label} — réseau${indicator.unitOfMeasure ? ` (${indicator.unitOfMeasure})` : ''}`,
      rows: networkTrendRows(indicator, data!.trend),
      kind: kindOf(indicator),
      description: indicator.points.every((p) => p.value === p.validatedValue) ? 'Toutes les valeurs saisies sont validées : les deux courbes se confondent.' : '',
    }));
  });
  /** What the network totals show: complete years only, the year under way left out. */
  protected readonly trendText = computed(() => {
    const data = this.dashboard();
    return data ? trendSpanText(data.trend) : '';
  });
  protected readonly expectedResults = computed(() =>
    (this.dashboard()?.expectedResults ?? []).map((result) => ({
      key: result.expectedResult,
      label: result.label,
      rows: expectedResultRows(result),
      achievements: result.indicators.map(achievementText),
      emptyText:
        result.indicators.length === 0
          ? 'Aucun indicateur rattaché à ce résultat : rattachez-en un dans le catalogue des indicateurs.'
          : 'Ni cible ni valeur validée pour ces indicateurs : fixez les cibles dans le catalogue, les réalisations s’afficheront une fois validées.',
    })),
  );
  protected readonly outlierColumns = ['unit', 'period', 'indicator', 'value', 'lastYear', 'change', 'explanation'];

  /** « T3 2026 », « mars 2026 », never `2026-Q3`. */
  protected readonly period = spokenPeriod;

  protected periodList(codes: readonly string[]): string {
    return codes.map(spokenPeriod).join(', ');
  }

  protected count(value: number | null): string {
    return formatValue('count', value);
  }

  /** « +62 % » for a count, « +1,6 pt » for a rate; a count from 0 has no relative change. */
  protected change(change: OutlierValue['change']): string {
    return change === null ? 'depuis 0' : formatFigureChange(change);
  }

  protected statusLabel(status: SubmissionStatus): string {
    return submissionStatusLabels[status];
  }

  protected shown(value: number | string | boolean | null): string {
    if (value === null) return 'vide';
    if (typeof value === 'number') return formatValue('count', value);
    return String(value);
  }
}
