import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type SubmissionStatus, type UnitKeyIndicator, type UnitLeadPeriodStatus, submissionStatusLabels } from '@cn2r/shared';
import { LineChart } from '../../shared/charts/line-chart';
import type { ValueKind } from '../../shared/charts/chart-model';
import { formatValue } from '../../shared/charts/french-format';
import { loadResource } from '../../shared/loading/load-resource';
import { trendSpanText, unitTrendRows } from './dashboard-series';
import { DashboardsApi } from './dashboards-api';
import { LoadStatus } from '../../shared/loading/load-status';

/** What a period row says about its due date: « dans 5 jours », « en retard de 3 jours », « transmise ». */
export function dueText(period: Pick<UnitLeadPeriodStatus, 'expected' | 'daysLeft' | 'status'>): string {
  if (!period.expected) return 'Non attendue (centre fermé ou rien à déclarer)';
  if (period.status === 'validated') return 'Validée';
  if (period.status === 'submitted') return 'Transmise, en attente de validation';
  if (period.daysLeft === null) return '—';
  if (period.daysLeft < 0) return `En retard de ${-period.daysLeft} jour${period.daysLeft < -1 ? 's' : ''}`;
  if (period.daysLeft === 0) return 'À transmettre aujourd’hui';
  return `À transmettre dans ${period.daysLeft} jour${period.daysLeft > 1 ? 's' : ''}`;
}

/** Decimal indicators keep two digits; counts and days are counts. */
function kindOf(indicator: UnitKeyIndicator): ValueKind {
  return indicator.valueType === 'decimal' || indicator.valueType === 'percentage' ? 'decimal' : 'count';
}

/**
 * One unit’s dashboard: the campaign of the year period by period (what is due, when, what was
 * returned and why), its key indicators over the years against the network median, and the
 * warnings it has to explain. The unit lead’s home, and the page a map marker opens.
 */
@Component({
  selector: 'app-unit-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatIconModule, MatTableModule, RouterLink, LineChart, LoadStatus],
  templateUrl: './unit-dashboard.html',
  styleUrl: './dashboards.scss',
})
export class UnitDashboard {
  private readonly api = inject(DashboardsApi);

  readonly unitId = input.required<number>();
  readonly year = input.required<number>();
  readonly domain = input<string | null>(null);

  protected readonly resource = loadResource(
    () => ({ unitId: this.unitId(), year: this.year(), domain: this.domain() }),
    (query) => this.api.unitLead(query),
  );
  protected readonly dashboard = this.resource.data;
  protected readonly periodColumns = ['period', 'dueOn', 'status', 'due', 'filled', 'message'];
  protected readonly charts = computed(() => {
    const data = this.dashboard();
    if (!data) return [];
    return data.keyIndicators.map((indicator) => ({
      code: indicator.code,
      heading: `${indicator.label}${indicator.unitOfMeasure ? ` (${indicator.unitOfMeasure})` : ''}`,
      rows: unitTrendRows(indicator, data.unit.name, data.trend),
      kind: kindOf(indicator),
      validatedNote: indicator.points.some((p) => p.value !== null && !p.validated),
    }));
  });
  /** What the trends show: complete years only; the year under way is followed in the campaign table above. */
  protected readonly trendText = computed(() => {
    const data = this.dashboard();
    if (!data) return '';
    return trendSpanText(data.trend, data.trend.yearUnderWay && data.periods.length > 0 ? `Les saisies de ${data.trend.yearUnderWay.year} se suivent dans le tableau « Campagne ${data.trend.yearUnderWay.year} » ci-dessus.` : '');
  });
  protected readonly toExplain = computed(() => (this.dashboard()?.warnings ?? []).filter((w) => w.toExplain).length);

  protected readonly dueText = dueText;

  protected statusLabel(status: SubmissionStatus): string {
    return submissionStatusLabels[status];
  }

  protected percent(value: number | null): string {
    return value === null ? '—' : formatValue('basisPoints', Math.round(value * 100));
  }
}
