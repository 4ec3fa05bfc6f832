import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ExecutionAlert } from '@cn2r/shared';

/** Execution alerts in words with an icon (never colour alone): blocking first as the server sends them. */
@Component({
  selector: 'app-execution-alerts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    @if (alerts().length === 0) {
      <span class="none">Aucune</span>
    } @else {
      <ul>
        @for (alert of alerts(); track alert.code + alert.measure) {
          <li class="alert" [class.blocking]="alert.level === 'blocking'" [class.warning]="alert.level === 'warning'">
            <mat-icon aria-hidden="true">{{ alert.level === 'blocking' ? 'error' : 'warning' }}</mat-icon>
            <span><span class="visually-hidden">{{ alert.level === 'blocking' ? 'Alerte bloquante' : 'Avertissement' }} : </span>{{ alert.message }}</span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .alert {
      display: flex;
      align-items: flex-start;
      gap: 4px;
      font: var(--mat-sys-body-small);
    }
    mat-icon {
      flex: none;
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .blocking {
      color: var(--mat-sys-error);
    }
    .warning {
      color: #5c3b00;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ExecutionAlerts {
  readonly alerts = input.required<readonly ExecutionAlert[]>();
}
