import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { MatChipsModule } from '@angular/material/chips';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { MAIL_STATUSES, OUTBOX_PAGE_SIZE, formatDateFr, mailKindLabels, mailStatusLabels, periodLabel, type MailKind, type MailSchedule, type MailStatus, type OutboxMessage, type Unit } from '@cn2r/shared';
import { provideFrenchPaginatorIntl } from '../../core/i18n/french-paginator-intl';
import { EmptyState } from '../../shared/loading/empty-state';
import { PageLoad } from '../../shared/loading/page-load';
import { MailApi } from './mail-api';

/**
 * « Courriels »: every e-mail the application wrote, latest first — kept here when no SMTP server
 * is configured, else with its sending state (to send, sent, failed with the error). Each message
 * opens to its text, as the recipient reads it. Filtered by unit (`?unitId=`, the completeness
 * page's late units link here), with the unit's next reminders of the coming 30 days.
 */
@Component({
  selector: 'app-outbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyState, MatChipsModule, MatExpansionModule, MatFormFieldModule, MatPaginatorModule, MatProgressBarModule, MatSelectModule, MatTableModule],
  providers: [provideFrenchPaginatorIntl()],
  host: { class: 'page' },
  template: `
    <div class="page-header">
      <h1>Courriels</h1>
    </div>
    @if (smtp() !== null) {
      <p class="mode" role="note">
        @if (smtp()) {
          Les courriels partent par le serveur SMTP configuré (SMTP_URL) ; un envoi refusé est retenté plusieurs fois, puis marqué en échec avec l’erreur.
        } @else {
          Aucun serveur SMTP n’est configuré (SMTP_URL) : les courriels restent ici, dans la boîte d’envoi de l’application, et ne partent pas.
        }
      </p>
    }
    <div class="filters">
      <mat-form-field class="status-filter">
        <mat-label>Centre</mat-label>
        <mat-select [value]="unit()" (valueChange)="filterUnit($event)">
          <mat-option [value]="null">Tous les centres</mat-option>
          @for (u of units(); track u.id) {
            <mat-option [value]="u.id">{{ u.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field class="status-filter">
        <mat-label>État</mat-label>
        <mat-select [value]="status()" (valueChange)="filter($event)">
          <mat-option value="">Tous</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ statusLabels[s] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>

    <section class="schedule" aria-labelledby="prochaines-relances">
      <h2 id="prochaines-relances">Prochaines relances</h2>
      @if (scheduleLoad.loadFailed()) {
        <p role="alert">Les prochaines relances n’ont pas pu être calculées. Rechargez la page.</p>
      } @else if (schedule(); as plan) {
        <p class="hint">
          Du {{ day(plan.from) }} au {{ day(plan.to) }}, écrites chaque matin à partir de 8 h si la saisie n’est pas transmise d’ici là : ouverture de la période, échéance dans 7 jours et
          la veille, puis retard le lendemain de l’échéance et chaque semaine (copie à la coordination dès la deuxième).
        </p>
        @if (plan.items.length === 0) {
          <p>Aucune relance prévue dans les 30 prochains jours{{ unitName() ? ' pour ' + unitName() : '' }}.</p>
        } @else {
          <table mat-table [dataSource]="plan.items" class="schedule-table">
            <caption class="visually-hidden">Relances prévues{{ unitName() ? ' pour ' + unitName() : '' }}</caption>
            <ng-container matColumnDef="date">
              <th mat-header-cell *matHeaderCellDef scope="col">Date</th>
              <td mat-cell *matCellDef="let r">{{ day(r.date) }}</td>
            </ng-container>
            <ng-container matColumnDef="unit">
              <th mat-header-cell *matHeaderCellDef scope="col">Centre</th>
              <td mat-cell *matCellDef="let r">{{ r.unit.name }}</td>
            </ng-container>
            <ng-container matColumnDef="period">
              <th mat-header-cell *matHeaderCellDef scope="col">Période</th>
              <td mat-cell *matCellDef="let r">{{ period(r.period) }} (échéance {{ day(r.dueOn) }})</td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef scope="col">Courriel</th>
              <td mat-cell *matCellDef="let r">{{ kindLabel(r.kind) }}</td>
            </ng-container>
            <ng-container matColumnDef="recipients">
              <th mat-header-cell *matHeaderCellDef scope="col" class="number">Destinataires</th>
              <td mat-cell *matCellDef="let r" class="number">{{ r.recipients }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="scheduleColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: scheduleColumns"></tr>
          </table>
        }
      }
    </section>

    <h2 class="history-title">Courriels écrits</h2>

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Chargement des courriels" />
    }
    @if (loadFailed()) {
      <app-empty-state icon="cloud_off"><p>Les courriels n’ont pas pu être chargés. Rechargez la page.</p></app-empty-state>
    } @else if (messages(); as list) {
      @if (list.length === 0) {
        <app-empty-state icon="mail">
          @if (status()) {
            <p>Aucun courriel dans cet état. Choisissez « Tous ».</p>
          } @else if (unit()) {
            <p>Aucun courriel écrit pour ce centre.</p>
          } @else {
            <p>Aucun courriel pour l’instant : l’application écrit aux centres, à la coordination et au bureau à chaque étape de la relecture des saisies, pour les relances de la collecte, les rapports annuels, les mots de passe oubliés et les invitations.</p>
          }
        </app-empty-state>
      } @else {
        <mat-accordion class="messages" displayMode="flat" multi>
          @for (m of list; track m.id) {
            <mat-expansion-panel>
              <mat-expansion-panel-header collapsedHeight="auto" expandedHeight="auto">
                <div class="summary">
                  <span class="subject">{{ m.subject }}</span>
                  <span class="meta">
                    <span [class]="'status status-' + m.status">{{ statusLabels[m.status] }}</span>
                    {{ m.createdAt | date: 'dd/MM/yyyy HH:mm' }} · {{ m.to }}
                  </span>
                </div>
              </mat-expansion-panel-header>
              <dl class="facts">
                <dt>Objet</dt>
                <dd>{{ kindLabels[m.kind] }}@if (m.unit) { — {{ m.unit.name }}}@if (m.period) { — {{ period(m.period) }}}</dd>
                <dt>Destinataire</dt>
                <dd>{{ m.to }}</dd>
                @if (m.sentAt) {
                  <dt>Envoyé le</dt>
                  <dd>{{ m.sentAt | date: 'dd/MM/yyyy HH:mm:ss' }}</dd>
                }
                @if (m.attempts > 0 && m.status !== 'sent') {
                  <dt>Tentatives</dt>
                  <dd>{{ m.attempts }}@if (m.nextAttemptAt && m.status === 'pending') {, nouvelle tentative après {{ m.nextAttemptAt | date: 'dd/MM/yyyy HH:mm' }}}</dd>
                }
                @if (m.lastError) {
                  <dt>Dernière erreur</dt>
                  <dd class="error">{{ m.lastError }}</dd>
                }
              </dl>
              <pre class="body" [attr.aria-label]="'Texte du courriel ' + m.id">{{ m.text }}</pre>
            </mat-expansion-panel>
          }
        </mat-accordion>
        <mat-paginator [length]="total()" [pageSize]="pageSize" [pageIndex]="page() - 1" [hidePageSize]="true" showFirstLastButtons aria-label="Pagination des courriels" (page)="onPage($event)" />
      }
    }
  `,
  styles: `
    .mode {
      max-width: 72ch;
      padding: 8px 12px;
      border-left: 4px solid var(--mat-sys-outline);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .status-filter {
      width: min(100%, 280px);
    }
    .schedule {
      margin-bottom: 24px;
    }
    .schedule-table {
      max-width: 960px;
    }
    .number {
      text-align: end;
    }
    .messages {
      display: block;
      margin-bottom: 8px;
    }
    mat-expansion-panel-header {
      padding-top: 12px;
      padding-bottom: 12px;
    }
    .summary {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
      padding-right: 8px;
    }
    .subject {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .status {
      display: inline-block;
      margin-right: 8px;
      padding: 0 8px;
      border-radius: 12px;
      font-size: 0.85em;
      background: var(--mat-sys-surface-container-high);
    }
    .status-failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .status-sent {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 12px;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font-family: inherit;
      margin: 0;
      padding: 12px;
      background: var(--mat-sys-surface-container-low);
    }
  `,
})
export class OutboxPage {
  private readonly api = inject(MailApi);
  private readonly router = inject(Router);
  protected readonly statuses = MAIL_STATUSES;
  protected readonly statusLabels = mailStatusLabels;
  protected readonly kindLabels = mailKindLabels;
  protected readonly pageSize = OUTBOX_PAGE_SIZE;
  protected readonly period = periodLabel;
  protected readonly day = formatDateFr;
  protected readonly kindLabel = (kind: MailKind) => mailKindLabels[kind];
  protected readonly scheduleColumns = ['date', 'unit', 'period', 'kind', 'recipients'];

  /** `?unitId=` (the completeness page's late units link here). */
  readonly unitId = input<string | undefined>();
  protected readonly unit = linkedSignal<number | null>(() => {
    const id = Number(this.unitId());
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  protected readonly units = signal<Unit[]>([]);
  protected readonly unitName = computed(() => this.units().find((u) => u.id === this.unit())?.name ?? null);
  protected readonly status = signal<MailStatus | ''>('');
  protected readonly page = signal(1);
  protected readonly messages = signal<OutboxMessage[] | null>(null);
  protected readonly total = signal(0);
  protected readonly smtp = signal<boolean | null>(null);
  protected readonly schedule = signal<MailSchedule | null>(null);
  private readonly pageLoad = new PageLoad();
  protected readonly scheduleLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  constructor() {
    this.api.units().subscribe({ next: (units) => this.units.set(units), error: () => this.units.set([]) });
    this.pageLoad.follow(
      toObservable(computed(() => ({ status: this.status(), page: this.page(), unit: this.unit() }))),
      ({ status, page, unit }) => this.api.outbox(status, page, unit),
      (answer) => {
        this.messages.set(answer.items);
        this.total.set(answer.total);
        this.smtp.set(answer.smtp);
      },
    );
    this.scheduleLoad.follow(
      toObservable(this.unit),
      (unit) => this.api.schedule(unit),
      (answer) => this.schedule.set(answer),
    );
  }

  protected filter(status: MailStatus | ''): void {
    this.status.set(status);
    this.page.set(1);
  }

  protected filterUnit(unit: number | null): void {
    this.unit.set(unit);
    this.page.set(1);
    void this.router.navigate([], { queryParams: { unitId: unit }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }
}
