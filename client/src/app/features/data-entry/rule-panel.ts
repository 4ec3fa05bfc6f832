import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { PanelRuleResult } from './live-rule-results';

/**
 * The consistency rules that fail on the values as typed: errors (they block the submission) and
 * warnings (they need an explanation, sent with the submission). Each names the fields concerned,
 * as buttons that move the focus there.
 */
@Component({
  selector: 'app-rule-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="rule-panel" aria-labelledby="controles-titre">
      <h2 id="controles-titre">Contrôles de cohérence</h2>
      <p class="summary" role="status">
        @if (results().length === 0) {
          <mat-icon aria-hidden="true" class="ok">check_circle</mat-icon>
          Aucune incohérence sur les valeurs saisies.
        } @else {
          {{ summary() }}
        }
      </p>
      @if (results().length) {
        <ul class="results">
          @for (result of results(); track result.ruleId) {
            <li [class]="'result is-' + result.severity">
              <p class="severity">
                <mat-icon aria-hidden="true">{{ result.severity === 'error' ? 'error' : 'warning' }}</mat-icon>
                <strong>{{ result.severity === 'error' ? 'Erreur' : 'Avertissement' }}</strong>
                <span class="code">{{ result.code }}</span>
              </p>
              <p class="message">{{ result.message }}</p>
              @if (result.indicatorCodes.length) {
                <p class="fields">
                  <span>Champs concernés :</span>
                  @for (code of result.indicatorCodes; track code) {
                    <button mat-button type="button" class="field-link" (click)="focusIndicator.emit(code)">
                      {{ labelOf()(code) }}<span class="visually-hidden"> (aller au champ)</span>
                    </button>
                  }
                </p>
              }
              @if (result.severity === 'warning') {
                <mat-form-field class="full-width">
                  <mat-label>Explication<span class="visually-hidden"> de l’avertissement {{ result.code }}</span></mat-label>
                  <input
                    matInput
                    autocomplete="off"
                    maxlength="2000"
                    [required]="editable()"
                    [readonly]="!editable()"
                    [value]="explanationOf()(result.ruleId)"
                    (input)="explain.emit({ ruleId: result.ruleId, text: $any($event.target).value })"
                  />
                  <mat-hint>{{ explanationHint(result.ruleId) }}</mat-hint>
                </mat-form-field>
              }
              @if (result.source === 'server') {
                <p class="source">Constaté par le serveur au dernier enregistrement.</p>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styleUrl: './rule-panel.scss',
})
export class RulePanel {
  readonly results = input.required<readonly PanelRuleResult[]>();
  readonly labelOf = input.required<(code: string) => string>();
  readonly explanationOf = input.required<(ruleId: number) => string>();
  readonly editable = input(false);
  readonly focusIndicator = output<string>();
  readonly explain = output<{ ruleId: number; text: string }>();
  readonly explanationStates = input<ReadonlyMap<number, 'saving' | 'saved' | 'error'>>(new Map());

  protected explanationHint(ruleId: number): string {
    switch (this.explanationStates().get(ruleId)) {
      case 'saving':
        return 'Enregistrement…';
      case 'saved':
        return 'Explication enregistrée';
      case 'error':
        return 'Explication non enregistrée : elle sera envoyée avec la transmission';
      default:
        return 'Enregistrée automatiquement pendant la saisie';
    }
  }

  protected readonly summary = computed(() => {
    const errors = this.results().filter((r) => r.severity === 'error').length;
    const warnings = this.results().length - errors;
    const parts: string[] = [];
    if (errors) parts.push(`${errors} erreur${errors > 1 ? 's' : ''}`);
    if (warnings) parts.push(`${warnings} avertissement${warnings > 1 ? 's' : ''}`);
    return `${parts.join(' et ')} à traiter.`;
  });
}
