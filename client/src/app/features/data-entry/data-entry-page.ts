import { BreakpointObserver } from '@angular/cdk/layout';
import { HttpErrorResponse } from '@angular/common/http';
import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { Submission } from '@cn2r/shared';
import { Observable, filter, map, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { todayIso } from '../../shared/dates/iso-date';
import { SubmissionStatusChip } from '../completeness/submission-status-chip';
import { isOverdue } from '../completeness/submission-status';
import { DataEntryStore } from './data-entry-store';
import type { EntryCell } from './entry-cell';
import { IndicatorEntry } from './indicator-entry';
import { ReasonDialog, type ReasonDialogData } from './reason-dialog';
import { RulePanel } from './rule-panel';
import { ValueThreadDialog, type ValueThreadDialogData } from './value-thread-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { EmptyState } from '../../shared/loading/empty-state';

/** A phone’s width (Material’s XSmall): cards instead of tables, the submit button in a bar at the bottom. */
export const PHONE_QUERY = '(max-width: 599.98px)';

/**
 * The data-entry form of one unit × period: the unit lead's daily tool (fields grouped by domain,
 * autosave, checks as you type, submission) and the coordination's review (validate, send back,
 * reopen one value). Finance and the board read validated forms. On a phone, a card per field and
 * the submit button always at hand in a bar at the bottom of the screen.
 */
@Component({
  selector: 'app-data-entry-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    LoadingSpinner,
    EmptyState,
    DatePipe,
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    SubmissionStatusChip,
    IndicatorEntry,
    RulePanel,
  ],
  providers: [DataEntryStore],
  templateUrl: './data-entry-page.html',
  styleUrl: './data-entry-page.scss',
  host: { class: 'page', '(window:beforeunload)': 'warnIfUnsaved($event)' },
})
export class DataEntryPage {
  protected readonly store = inject(DataEntryStore);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  /** Route parameters (withComponentInputBinding). */
  readonly unitId = input.required<string>();
  readonly period = input.required<string>();

  protected readonly today = todayIso();
  protected readonly busy = signal(false);
  /** The server's refusal of a transition: its message and the points it lists. */
  protected readonly actionError = signal<{ message: string; details: string[] } | null>(null);

  protected readonly backLink = computed(() => (this.auth.can('forms.write') ? '/saisie' : '/'));
  protected readonly backLabel = computed(() => (this.auth.can('forms.write') ? 'Retour à mes saisies' : 'Retour à l’accueil'));
  protected readonly overdue = computed(() => {
    const submission = this.store.submission();
    return submission !== null && isOverdue(submission, this.today);
  });
  /**
   * Who hears of the submission: no e-mail is sent; the form appears in the coordination's
   * completeness page, to validate or send back.
   */
  protected readonly readyText =
    'Tout est prêt : une fois transmise, la saisie apparaîtra dans la page « Complétude » de la coordination du CN2R (administrateurs), qui la validera ou vous la renverra. Aucun e-mail n’est envoyé.';
  protected readonly blockedNote = computed(() => {
    const n = this.store.blockers().length;
    return `${n} point${n > 1 ? 's' : ''} à régler avant de transmettre : voir « Transmission ».`;
  });
  protected readonly labelOf = (code: string) => this.store.labelOf(code);
  protected readonly explanationOf = (ruleId: number) => this.store.explanationOf(ruleId);
  protected readonly saveSummary = computed(() => {
    const pending = this.store.queue.pending();
    const failed = this.store.failedSaves();
    if (pending > 0) return 'Enregistrement en cours…';
    if (failed > 0) return `${failed} valeur${failed > 1 ? 's' : ''} non enregistrée${failed > 1 ? 's' : ''} : voir les messages sous les champs.`;
    return 'Chaque valeur est enregistrée automatiquement.';
  });

  constructor() {
    effect(() => {
      const unitId = this.unitId();
      const period = this.period();
      untracked(() => this.store.load(unitId, period));
    });
  }

  /** Enter moves to the next field (never submits); the blur saves the one left. */
  protected moveToNextField(event: Event): void {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.hasAttribute('data-entry')) return;
    event.preventDefault();
    const fields = this.editableFields();
    const next = fields[fields.indexOf(target) + 1];
    if (next) {
      next.focus();
      next.select();
    } else {
      target.blur();
      target.focus();
    }
  }

  /** From the rule panel: to the first field of the indicator, or its heading when it is read-only. */
  protected focusIndicator(code: string): void {
    const root = this.host.nativeElement;
    const field = this.editableFields().find((input) => input.dataset['indicator'] === code);
    const target = field ?? root.querySelector<HTMLElement>(`#indicateur-${CSS.escape(code)}`);
    if (!target) {
      this.snackBar.open('Ce champ n’est pas sur ce formulaire (il relève d’une autre période).', 'Fermer', { duration: 5000 });
      return;
    }
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
  }

  protected openThread(cell: EntryCell): void {
    const stored = cell.stored();
    if (!stored) return;
    const { unitId, period } = this.store.threadContext();
    this.dialog.open<ValueThreadDialog, ValueThreadDialogData>(ValueThreadDialog, {
      data: {
        unitId,
        period,
        valueId: stored.id,
        label: cell.label,
        valueType: cell.indicator.valueType,
        canComment: true,
        commentAdded: () => this.store.commentAdded(cell),
      },
      width: '640px',
      maxWidth: '95vw',
      autoFocus: 'dialog',
    });
  }

  protected submit(): void {
    if (this.busy() || this.store.blockers().length > 0) return;
    const missing = this.store.cells().filter((cell) => !cell.indicator.required && cell.isEmpty()).length;
    confirmAction(this.dialog, {
      title: 'Transmettre la saisie ?',
      message:
        `${this.store.form()!.unit.name}, ${this.store.form()!.periodLabel} : la saisie partira à la coordination du CN2R ` +
        'pour validation et ne sera plus modifiable, sauf si elle vous est renvoyée.' +
        (missing > 0 ? ` ${missing} valeur${missing > 1 ? 's' : ''} facultative${missing > 1 ? 's restent' : ' reste'} vide${missing > 1 ? 's' : ''}.` : ''),
      confirmLabel: 'Transmettre',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.run(this.store.submit())),
      )
      .subscribe(() => this.done('Saisie transmise à la coordination.'));
  }

  protected validate(): void {
    if (this.busy()) return;
    const form = this.store.form()!;
    confirmAction(this.dialog, {
      title: 'Valider la saisie ?',
      message: `Les valeurs de ${form.unit.name} pour ${form.periodLabel} seront verrouillées. Vous pourrez rouvrir une valeur précise si besoin.`,
      confirmLabel: 'Valider',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.run(this.store.validate())),
      )
      .subscribe(() => this.done('Saisie validée.'));
  }

  protected returnToUnit(): void {
    if (this.busy()) return;
    const form = this.store.form()!;
    this.askReason({
      title: 'Renvoyer la saisie au centre',
      intro: `${form.unit.name} pourra corriger sa saisie de ${form.periodLabel} et la transmettre à nouveau. Dites-lui quoi corriger : le message s’affichera en tête du formulaire.`,
      label: 'Message au centre',
      confirmLabel: 'Renvoyer',
      maxLength: 4000,
    })
      .pipe(switchMap((message) => this.run(this.store.returnToUnit(message))))
      .subscribe(() => this.done('Saisie renvoyée au centre avec votre message.'));
  }

  protected reopen(cell: EntryCell): void {
    this.askReason({
      title: 'Rouvrir cette valeur',
      intro: `« ${cell.label} » redeviendra modifiable par le centre ; le reste de la saisie reste verrouillé. La saisie sera marquée « modifiée depuis la validation » dès que la valeur changera.`,
      label: 'Motif de la réouverture',
      hint: 'Visible dans l’historique de la valeur',
      confirmLabel: 'Rouvrir',
      maxLength: 2000,
    })
      .pipe(switchMap((reason) => this.store.reopen(cell, reason)))
      .subscribe({
        next: () => this.snackBar.open(`Valeur « ${cell.label} » rouverte.`, 'Fermer', { duration: 5000 }),
        error: (response: unknown) => this.showActionError(response),
      });
  }

  protected warnIfUnsaved(event: BeforeUnloadEvent): void {
    if (this.store.queue.pending() > 0 || this.store.failedSaves() > 0) event.preventDefault();
  }

  private askReason(data: ReasonDialogData): Observable<string> {
    return this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((text): text is string => typeof text === 'string' && text !== ''));
  }

  /** Runs a transition; its refusal (409, 422) is shown beside the buttons. */
  private run(request: Observable<Submission>): Observable<Submission> {
    this.busy.set(true);
    this.actionError.set(null);
    return new Observable<Submission>((subscriber) =>
      request.subscribe({
        next: (submission) => {
          this.busy.set(false);
          subscriber.next(submission);
          subscriber.complete();
        },
        error: (response: unknown) => {
          this.busy.set(false);
          this.showActionError(response);
          subscriber.complete();
        },
      }),
    );
  }

  private showActionError(response: unknown): void {
    if (!(response instanceof HttpErrorResponse)) throw response;
    const error = toApiError(response);
    if (error.status !== 409 && error.status !== 422) return; // the snackbar told
    this.actionError.set({ message: error.message, details: error.fields.map((f) => f.message).filter((m) => m !== error.message) });
    // An illegal transition or a stale version: show the form as it is now.
    if (error.status === 409) this.store.reload();
  }

  private done(message: string): void {
    this.snackBar.open(message, 'Fermer', { duration: 5000 });
    // Focus goes to the new status (or the heading) once the form is shown again, so that it is heard.
    this.store.reload(() => afterNextRender(() => this.focusStatus(), { injector: this.injector }));
  }

  /** The banner that says where the form now stands, or else the page heading. */
  private focusStatus(): void {
    const root = this.host.nativeElement;
    (root.querySelector<HTMLElement>('.status-banner') ?? root.querySelector<HTMLElement>('h1'))?.focus();
  }

  private editableFields(): HTMLInputElement[] {
    return [...this.host.nativeElement.querySelectorAll<HTMLInputElement>('input[data-entry]')].filter((input) => !input.readOnly);
  }
}
