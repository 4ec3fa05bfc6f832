import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { downloadFile } from '../../shared/charts/chart-export';

/** `attachment; filename="bilan-financier-2025-brouillon.pdf"` → the file name, or null. */
export function attachmentFileName(disposition: string | null): string | null {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * A draft built on the live data when asked (a PDF takes several seconds): a download link that,
 * once clicked, fetches the file, shows that it is being prepared, and stays disabled until the
 * file arrives — no second click starts a second build. A click with a modifier key (new tab,
 * save as) is left to the browser.
 */
@Component({
  selector: 'app-draft-download',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <a mat-stroked-button [href]="href()" download [disabled]="loading()" [disabledInteractive]="true" (click)="download($event)">
      <mat-icon aria-hidden="true">download</mat-icon>
      <ng-content />
    </a>
    <span class="status" role="status">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-hidden="true" />
        <span class="status-text">Préparation du fichier sur les données du moment…</span>
      }
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .status:empty {
      display: none;
    }
    .status-text {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DraftDownload {
  private readonly http = inject(HttpClient);

  readonly href = input.required<string>();
  protected readonly loading = signal(false);

  protected download(event: MouseEvent): void {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    if (this.loading()) return;
    this.loading.set(true);
    const href = this.href();
    this.http.get(href, { responseType: 'blob', observe: 'response' }).subscribe({
      next: (response) => {
        this.loading.set(false);
        const name = attachmentFileName(response.headers.get('Content-Disposition')) ?? href.split('/').pop()!;
        downloadFile(name, response.body!);
      },
      // The error interceptor has said why in a snackbar.
      error: () => this.loading.set(false),
    });
  }
}
