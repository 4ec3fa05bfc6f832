import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The messages a form shows above its fields (the server's 409 or 422, the schema issues that
 * match no control), read out as an alert; nothing while there are none.
 */
@Component({
  selector: 'app-form-errors',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (messages().length) {
      <div class="form-errors" role="alert">
        @for (message of messages(); track $index) {
          <p>{{ message }}</p>
        }
      </div>
    }
  `,
  styles: `
    .form-errors {
      margin-bottom: 12px;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);

      p {
        margin: 4px 0;
      }
    }
  `,
})
export class FormErrors {
  readonly messages = input.required<readonly string[]>();
}
