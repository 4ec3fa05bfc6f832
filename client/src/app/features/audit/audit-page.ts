import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuditEntry } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { provideFrenchPaginatorIntl } from '../../core/i18n/french-paginator-intl';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { AUDIT_FILTER_KEYS, AuditApi, type AuditFilters, auditCsvUrl } from './audit-api';
import { AuditEntryDialog } from './audit-entry-dialog';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { PageLoad } from '../../shared/loading/page-load';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

const toPageSize = (value: string | number | undefined): number => {
  const size = Number(value);
  return Number.isInteger(size) && size >= 1 && size <= 500 ? size : DEFAULT_PAGE_SIZE;
};
const toOffset = (value: string | number | undefined): number => {
  const offset = Number(value);
  return Number.isInteger(offset) && offset >= 0 ? offset : 0;
};

@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    IconAction,
    EmptyState,
    DatePipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  providers: [provideFrenchDatepickerIntl(), provideFrenchPaginatorIntl()],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  host: { class: 'page' },
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly actor = input<string>();
  readonly action = input<string>();
  readonly entityType = input<string>();
  readonly entityId = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly limit = input(DEFAULT_PAGE_SIZE, { transform: toPageSize });
  readonly offset = input(0, { transform: toOffset });

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly columns = ['at', 'actor', 'action', 'entityType', 'entityId', 'details'];
  protected readonly errorOf = controlErrorMessage;

  protected readonly filters = computed<AuditFilters>(() => ({
    actor: this.actor() ?? '',
    action: this.action() ?? '',
    entityType: this.entityType() ?? '',
    entityId: this.entityId() ?? '',
    from: this.from() ?? '',
    to: this.to() ?? '',
  }));
  protected readonly hasFilters = computed(() => AUDIT_FILTER_KEYS.some((key) => this.filters()[key]));
  protected readonly csvUrl = computed(() => auditCsvUrl(this.filters()));
  protected readonly pageIndex = computed(() => Math.floor(this.offset() / this.limit()));

  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly total = signal(0);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loaded = signal(false);
  protected readonly loadFailed = this.pageLoad.loadFailed;

  protected readonly form = new FormGroup({
    actor: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    entityType: new FormControl('', { nonNullable: true }),
    entityId: new FormControl('', { nonNullable: true }),
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });

  constructor() {
    // The URL is the truth: the form follows it (back button, shared link).
    effect(() => {
      const filters = this.filters();
      untracked(() =>
        this.form.reset({
          actor: filters.actor,
          action: filters.action,
          entityType: filters.entityType,
          entityId: filters.entityId,
          from: fromIsoDate(filters.from),
          to: fromIsoDate(filters.to),
        }),
      );
    });

    this.pageLoad.follow(
      toObservable(computed(() => ({ filters: this.filters(), limit: this.limit(), offset: this.offset() }))),
      ({ filters, limit, offset }) => this.api.list(filters, limit, offset),
      (page) => {
        this.entries.set(page.items);
        this.total.set(page.total);
        this.loaded.set(true);
      },
    );
  }

  protected applyFilters(): void {
    const value = this.form.getRawValue();
    const from = value.from ? toIsoDate(value.from) : '';
    const to = value.to ? toIsoDate(value.to) : '';
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (from && to && to < from) {
      this.form.controls.to.setErrors({ server: 'La date de fin doit suivre la date de début.' });
      this.form.controls.to.markAsTouched();
      return;
    }
    this.navigate({ ...value, from, to }, this.limit(), 0);
  }

  protected clearFilters(): void {
    this.navigate({}, this.limit(), 0);
  }

  protected onPage(event: PageEvent): void {
    this.navigate(this.filters(), event.pageSize, event.pageIndex * event.pageSize);
  }

  protected showDetails(entry: AuditEntry): void {
    this.dialog.open(AuditEntryDialog, { data: entry, width: '960px', maxWidth: '95vw' });
  }

  private navigate(filters: AuditFilters, limit: number, offset: number): void {
    const queryParams: Record<string, string | number> = {};
    for (const key of AUDIT_FILTER_KEYS) {
      const value = filters[key]?.trim();
      if (value) queryParams[key] = value;
    }
    if (limit !== DEFAULT_PAGE_SIZE) queryParams['limit'] = limit;
    if (offset > 0) queryParams['offset'] = offset;
    void this.router.navigate([], { relativeTo: this.route, queryParams });
  }
}
