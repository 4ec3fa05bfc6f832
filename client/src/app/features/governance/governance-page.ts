import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import {
  deliverableKindLabels,
  deliverableStatusLabels,
  expectedResultLabels,
  formatDateFr,
  formatPercent,
  meetingKindLabels,
  memberCategoryLabels,
  type Deliverable,
  type GovernanceBody,
  type GovernanceDeliberation,
  type GovernanceMeeting,
  type GovernanceMember,
} from '@cn2r/shared';
import { type Observable, filter, forkJoin, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { BodyDialog, type BodyDialogData } from './body-dialog';
import { DeliberationDialog, type DeliberationDialogData } from './deliberation-dialog';
import { DeliverableDialog, type DeliverableDialogData } from './deliverable-dialog';
import { GovernanceApi } from './governance-api';
import type { GovernanceDialogResult } from './governance-dialog-result';
import { type TextColumn, TextTable } from '../../shared/table/text-table';
import { MeetingDialog, type MeetingDialogData } from './meeting-dialog';
import { MemberDialog, type MemberDialogData } from './member-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { PageLoad } from '../../shared/loading/page-load';
import { FileAction } from '../../shared/table/file-action';

/** « 3 présents, 1 représenté » at a meeting. */
function attendance(m: GovernanceMeeting): string {
  const present = m.attendees.filter((a) => a.attendance === 'present').length;
  const represented = m.attendees.filter((a) => a.attendance === 'represented').length;
  return `${present} présent${present > 1 ? 's' : ''}, ${represented} représenté${represented > 1 ? 's' : ''}`;
}

/** The next number of the year after those taken (« 2025-06 » after « 2025-05 »). */
export function nextDeliberationNumber(year: number, taken: readonly string[]): string {
  const last = Math.max(0, ...taken.filter((n) => n.startsWith(`${year}-`)).map((n) => Number(n.slice(5))));
  return `${year}-${String(last + 1).padStart(2, '0')}`;
}

/**
 * Governance records: the members of the grouping, the meetings of its bodies with their
 * deliberations, and the deliverables of the expected results, per year. Every role reads; the
 * board and the coordination write the records, the coordination the deliverables.
 */
@Component({
  selector: 'app-governance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction, FileAction, TextTable, LoadingSpinner, LoadFailed, EmptyState, DatePipe, MatTabsModule, MatTableModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule],
  templateUrl: './governance-page.html',
  styleUrl: './governance-page.scss',
  host: { class: 'page' },
})
export class GovernancePage {
  private readonly api = inject(GovernanceApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly auth = inject(AuthService);

  protected readonly canWrite = computed(() => this.auth.can('governance.write'));
  protected readonly canWriteDeliverables = computed(() => this.auth.can('deliverables.write'));

  private readonly currentYear = new Date().getFullYear();
  protected readonly years = [this.currentYear + 1, this.currentYear, this.currentYear - 1, this.currentYear - 2, this.currentYear - 3];
  protected readonly year = signal(this.currentYear);

  protected readonly members = signal<GovernanceMember[]>([]);
  protected readonly bodies = signal<GovernanceBody[]>([]);
  protected readonly meetings = signal<GovernanceMeeting[]>([]);
  protected readonly deliberations = signal<GovernanceDeliberation[]>([]);
  protected readonly deliverables = signal<Deliverable[]>([]);
  /** The selected tab, kept while the records reload after a save. */
  protected readonly tab = signal(0);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  protected readonly memberColumns: TextColumn<GovernanceMember>[] = [
    { id: 'name', header: 'Membre', cell: (m) => m.name },
    { id: 'category', header: 'Catégorie', cell: (m) => memberCategoryLabels[m.category] },
    { id: 'rights', header: 'Droits de vote', cell: (m) => formatPercent(m.rightsBp), numeric: true },
    { id: 'from', header: 'Depuis le', cell: (m) => formatDateFr(m.from) },
    { id: 'to', header: 'Jusqu’au', cell: (m) => (m.to ? formatDateFr(m.to) : '—') },
  ];
  protected readonly meetingColumns: TextColumn<GovernanceMeeting>[] = [
    { id: 'heldOn', header: 'Date', cell: (m) => formatDateFr(m.heldOn) },
    { id: 'body', header: 'Instance', cell: (m) => m.bodyName },
    { id: 'kind', header: 'Nature', cell: (m) => meetingKindLabels[m.kind] },
    { id: 'attendance', header: 'Présence', cell: (m) => attendance(m) },
    { id: 'quorum', header: 'Quorum', cell: (m) => (m.quorumReached ? 'Atteint' : 'Non atteint') },
  ];
  protected readonly deliberationColumns: TextColumn<GovernanceDeliberation>[] = [
    { id: 'number', header: 'N°', cell: (d) => d.number, emphasis: true },
    { id: 'adoptedOn', header: 'Date', cell: (d) => formatDateFr(d.adoptedOn) },
    { id: 'title', header: 'Objet', cell: (d) => d.title },
    { id: 'vote', header: 'Vote (pour / contre / abst.)', cell: (d) => `${d.votesFor} / ${d.votesAgainst} / ${d.abstentions} — ${d.adopted ? 'adoptée' : 'rejetée'}` },
  ];
  protected readonly deliverableColumns: TextColumn<Deliverable>[] = [
    { id: 'result', header: 'Résultat attendu', cell: (d) => expectedResultLabels[d.expectedResult] },
    { id: 'title', header: 'Livrable', cell: (d) => d.title },
    { id: 'kind', header: 'Type', cell: (d) => deliverableKindLabels[d.kind] },
    { id: 'dueOn', header: 'Date', cell: (d) => formatDateFr(d.dueOn) },
    { id: 'status', header: 'État', cell: (d) => deliverableStatusLabels[d.status] },
  ];
  /** The columns with links or buttons, after the text ones; « actions » only for those who write. */
  protected readonly memberExtras = computed(() => (this.canWrite() ? ['actions'] : []));
  protected readonly meetingExtras = this.memberExtras;
  protected readonly deliberationExtras = computed(() => ['minutes', ...this.memberExtras()]);
  protected readonly deliverableExtras = computed(() => ['link', ...(this.canWriteDeliverables() ? ['actions'] : [])]);

  constructor() {
    this.load();
  }

  protected load(): void {
    const year = this.year();
    const request = forkJoin({
      members: this.api.members(),
      bodies: this.api.bodies(),
      meetings: this.api.meetings(year),
      deliberations: this.api.deliberations(year),
      deliverables: this.api.deliverables(year),
    });
    this.pageLoad.once(request, (r) => {
      this.members.set(r.members);
      this.bodies.set(r.bodies);
      this.meetings.set(r.meetings);
      this.deliberations.set(r.deliberations);
      this.deliverables.set(r.deliverables);
    });
  }

  protected selectYear(year: number): void {
    this.year.set(year);
    this.load();
  }

  protected meetingOf(d: GovernanceDeliberation): GovernanceMeeting | undefined {
    return this.meetings().find((m) => m.id === d.meetingId);
  }

  protected minutesUrl(d: GovernanceDeliberation): string {
    return this.api.minutesUrl(d.id);
  }

  protected deliverableFileUrl(d: Deliverable): string {
    return this.api.deliverableFileUrl(d.id);
  }

  // ---- dialogs ----

  protected editMember(member: GovernanceMember | null): void {
    this.openDialog(this.dialog.open<MemberDialog, MemberDialogData, GovernanceDialogResult>(MemberDialog, { data: { member }, width: '640px', maxWidth: '95vw' }).afterClosed(), 'Membre enregistré.');
  }

  protected editBody(body: GovernanceBody | null): void {
    this.openDialog(this.dialog.open<BodyDialog, BodyDialogData, GovernanceDialogResult>(BodyDialog, { data: { body }, width: '520px', maxWidth: '95vw' }).afterClosed(), 'Instance enregistrée.');
  }

  protected editMeeting(meeting: GovernanceMeeting | null): void {
    const data: MeetingDialogData = { meeting, bodies: this.bodies(), members: this.members() };
    this.openDialog(this.dialog.open<MeetingDialog, MeetingDialogData, GovernanceDialogResult>(MeetingDialog, { data, width: '720px', maxWidth: '95vw' }).afterClosed(), 'Séance enregistrée.');
  }

  protected editDeliberation(deliberation: GovernanceDeliberation | null): void {
    const data: DeliberationDialogData = {
      deliberation,
      meetings: this.meetings(),
      suggestedNumber: nextDeliberationNumber(this.year(), this.deliberations().map((d) => d.number)),
    };
    this.openDialog(
      this.dialog.open<DeliberationDialog, DeliberationDialogData, GovernanceDialogResult>(DeliberationDialog, { data, width: '720px', maxWidth: '95vw' }).afterClosed(),
      'Délibération enregistrée.',
    );
  }

  protected editDeliverable(deliverable: Deliverable | null): void {
    this.openDialog(
      this.dialog.open<DeliverableDialog, DeliverableDialogData, GovernanceDialogResult>(DeliverableDialog, { data: { deliverable }, width: '640px', maxWidth: '95vw' }).afterClosed(),
      'Livrable enregistré.',
    );
  }

  private openDialog(closed: Observable<GovernanceDialogResult | undefined>, saved: string): void {
    const conflict = 'Cet élément a été modifié par quelqu’un d’autre entre-temps. La page a été rechargée : reprenez votre modification.';
    closed.subscribe((result) => reportEditOutcome(this.snackBar, result, { conflict, saved: () => saved }, () => this.load()));
  }

  // ---- deletions, after confirmation ----

  protected removeMember(m: GovernanceMember): void {
    this.confirmThen(
      'Supprimer le membre ?',
      `« ${m.name} » sera supprimé. Un membre qui a assisté à une séance ne peut pas l’être : renseignez plutôt sa date de fin d’adhésion.`,
      this.api.removeMember(m.id),
      'Membre supprimé.',
    );
  }

  protected removeMeeting(m: GovernanceMeeting): void {
    this.confirmThen('Supprimer la séance ?', `La séance du ${m.heldOn.split('-').reverse().join('/')} (${m.bodyName}) sera supprimée, avec sa liste de présence.`, this.api.removeMeeting(m.id), 'Séance supprimée.');
  }

  protected removeDeliberation(d: GovernanceDeliberation): void {
    this.confirmThen('Supprimer la délibération ?', `La délibération ${d.number} « ${d.title} » sera supprimée, avec son procès-verbal.`, this.api.removeDeliberation(d.id), 'Délibération supprimée.');
  }

  protected removeDeliverable(d: Deliverable): void {
    this.confirmThen('Supprimer le livrable ?', `Le livrable « ${d.title} » sera supprimé.`, this.api.removeDeliverable(d.id), 'Livrable supprimé.');
  }

  private confirmThen(title: string, message: string, request: Observable<void>, done: string): void {
    confirmAction(this.dialog, { title, message, confirmLabel: 'Supprimer', destructive: true })
      .pipe(
        filter(Boolean),
        switchMap(() => request),
      )
      // A refusal (409) is explained by the interceptor's snackbar with the server's message.
      .subscribe({ next: () => (this.snackBar.open(done, 'Fermer', { duration: 5000 }), this.load()), error: () => this.load() });
  }

  // ---- files ----

  protected uploadMinutes(d: GovernanceDeliberation, file: File): void {
    this.api.uploadMinutes(d.id, file).subscribe(() => (this.snackBar.open(`Procès-verbal de la délibération ${d.number} enregistré.`, 'Fermer', { duration: 5000 }), this.load()));
  }

  protected uploadDeliverableFile(d: Deliverable, file: File): void {
    this.api.uploadDeliverableFile(d.id, file).subscribe(() => (this.snackBar.open('Fichier du livrable enregistré.', 'Fermer', { duration: 5000 }), this.load()));
  }
}
