import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type ReportKind, type ReportNarrative, formatInstantFr } from '@cn2r/shared';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { ReportsApi } from './reports-api';

let nextId = 0;

/** The text of one section of a report for a year: a textarea and its « Enregistrer » button (with the version read). */
@Component({
  selector: 'app-narrative-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <mat-form-field class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <textarea matInput [formControl]="text" rows="3" [attr.aria-describedby]="statusId"></textarea>
      @if (text.invalid) {
        <mat-error>20 000 caractères au plus.</mat-error>
      }
    </mat-form-field>
    <div class="actions">
      <span class="status" [id]="statusId" role="status">{{ status() }}</span>
      <button mat-stroked-button type="button" (click)="save()" [disabled]="saving() || !dirty()">Enregistrer « {{ label() }} »</button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .full-width {
      width: 100%;
    }
    .actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 12px;
      margin: -8px 0 12px;
    }
    .status {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NarrativeEditor {
  private readonly api = inject(ReportsApi);

  readonly year = input.required<number>();
  readonly report = input.required<ReportKind>();
  readonly section = input.required<string>();
  readonly label = input.required<string>();
  readonly narrative = input<ReportNarrative | undefined>();
  /** Emits the saved text, or undefined when it must be reloaded (changed by someone else). */
  readonly saved = output<ReportNarrative | undefined>();

  protected readonly statusId = `narrative-status-${nextId++}`;
  protected readonly text = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(20_000)] });
  protected readonly saving = signal(false);
  private readonly value = signal('');
  private readonly message = signal<string | null>(null);
  protected readonly dirty = computed(() => this.value() !== (this.narrative()?.body ?? ''));
  protected readonly status = computed(() => {
    if (this.message()) return this.message();
    const n = this.narrative();
    if (this.dirty()) return 'Modifications non enregistrées';
    return n ? `Enregistré${n.updatedBy ? ` par ${n.updatedBy}` : ''} le ${formatInstantFr(n.updatedAt, { timeZone: 'local' })}` : 'Aucun texte';
  });

  constructor() {
    this.text.valueChanges.subscribe((v) => {
      this.value.set(v);
      this.message.set(null);
    });
    effect(() => {
      const body = this.narrative()?.body ?? '';
      this.text.setValue(body, { emitEvent: false });
      this.value.set(body);
    });
  }

  protected save(): void {
    if (this.text.invalid || this.saving()) return;
    this.saving.set(true);
    this.api.saveNarrative(this.year(), this.report(), this.section(), { body: this.text.value, version: this.narrative()?.version }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.saved.emit(saved);
      },
      error: (response: unknown) => {
        this.saving.set(false);
        if (response instanceof HttpErrorResponse && isStaleVersion(toApiError(response))) {
          this.message.set('Ce texte a été modifié par quelqu’un d’autre entre-temps : il a été rechargé, refaites votre modification.');
          this.saved.emit(undefined);
        }
      },
    });
  }
}
