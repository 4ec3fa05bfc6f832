import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { AuditEntry } from '@cn2r/shared';

/** A stored value as indented JSON, or null when there is none (a creation has no « before »). */
export function prettyJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 2);
}

@Component({
  selector: 'app-audit-entry-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Entrée n° {{ entry.id }} — <code>{{ entry.action }}</code></h2>
    <mat-dialog-content>
      <dl class="meta">
        <dt>Date et heure</dt>
        <dd>{{ entry.at | date: 'dd/MM/yyyy HH:mm:ss' }}</dd>
        <dt>Auteur</dt>
        <dd>{{ entry.actorEmail ?? 'Système' }}</dd>
        <dt>Entité</dt>
        <dd>{{ entry.entityType }}{{ entry.entityId ? ' n° ' + entry.entityId : '' }}</dd>
        @if (entry.reason) {
          <dt>Motif</dt>
          <dd>{{ entry.reason }}</dd>
        }
        @if (entry.requestId) {
          <dt>Requête</dt>
          <dd><code>{{ entry.requestId }}</code></dd>
        }
      </dl>
      <div class="diff">
        <section aria-labelledby="avant">
          <h3 id="avant">Avant</h3>
          @if (before; as json) {
            <pre class="json" tabindex="0">{{ json }}</pre>
          } @else {
            <p class="none">Aucune valeur.</p>
          }
        </section>
        <section aria-labelledby="apres">
          <h3 id="apres">Après</h3>
          @if (after; as json) {
            <pre class="json" tabindex="0">{{ json }}</pre>
          } @else {
            <p class="none">Aucune valeur.</p>
          }
        </section>
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Fermer</button>
    </mat-dialog-actions>
  `,
  styles: `
    .meta {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0;
    }
    .diff {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
      gap: 16px;
    }
    h3 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AuditEntryDialog {
  protected readonly entry = inject<AuditEntry>(MAT_DIALOG_DATA);
  protected readonly before = prettyJson(this.entry.before);
  protected readonly after = prettyJson(this.entry.after);
}
