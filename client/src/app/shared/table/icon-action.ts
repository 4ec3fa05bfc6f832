import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

/** An icon button of a table row: `label` names it for screen readers (« Modifier le centre X »), `tooltip` shows on hover. */
@Component({
  selector: 'app-icon-action',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    <button mat-icon-button type="button" [attr.aria-label]="label()" [matTooltip]="tooltip()" (click)="pressed.emit()">
      <mat-icon>{{ icon() }}</mat-icon>
    </button>
  `,
})
export class IconAction {
  readonly icon = input.required<string>();
  readonly label = input.required<string>();
  readonly tooltip = input.required<string>();
  readonly pressed = output<void>();
}

