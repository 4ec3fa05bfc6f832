import { HttpErrorResponse } from '@angular/common/http';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Indicator, ValueComment, ValueHistoryEntry } from '@cn2r/shared';
import { toApiError } from '../../core/http/api-error';
import { notBlank } from '../../shared/forms/not-blank';
import { displayValue } from './cell-checks';
import { DataEntryApi } from './data-entry-api';

export interface ValueThreadDialogData {
  readonly unitId: number;
  readonly period: string;
  readonly valueId: number;
  /** « File active — 0-5 ans ». */
  readonly label: string;
  readonly valueType: Indicator['valueType'];
  readonly canComment: boolean;
  /** Tells the page, which shows the number of comments beside the field. */
  readonly commentAdded: () => void;
}

export const historyActionLabels: Record<string, string> = {
  'value.created': 'Première saisie',
  'value.updated': 'Modification',
  'value.reopened': 'Réouverture après validation',
  'value.commented': 'Commentaire',
};

/** The comment thread and the history of one value. */
@Component({
  selector: 'app-value-thread-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './value-thread-dialog.html',
  styleUrl: './value-thread-dialog.scss',
})
export class ValueThreadDialog {
  private readonly api = inject(DataEntryApi);
  protected readonly data = inject<ValueThreadDialogData>(MAT_DIALOG_DATA);

  protected readonly comments = signal<ValueComment[] | null>(null);
  protected readonly history = signal<ValueHistoryEntry[] | null>(null);
  protected readonly commentsFailed = signal(false);
  protected readonly historyFailed = signal(false);
  protected readonly posting = signal(false);
  protected readonly postError = signal<string | null>(null);

  protected readonly body = new FormControl('', { nonNullable: true, validators: [notBlank] });
  protected readonly form = new FormGroup({ body: this.body });

  constructor() {
    const { unitId, period, valueId } = this.data;
    this.api.comments(unitId, period, valueId).subscribe({
      next: (comments) => this.comments.set(comments),
      error: () => this.commentsFailed.set(true),
    });
    this.api.history(unitId, period, valueId).subscribe({
      next: (history) => this.history.set([...history].sort((a, b) => b.at.localeCompare(a.at))),
      error: () => this.historyFailed.set(true),
    });
  }

  protected actionLabel(entry: ValueHistoryEntry): string {
    return historyActionLabels[entry.action] ?? entry.action;
  }

  protected show(value: ValueHistoryEntry['before']): string {
    return displayValue(value, this.data.valueType);
  }

  protected post(): void {
    if (this.posting()) return;
    this.body.markAsTouched();
    if (this.body.invalid) return;
    this.posting.set(true);
    this.postError.set(null);
    const { unitId, period, valueId } = this.data;
    this.api.addComment(unitId, period, valueId, this.body.value.trim()).subscribe({
      next: (comment) => {
        this.posting.set(false);
        this.comments.update((list) => [...(list ?? []), comment]);
        this.form.reset();
        this.data.commentAdded();
      },
      error: (response: unknown) => {
        this.posting.set(false);
        if (response instanceof HttpErrorResponse && response.status === 422) this.postError.set(toApiError(response).message);
      },
    });
  }
}
