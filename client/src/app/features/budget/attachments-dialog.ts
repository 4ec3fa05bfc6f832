import { DatePipe } from '@angular/common';
import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, type ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentUploadQuery,
  type AttachmentEntityType,
  type AttachmentMediaType,
  type BudgetAttachment,
  WithdrawAttachment,
} from '@cn2r/shared';
import { EMPTY, catchError, filter, finalize, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { fileSizeText } from '../collection-import/imported-value';
import { BudgetFilesApi, attachmentTypeOf, attachmentUrl, isAttachmentType } from './budget-files-api';

export interface AttachmentsDialogData {
  readonly entityType: AttachmentEntityType;
  readonly entityId: number;
  /** The entry in words, with its preposition: « de l’engagement BC-12 », « du paiement F-3 », « de la décision BI ». */
  readonly ofEntry: string;
  /** Finance and administrators, in an open year: add and withdraw. */
  readonly writable: boolean;
}

const TYPE_LABELS: Record<AttachmentMediaType, string> = { 'application/pdf': 'PDF', 'image/png': 'Image PNG', 'image/jpeg': 'Image JPEG' };

let nextId = 0;

/**
 * The supporting documents (pièces justificatives) of a commitment, a payment or a decision:
 * listed with their SHA-256 and downloadable by all who read the budget; added (PDF, PNG, JPEG,
 * 5 MB at most, checked here before sending) and withdrawn with a reason by finance and
 * administrators in an open year. Nothing is deleted: a withdrawn document stays listed.
 */
@Component({
  selector: 'app-attachments-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTableModule,
  ],
  template: `
    <h2 mat-dialog-title>Pièces justificatives {{ data.ofEntry }}</h2>
    <mat-dialog-content>
      @if (state() === 'loading') {
        <div class="loading" role="status">
          <mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Chargement des pièces justificatives" />
        </div>
      } @else if (state() === 'failed') {
        <p class="form-errors" role="alert">Les pièces justificatives n’ont pas pu être chargées.</p>
        <button mat-stroked-button type="button" (click)="load()">Réessayer</button>
      } @else {
        @if (items().length === 0) {
          <p class="help">Aucune pièce justificative.</p>
        } @else {
          <div class="table-container" tabindex="0" role="region" aria-label="Pièces justificatives">
            <table mat-table [dataSource]="items()" [attr.aria-label]="'Pièces justificatives ' + data.ofEntry">
              <ng-container matColumnDef="fileName">
                <th mat-header-cell *matHeaderCellDef scope="col">Fichier</th>
                <td mat-cell *matCellDef="let a" [class.withdrawn]="a.withdrawnAt !== null">
                  <a [href]="url(a.id)" download [attr.aria-label]="'Télécharger ' + a.fileName">{{ a.fileName }}</a>
                  @if (a.withdrawnAt !== null) {
                    <span class="withdrawal">
                      Retirée le {{ a.withdrawnAt | date: 'dd/MM/yyyy' }} par {{ who(a.withdrawnBy) }} : {{ a.withdrawalReason }}
                    </span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="mediaType">
                <th mat-header-cell *matHeaderCellDef scope="col">Type</th>
                <td mat-cell *matCellDef="let a">{{ typeLabel(a.mediaType) }}</td>
              </ng-container>
              <ng-container matColumnDef="sizeBytes">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">Taille</th>
                <td mat-cell *matCellDef="let a" class="num">{{ size(a.sizeBytes) }}</td>
              </ng-container>
              <ng-container matColumnDef="sha256">
                <th mat-header-cell *matHeaderCellDef scope="col">Empreinte SHA-256</th>
                <td mat-cell *matCellDef="let a">
                  <code class="sha" [title]="a.sha256">{{ a.sha256.slice(0, 12) }}…</code>
                </td>
              </ng-container>
              <ng-container matColumnDef="createdAt">
                <th mat-header-cell *matHeaderCellDef scope="col">Ajoutée</th>
                <td mat-cell *matCellDef="let a">le {{ a.createdAt | date: 'dd/MM/yyyy à HH:mm' }} par {{ who(a.createdBy) }}</td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
                <td mat-cell *matCellDef="let a" class="actions">
                  @if (data.writable && a.withdrawnAt === null) {
                    <button mat-button type="button" (click)="startWithdrawal(a)" [attr.aria-label]="'Retirer la pièce ' + a.fileName">Retirer</button>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
        }

        @if (withdrawing(); as target) {
          <form class="withdrawal-form" [formGroup]="withdrawalForm" (ngSubmit)="withdraw()" novalidate [attr.aria-label]="'Retrait de ' + target.fileName">
            <p class="help">
              Retirer « {{ target.fileName }} » : la pièce reste conservée et téléchargeable, marquée retirée avec son motif.
            </p>
            <mat-form-field class="full-width">
              <mat-label>Motif du retrait</mat-label>
              <textarea matInput formControlName="reason" required rows="2"></textarea>
              @if (reason.invalid) {
                <mat-error>{{ reasonError() }}</mat-error>
              }
            </mat-form-field>
            @if (withdrawalError(); as message) {
              <p class="form-errors" role="alert">{{ message }}</p>
            }
            <div class="form-actions">
              <button mat-button type="button" (click)="withdrawing.set(null)">Ne pas retirer</button>
              <button mat-flat-button type="submit" class="destructive" [disabled]="busy()">Retirer la pièce</button>
            </div>
          </form>
        }

        @if (data.writable) {
          <section class="add" [attr.aria-labelledby]="inputId + '-title'">
            <h3 [id]="inputId + '-title'">Joindre une pièce</h3>
            <label class="file-label" [for]="inputId">Fichier : PDF, image PNG ou JPEG, 5 Mo au plus</label>
            <input
              #picker
              [id]="inputId"
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              (change)="fileChosen($event)"
              [disabled]="progress() !== null"
            />
            @if (file(); as f) {
              <p class="help">{{ f.name }} ({{ size(f.size) }})</p>
            }
            @if (fileProblem(); as problem) {
              <p class="form-errors" role="alert">{{ problem }}</p>
            }
            @if (uploadError(); as message) {
              <p class="form-errors" role="alert">{{ message }}</p>
            }
            @if (progress() !== null) {
              <div role="status">
                <mat-progress-bar mode="determinate" [value]="progress() ?? 0" aria-label="Envoi du fichier" />
                <p class="help">Envoi du fichier : {{ progress() }} %</p>
              </div>
            }
            <button mat-flat-button type="button" class="upload" (click)="upload()" [disabled]="!canUpload()">
              <mat-icon>upload_file</mat-icon>
              Joindre le fichier
            </button>
          </section>
        }
        <p class="visually-hidden" role="status">{{ announcement() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Fermer</button>
    </mat-dialog-actions>
  `,
  styleUrl: './budget-dialog.scss',
  styles: `
    .loading {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
    .sha {
      font-family: monospace;
      cursor: help;
    }
    .withdrawn a {
      text-decoration: line-through;
    }
    .withdrawal {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .actions {
      text-align: right;
    }
    .add,
    .withdrawal-form {
      margin-top: 16px;
    }
    .add h3 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .file-label {
      display: block;
      margin-bottom: 4px;
      font: var(--mat-sys-body-medium);
    }
    .add input[type='file'] {
      display: block;
      margin-bottom: 8px;
    }
    .form-actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .full-width {
      width: 100%;
    }
  `,
})
export class AttachmentsDialog {
  private readonly api = inject(BudgetFilesApi);
  private readonly dialog = inject(MatDialog);
  private readonly me = inject(AuthService).user;
  protected readonly data = inject<AttachmentsDialogData>(MAT_DIALOG_DATA);

  protected readonly inputId = `attachment-file-${nextId++}`;
  protected readonly columns = ['fileName', 'mediaType', 'sizeBytes', 'sha256', 'createdAt', 'actions'];
  protected readonly url = attachmentUrl;
  protected readonly size = fileSizeText;
  protected readonly typeLabel = (type: AttachmentMediaType) => TYPE_LABELS[type];

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly items = signal<BudgetAttachment[]>([]);
  protected readonly announcement = signal('');

  protected readonly file = signal<File | null>(null);
  /** The upload's progress in percent while it runs, null otherwise. */
  protected readonly progress = signal<number | null>(null);
  protected readonly uploadError = signal<string | null>(null);
  private readonly picker = viewChild<ElementRef<HTMLInputElement>>('picker');

  protected readonly withdrawing = signal<BudgetAttachment | null>(null);
  protected readonly withdrawalForm = new FormGroup({
    reason: requiredTextControl('', 500),
  });
  protected readonly reason = this.withdrawalForm.controls.reason;
  protected readonly withdrawalError = signal<string | null>(null);
  protected readonly busy = signal(false);

  /** A chosen file the server would refuse: same rules as the server (type, extension, size, name). */
  protected readonly fileProblem = computed(() => {
    const file = this.file();
    if (!file) return null;
    const type = attachmentTypeOf(file.name);
    if (type === null || !isAttachmentType(file.type)) return `« ${file.name} » n’est ni un PDF, ni une image PNG ou JPEG.`;
    if (file.size === 0) return 'Le fichier est vide.';
    if (file.size > ATTACHMENT_MAX_BYTES) return 'Le fichier dépasse 5 Mo : réduisez sa taille (numérisation moins fine, PDF compressé).';
    const name = AttachmentUploadQuery.safeParse({ fileName: file.name });
    return name.success ? null : name.error.issues[0].message;
  });
  protected readonly canUpload = computed(() => this.file() !== null && this.fileProblem() === null && this.progress() === null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set('loading');
    this.api.attachments(this.data.entityType, this.data.entityId).subscribe({
      next: (items) => {
        this.items.set(items);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  /** « Fanny Finances (vous) » for the signed-in user, else the user's number (names are for administrators). */
  protected who(userId: number | null): string {
    if (userId === null) return 'un compte supprimé';
    const me = this.me();
    return me?.id === userId ? `${me.displayName} (vous)` : `l’utilisateur n° ${userId}`;
  }

  protected fileChosen(event: Event): void {
    this.uploadError.set(null);
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || !this.canUpload()) return;
    const type = attachmentTypeOf(file.name)!;
    const fileName = AttachmentUploadQuery.parse({ fileName: file.name }).fileName;
    this.uploadError.set(null);
    this.progress.set(0);
    this.api
      .uploadAttachment(this.data.entityType, this.data.entityId, file, fileName, type)
      .pipe(finalize(() => this.progress.set(null)))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 0);
          } else if (event.type === HttpEventType.Response && event.body) {
            const created = event.body;
            this.items.update((items) => [...items, created]);
            this.file.set(null);
            const picker = this.picker()?.nativeElement;
            if (picker) picker.value = '';
            this.announcement.set(`« ${created.fileName} » jointe.`);
          }
        },
        error: (error: unknown) => {
          if (!(error instanceof HttpErrorResponse)) throw error;
          this.uploadError.set(this.messageOf(error));
        },
      });
  }

  protected startWithdrawal(attachment: BudgetAttachment): void {
    this.reason.reset('');
    this.withdrawalError.set(null);
    this.withdrawing.set(attachment);
  }

  protected reasonError(): string {
    return this.reason.hasError('maxlength') ? 'Le motif : 500 caractères au plus.' : 'Le motif du retrait est obligatoire.';
  }

  /** The reason first, then a confirmation, then the withdrawal. */
  protected withdraw(): void {
    const target = this.withdrawing();
    if (!target || this.busy()) return;
    this.reason.markAsTouched();
    const parsed = WithdrawAttachment.safeParse({ reason: this.reason.value });
    if (this.reason.invalid || !parsed.success) {
      if (this.reason.valid) this.reason.setErrors({ required: true });
      return;
    }
    this.withdrawalError.set(null);
    confirmAction(this.dialog, {
      title: `Retirer « ${target.fileName} » ?`,
      message: `Motif : ${parsed.data.reason}. La pièce restera conservée et consultable, marquée retirée ; ce retrait ne s’annule pas.`,
      confirmLabel: 'Retirer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.busy.set(true)),
        switchMap(() =>
          this.api.withdrawAttachment(target.id, parsed.data).pipe(
            catchError((error: unknown) => {
              if (!(error instanceof HttpErrorResponse)) throw error;
              this.withdrawalError.set(this.messageOf(error));
              return EMPTY;
            }),
            finalize(() => this.busy.set(false)),
          ),
        ),
      )
      .subscribe((withdrawn) => {
        this.items.update((items) => items.map((a) => (a.id === withdrawn.id ? withdrawn : a)));
        this.withdrawing.set(null);
        this.announcement.set(`« ${withdrawn.fileName} » retirée.`);
      });
  }

  private messageOf(error: HttpErrorResponse): string {
    const apiError = toApiError(error);
    return [apiError.message, ...apiError.fields.map((f) => f.message)].join(' ');
  }
}
