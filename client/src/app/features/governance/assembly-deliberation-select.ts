import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { formatDateFr, type AssemblyDeliberation } from '@cn2r/shared';
import { catchError, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { GovernanceApi } from './governance-api';

type Options = { readonly state: 'loading' } | { readonly state: 'failed' } | { readonly state: 'loaded'; readonly list: readonly AssemblyDeliberation[] };

/**
 * The general assembly's adopted deliberations of a span of dates, to choose the one a decision or
 * an approval rests on (in a dialog: the empty state's link to « Gouvernance » closes it).
 */
@Component({
  selector: 'app-assembly-deliberation-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatDialogModule, MatFormFieldModule, MatSelectModule, MatProgressBarModule],
  template: `
    @switch (options().state) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" aria-label="Chargement des délibérations" />
      }
      @case ('failed') {
        <p class="failed" role="alert">Les délibérations n’ont pas pu être chargées. Fermez puis rouvrez cette fenêtre.</p>
      }
      @default {
        @if (list().length === 0) {
          <p class="empty" role="status">
            Aucune délibération adoptée par l’assemblée générale {{ emptyWhen() }}. Enregistrez d’abord la séance et sa délibération dans
            <a routerLink="/gouvernance" mat-dialog-close>Gouvernance</a>.
          </p>
        }
        <mat-form-field class="full-width">
          <mat-label>Délibération de l’assemblée générale</mat-label>
          <mat-select [formControl]="control()" required>
            @for (d of list(); track d.id) {
              <mat-option [value]="d.id">n° {{ d.number }} du {{ date(d.adoptedOn) }} — {{ d.title }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ hint() }}</mat-hint>
          @if (control().invalid) {
            <mat-error>{{ error() }}</mat-error>
          }
        </mat-form-field>
      }
    }
  `,
  styles: `
    .full-width {
      width: 100%;
    }
    .failed {
      color: var(--mat-sys-error);
    }
    .empty {
      padding: 8px 12px;
      border-left: 4px solid var(--mat-sys-outline);
    }
  `,
})
export class AssemblyDeliberationSelect {
  readonly control = input.required<FormControl<number | null>>();
  /** First and last day offered (ISO dates). */
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  /** Ends « Aucune délibération adoptée par l’assemblée générale … » when there is none. */
  readonly emptyWhen = input.required<string>();
  readonly hint = input('');
  readonly error = input('Choisissez la délibération de l’assemblée générale.');

  protected readonly date = formatDateFr;
  private readonly api = inject(GovernanceApi);
  private readonly span = computed(() => ({ from: this.from(), to: this.to() }));
  protected readonly options = toSignal(
    toObservable(this.span).pipe(
      switchMap(({ from, to }): Observable<Options> =>
        this.api.assemblyDeliberations(from, to).pipe(
          map((list): Options => ({ state: 'loaded', list })),
          catchError(() => of<Options>({ state: 'failed' })),
          startWith<Options>({ state: 'loading' }),
        ),
      ),
    ),
    { initialValue: { state: 'loading' } as Options },
  );
  protected list(): readonly AssemblyDeliberation[] {
    const o = this.options();
    return o.state === 'loaded' ? o.list : [];
  }
}
