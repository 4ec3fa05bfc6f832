import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * The recovery codes, shown once: the list, a text file to download and « Imprimer ». Each code
 * serves once, when the phone is not at hand.
 */
@Component({
  selector: 'app-recovery-codes-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <p class="warning" role="status">
      <strong>Conservez ces codes de secours maintenant : ils ne seront plus affichés.</strong>
      Chacun permet de vous connecter une seule fois si vous n’avez pas votre téléphone. Téléchargez-les ou imprimez-les, et rangez-les en lieu sûr.
    </p>
    <ul class="codes" aria-label="Codes de secours">
      @for (code of codes(); track code) {
        <li><code>{{ code }}</code></li>
      }
    </ul>
    <div class="actions">
      <a mat-stroked-button [href]="fileHref()" download="cn2r-codes-de-secours.txt">
        <mat-icon aria-hidden="true">download</mat-icon>
        Télécharger les codes
      </a>
      <button mat-stroked-button type="button" (click)="print()">
        <mat-icon aria-hidden="true">print</mat-icon>
        Imprimer
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .warning {
      margin: 0 0 8px;
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(2, max-content);
      gap: 4px 24px;
      margin: 8px 0;
      padding-left: 20px;
      font-size: 1.05em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class RecoveryCodesList {
  readonly codes = input.required<readonly string[]>();
  /** The account the codes belong to, written at the top of the file. */
  readonly account = input<string>('');

  protected readonly fileHref = computed(() => {
    const text = [
      'CN2R Pilotage — codes de secours de la double authentification',
      this.account() ? `Compte : ${this.account()}` : '',
      'Chaque code ne sert qu’une fois.',
      '',
      ...this.codes(),
      '',
    ].join('\n');
    return `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  });

  protected print(): void {
    window.print();
  }
}
