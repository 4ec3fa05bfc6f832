import { LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { type FiscalYear, fiscalYearStatusLabels } from '@cn2r/shared';

/** The fiscal year selector of the budget pages’ headers. */
@Component({
  selector: 'app-fiscal-year-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LowerCasePipe, MatFormFieldModule, MatSelectModule],
  template: `
    @if (years().length) {
      <mat-form-field class="year" subscriptSizing="dynamic">
        <mat-label>Exercice</mat-label>
        <mat-select [value]="year()" (selectionChange)="chosen.emit($event.value)">
          @for (fy of years(); track fy.year) {
            <mat-option [value]="fy.year">{{ fy.year }} ({{ statusLabels[fy.status] | lowercase }})</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    .year {
      width: 200px;
    }
  `,
})
export class FiscalYearPicker {
  readonly years = input.required<readonly FiscalYear[]>();
  readonly year = input.required<number | null>();
  readonly chosen = output<number>();
  protected readonly statusLabels = fiscalYearStatusLabels;
}
