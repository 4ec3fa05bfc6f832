import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * A file to download from the API (same origin: the session cookie goes with it), as a stroked
 * button with the download icon; the projected text names the file.
 */
@Component({
  selector: 'app-download-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <a mat-stroked-button [href]="href()" download>
      <mat-icon aria-hidden="true">download</mat-icon>
      <ng-content />
    </a>
  `,
})
export class DownloadLink {
  readonly href = input.required<string>();
}
