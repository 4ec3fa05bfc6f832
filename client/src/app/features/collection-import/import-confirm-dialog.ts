import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface ImportConfirmData {
  readonly changes: number;
  readonly fileName: string;
  readonly unitName: string;
  readonly year: number;
}

/** « Importer N modifications ? » — closes with true to confirm. */
@Component({
  selector: 'app-import-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Importer {{ data.changes }} modification{{ data.changes > 1 ? 's' : '' }} ?</h2>
    <mat-dialog-content>
      <p>
        Les valeurs du fichier « {{ data.fileName }} » vont remplacer celles de {{ data.unitName }} pour la campagne {{ data.year }}.
        Tout est enregistré en une fois, ou rien si une valeur a changé entre-temps.
      </p>
      <p>Chaque valeur reste dans son historique, avec son ancienne valeur.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Annuler</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">Importer</button>
    </mat-dialog-actions>
  `,
})
export class ImportConfirmDialog {
  protected readonly data = inject<ImportConfirmData>(MAT_DIALOG_DATA);
}
