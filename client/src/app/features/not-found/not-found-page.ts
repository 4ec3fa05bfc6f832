import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  host: { class: 'page' },
  template: `
    <h1>Page introuvable</h1>
    <p>L’adresse demandée ne correspond à aucune page de l’application. Vérifiez-la, ou repartez de l’accueil.</p>
    <a mat-flat-button routerLink="/">Retour à l’accueil</a>
  `,
})
export class NotFoundPage {}
