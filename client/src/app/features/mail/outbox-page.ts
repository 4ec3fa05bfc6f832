import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { MatChipsModule } from '@angular/material/chips';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MAIL_STATUSES, OUTBOX_PAGE_SIZE, mailKindLabels, mailStatusLabels, periodLabel, type MailStatus, type OutboxMessage } from '@cn2r/shared';
import { provideFrenchPaginatorIntl } from '../../core/i18n/french-paginator-intl';
import { EmptyState } from '../../shared/loading/empty-state';
import { PageLoad } from '../../shared/loading/page-load';
import { MailApi } from './mail-api';

/**
 * « Courriels »: every e-mail the application wrote, latest first — kept here when no SMTP server
 * is configured, else with its sending state (to send, sent, failed with the error). Each message
 * opens to its text, as the recipient reads it.
 */
@Component({
  selector: 'app-outbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyState, MatChipsModule, MatExpansionModule, MatFormFieldModule, MatPaginatorModule, MatProgressBarModule, MatSelectModule],
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
    <mat-form-field class="status-filter">
      <mat-label>État</mat-label>
      <mat-select [value]="status()" (valueChange)="filter($event)">
        <mat-option value="">Tous</mat-option>
        @for (s of statuses; track s) {
          <mat-option [value]="s">{{ statusLabels[s] }}</mat-option>
        }
      </mat-select>
    </mat-form-field>

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
          } @else {
            <p>Aucun courriel pour l’instant : l’application écrit aux centres et à la coordination à chaque étape de la relecture des saisies (transmise, renvoyée, validée, valeur rouverte).</p>
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
    .status-filter {
      width: min(100%, 280px);
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
  protected readonly statuses = MAIL_STATUSES;
  protected readonly statusLabels = mailStatusLabels;
  protected readonly kindLabels = mailKindLabels;
  protected readonly pageSize = OUTBOX_PAGE_SIZE;
  protected readonly period = periodLabel;

  protected readonly status = signal<MailStatus | ''>('');
  protected readonly page = signal(1);
  protected readonly messages = signal<OutboxMessage[] | null>(null);
  protected readonly total = signal(0);
  protected readonly smtp = signal<boolean | null>(null);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  constructor() {
    this.pageLoad.follow(
      toObservable(computed(() => ({ status: this.status(), page: this.page() }))),
      ({ status, page }) => this.api.outbox(status, page),
      (answer) => {
        this.messages.set(answer.items);
        this.total.set(answer.total);
        this.smtp.set(answer.smtp);
      },
    );
  }

  protected filter(status: MailStatus | ''): void {
    this.status.set(status);
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }
}
