import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { type CellValue, formatValue } from '@cn2r/shared';
import { displayValue, outlierMessage } from './cell-checks';
import type { IndicatorBlock, PeriodColumns } from './data-entry-store';
import { type EntryCell, saveStatusLabels } from './entry-cell';
import { IconAction } from '../../shared/table/icon-action';

/** Shows a missing explanation at once, before the field is touched: the outlier is the reason to write one. */
const SHOW_AT_ONCE: ErrorStateMatcher = { isErrorState: (control) => control?.invalid === true };

/**
 * One indicator on the form: its label, definition and unit, the expected format said once, then a
 * row per option (or a single row) with the field, the previous period and the same period last
 * year, and the computed total of a disaggregated count — a table, or on a phone a card per row
 * with the earlier values under the field. Each field autosaves (the cell does); the page moves
 * focus on Enter.
 */
@Component({
  selector: 'app-indicator-entry',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction, NgTemplateOutlet, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './indicator-entry.html',
  styleUrl: './indicator-entry.scss',
})
export class IndicatorEntry {
  readonly block = input.required<IndicatorBlock>();
  readonly columns = input.required<PeriodColumns>();
  readonly thresholdPercent = input.required<number>();
  /** The coordination may reopen a validated value. */
  readonly canReopen = input(false);
  /** A phone’s width: a card per row instead of a table. */
  readonly phone = input(false);
  readonly openThread = output<EntryCell>();
  readonly reopen = output<EntryCell>();

  protected readonly helpOpen = signal(false);
  protected readonly statusLabels = saveStatusLabels;
  protected readonly showAtOnce = SHOW_AT_ONCE;

  protected readonly indicator = computed(() => this.block().indicator);
  protected readonly headingId = computed(() => `indicateur-${this.indicator().code}`);
  protected readonly helpId = computed(() => `aide-${this.indicator().code}`);
  /** The format said once above the rows; every field of the indicator points to it (aria-describedby). */
  protected readonly formatHintId = computed(() => `format-${this.indicator().code}`);
  protected readonly hasHelp = computed(() => Boolean(this.indicator().definition || this.indicator().countingRule));
  protected readonly inputMode = computed(() => {
    const type = this.indicator().valueType;
    if (type === 'count' || type === 'days') return 'numeric';
    return type === 'decimal' || type === 'percentage' ? 'decimal' : 'text';
  });
  protected readonly formatHint = computed(() => {
    switch (this.indicator().valueType) {
      case 'count':
      case 'days':
        return 'Nombre entier, par exemple 1 234';
      case 'decimal':
        return 'Nombre, par exemple 12,5';
      case 'percentage':
        return 'Pourcentage de 0 à 100, par exemple 12,5';
      case 'boolean':
        return 'oui ou non';
      case 'text':
        return '';
    }
  });

  /** How the cell’s save went (« Enregistré »…), or nothing while idle. */
  protected statusLabel(cell: EntryCell): string {
    return this.statusLabels[cell.status()];
  }

  protected show(value: CellValue | undefined): string {
    return displayValue(value, this.indicator().valueType);
  }

  protected formatTotal(value: number | null): string {
    return value === null ? '—' : formatValue(value, this.indicator().valueType);
  }

  protected outlierText(cell: EntryCell): string {
    const outlier = cell.check().outlier;
    return outlier ? outlierMessage(outlier, this.thresholdPercent(), this.columns().lastYear) : '';
  }

  /**
   * « En attente de validation — valeur validée : 412 »: the value differs from the one the
   * coordination last validated, which is what finance, the board and the reports still read.
   */
  protected pendingText(cell: EntryCell): string {
    const stored = cell.stored();
    if (!stored?.pendingValidation) return '';
    const validated = stored.validatedAt === null ? 'aucune' : this.show(stored.validatedValue);
    return `En attente de validation — valeur validée : ${validated}`;
  }

  protected commentLabel(cell: EntryCell): string {
    const count = cell.stored()?.commentCount ?? 0;
    const comments = count === 0 ? 'aucun commentaire' : count === 1 ? '1 commentaire' : `${count} commentaires`;
    return `Commentaires et historique — ${cell.label} (${comments})`;
  }

  protected toggleHelp(): void {
    this.helpOpen.update((open) => !open);
  }
}
