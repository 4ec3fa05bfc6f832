import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CHART_FRAME_OPEN, RowsChart, legendItems } from './chart-base';
import { ChartFrame } from './chart-frame';
import type { ChartRow, ValueKind } from './chart-model';
import { OKABE_ITO } from './chart-palette';
import { formatValue } from './french-format';

/** One bar: its series, its colour, its length in percent of its scale, its value written at its end. */
export interface BarListBar {
  readonly series: string;
  readonly color: string;
  readonly percent: number;
  readonly text: string;
}

/** One category with its bars. */
export interface BarListGroup {
  readonly label: string;
  readonly bars: readonly BarListBar[];
}

export interface BarListOptions {
  readonly kind: ValueKind;
  /** The series drawn (all by default); the table keeps every one. */
  readonly drawn?: readonly string[];
  /** Sort the categories by this series, largest first; rows order otherwise. */
  readonly sortBy?: string | null;
  /** `shared`: one scale for every bar; `perCategory`: each category its own scale (small multiples). */
  readonly scale?: 'shared' | 'perCategory';
}

/**
 * Horizontal bars from chart rows: one group per category, one bar per drawn series (its colour by
 * its rank among the drawn series), sorted, each bar's length against the largest value of its
 * scale, the value written at its end; a missing value is « — » with no bar.
 */
export function toBarListGroups(rows: readonly ChartRow[], options: BarListOptions): BarListGroup[] {
  const allSeries = [...new Set(rows.map((row) => row.series))];
  const drawn = options.drawn ? allSeries.filter((name) => options.drawn!.includes(name)) : allSeries;
  const categories = [...new Set(rows.map((row) => row.category))];
  const values = new Map(rows.map((row) => [`${row.category}\u0000${row.series}`, row.value]));
  const valueOf = (category: string, series: string) => {
    const value = values.get(`${category}\u0000${series}`) ?? null;
    return value !== null && Number.isFinite(value) ? value : null;
  };
  const maxOf = (cats: readonly string[]) => Math.max(0, ...cats.flatMap((c) => drawn.map((s) => Math.abs(valueOf(c, s) ?? 0))));
  const sharedMax = maxOf(categories);
  const sortBy = options.sortBy;
  const sorted = sortBy ? [...categories].sort((a, b) => (valueOf(b, sortBy) ?? -Infinity) - (valueOf(a, sortBy) ?? -Infinity)) : categories;
  return sorted.map((label) => {
    const max = options.scale === 'perCategory' ? maxOf([label]) : sharedMax;
    return {
      label,
      bars: drawn.map((series, i) => {
        const value = valueOf(label, series);
        return {
          series,
          color: OKABE_ITO[i % OKABE_ITO.length],
          percent: value === null || max === 0 ? 0 : (Math.abs(value) / max) * 100,
          text: formatValue(options.kind, value),
        };
      }),
    };
  });
}

/**
 * Many categories, or figures of different scales, read at a glance on any screen: horizontal
 * bars in HTML, sorted, the value at the end of each bar, the labels wrapping instead of being cut.
 * With `scale="perCategory"`, small multiples: one small chart per category, each on its own scale
 * (consultations and delays never share an axis).
 */
@Component({
  selector: 'app-bar-list-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame],
  template: `
    ${CHART_FRAME_OPEN} [height]="null" [legend]="legend()">
      <div class="groups" [class.multiples]="scale() === 'perCategory'">
        @for (group of groups(); track group.label) {
          <div class="group">
            <p class="category">{{ group.label }}{{ unitOf(group.label) }}</p>
            @for (bar of group.bars; track bar.series) {
              <div class="bar-row">
                @if (group.bars.length > 1 && !legend().length) {
                  <span class="series">{{ bar.series }}</span>
                }
                <span class="track">
                  <span class="bar" [style.width]="barWidth(bar)" [style.min-width.px]="bar.percent > 0 ? 2 : 0" [style.background]="bar.color"></span>
                  <span class="value">{{ bar.text }}</span>
                </span>
              </div>
            }
          </div>
        }
      </div>
    </app-chart-frame>
  `,
  styles: `
    .groups {
      display: flex;
      flex-direction: column;
      gap: 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface);
    }
    .groups.multiples {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    }
    .multiples .group {
      padding: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
    }
    .group {
      min-width: 0;
    }
    .category {
      margin: 0 0 4px;
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .bar-row {
      margin: 2px 0;
    }
    .series {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
    .track {
      display: flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
    }
    /* The value takes the room it needs; the bar the rest, scaled. */
    .bar {
      flex: none;
      height: 14px;
      border-radius: 0 2px 2px 0;
    }
    .value {
      flex: none;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class BarListChart extends RowsChart {
  readonly kind = input<ValueKind>('count');
  /** The header of the categories in the table (« Ligne », « Indicateur »). */
  readonly categoryLabel = input<string>('Catégorie');
  readonly drawn = input<readonly string[] | null>(null);
  readonly sortBy = input<string | null>(null);
  readonly scale = input<'shared' | 'perCategory'>('shared');
  /** The unit of each category's values, shown after its label (« jours »), for small multiples. */
  readonly units = input<Readonly<Record<string, string>>>({});

  protected readonly rowHeader = computed(() => this.categoryLabel());
  protected readonly groups = computed(() =>
    toBarListGroups(this.rows(), { kind: this.kind(), drawn: this.drawn() ?? undefined, sortBy: this.sortBy(), scale: this.scale() }),
  );
  protected readonly legend = computed(() => {
    const names = this.groups()[0]?.bars.map((bar) => bar.series) ?? [];
    return names.length > 1 ? legendItems(names) : [];
  });

  /** The room kept at the end of each bar for the longest value (in `ch`, with the gap). */
  private readonly valueRoom = computed(() => 2 + Math.max(4, ...this.groups().flatMap((group) => group.bars.map((bar) => bar.text.length))));

  /** The bar's share of the room the values leave. */
  protected barWidth(bar: BarListBar): string {
    return `calc((100% - ${this.valueRoom()}ch) * ${(bar.percent / 100).toFixed(4)})`;
  }

  protected unitOf(category: string): string {
    const unit = this.units()[category];
    return unit ? ` (${unit})` : '';
  }
}
