import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CARE_OFFER_IMPORT_TYPES, type CareOfferImportResult } from '@cn2r/shared';
import { CARE_OFFER_TEMPLATE_URL, CareOfferApi } from './care-offer-api';

/**
 * Imports a centre's list of structures from an Excel workbook (the template) or a CSV: first
 * checked (nothing recorded), the lines read and their problems shown by line number (a sheet's
 * row numbers for a workbook); then every line recorded as a proposal, or none.
 */
@Component({
  selector: 'app-care-offer-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Importer des structures (Excel ou CSV)</h2>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Lecture du fichier en cours" />
    }
    <mat-dialog-content>
      <p>
        Un classeur Excel (.xlsx) : le <a [href]="templateUrl" download>modèle d’import</a> rempli, sa feuille « Structures » (les problèmes sont donnés
        avec le numéro de ligne de la feuille). Ou un fichier CSV « ; » en UTF-8, avec l’en-tête
        <code>nom;type;adresse;code_insee;commune;latitude;longitude;public;soins;acces;telephone;site_internet;centre;verifie_le</code>.
        L’export ouvert et l’export du registre se réimportent. Les structures arrivent en propositions ; rien n’est enregistré tant qu’une ligne a un problème.
      </p>
      <label for="care-offer-import-file">Fichier Excel ou CSV</label>
      <input id="care-offer-import-file" type="file" [accept]="accept" (change)="pick($event)" />
      <div role="status" aria-live="polite">
        @if (result(); as r) {
          <p>{{ r.lines.length }} ligne{{ r.lines.length > 1 ? 's' : '' }} valable{{ r.lines.length > 1 ? 's' : '' }}, {{ r.problems.length }} problème{{ r.problems.length > 1 ? 's' : '' }}.</p>
          @if (r.saved) {
            <p>Import enregistré : les structures attendent la publication par la coordination.</p>
          }
        }
        @if (error()) {
          <p class="error">{{ error() }}</p>
        }
      </div>
      @if (problems().length) {
        <ul aria-label="Problèmes par ligne">
          @for (p of problems(); track $index) {
            <li>{{ p }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="result()?.saved ?? false">Fermer</button>
      <button mat-stroked-button type="button" [disabled]="!file() || busy()" (click)="send(true)">Vérifier</button>
      <button mat-flat-button type="button" [disabled]="!file() || busy() || !canImport()" (click)="send(false)">Importer</button>
    </mat-dialog-actions>
  `,
})
export class CareOfferImportDialog {
  private readonly api = inject(CareOfferApi);
  protected readonly dialogRef = inject<MatDialogRef<CareOfferImportDialog, boolean>>(MatDialogRef);
  protected readonly templateUrl = CARE_OFFER_TEMPLATE_URL;
  protected readonly accept = ['.xlsx', '.csv', ...CARE_OFFER_IMPORT_TYPES].join(',');
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly result = signal<CareOfferImportResult | null>(null);
  protected readonly problems = signal<string[]>([]);
  protected readonly error = signal<string | null>(null);
  /** Importing is offered once a check found lines and no problem. */
  protected readonly canImport = () => {
    const r = this.result();
    return r !== null && !r.saved && r.problems.length === 0 && r.lines.length > 0;
  };

  protected pick(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
    this.result.set(null);
    this.problems.set([]);
    this.error.set(null);
  }

  protected send(dryRun: boolean): void {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.importFile(file, dryRun).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.result.set(r);
        this.problems.set(r.problems.map((p) => `Ligne ${p.line} — ${p.field} : ${p.message}`));
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const body = e instanceof HttpErrorResponse ? (e.error as { error?: { message?: string; fields?: { path: string; message: string }[] } } | null) : null;
        this.error.set(body?.error?.message ?? 'L’import a échoué.');
        this.problems.set((body?.error?.fields ?? []).map((f) => `${f.path} : ${f.message}`));
      },
    });
  }
}
