import { ChangeDetectionStrategy, Component, computed, inject, input, numberAttribute, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { periodLabel, type CollectionImportProblem, type CollectionImportResult, type Unit } from '@cn2r/shared';
import { EMPTY, catchError, filter, finalize, of, switchMap, tap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { CollectionImportApi, MAX_UPLOAD_BYTES, templateUrl, uploadTypeOf } from './collection-import-api';
import { ImportConfirmDialog, type ImportConfirmData } from './import-confirm-dialog';
import { countText, fileSizeText, importedValueText } from './imported-value';
import { type TextColumn, TextTable } from '../../shared/table/text-table';

type Busy = 'checking' | 'importing' | null;

/**
 * A unit's campaign filled in a spreadsheet: download the Excel template, choose the filled file
 * (or a CSV), check it (dry run: the changes old → new and the problems by location, nothing
 * written), then import all the changes at once after a confirmation.
 */
@Component({
  selector: 'app-collection-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TextTable, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule],
  templateUrl: './collection-import-page.html',
  styleUrl: './collection-import-page.scss',
  host: { class: 'page' },
})
export class CollectionImportPage {
  private readonly api = inject(CollectionImportApi);
  private readonly dialog = inject(MatDialog);

  /** Route parameters (withComponentInputBinding). */
  readonly unitId = input.required({ transform: numberAttribute });
  readonly year = input.required({ transform: numberAttribute });

  protected readonly unit = signal<Unit | null>(null);
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal<Busy>(null);
  /** The dry run of the chosen file. */
  protected readonly check = signal<CollectionImportResult | null>(null);
  /** The confirmed import. */
  protected readonly done = signal<CollectionImportResult | null>(null);
  /** Why the file as a whole was refused, and the located problems that came with it. */
  protected readonly refusal = signal<{ message: string; problems: CollectionImportProblem[] } | null>(null);

  protected readonly templateUrl = computed(() => templateUrl(this.unitId(), this.year()));
  protected readonly unitName = computed(() => this.unit()?.name ?? `centre n° ${this.unitId()}`);
  /** A chosen file that cannot be sent: wrong extension, empty, too big. */
  protected readonly fileProblem = computed(() => {
    const file = this.file();
    if (!file) return null;
    if (uploadTypeOf(file.name) === null) return `« ${file.name} » n’est ni un classeur .xlsx ni un fichier .csv.`;
    if (file.size === 0) return 'Le fichier est vide.';
    if (file.size > MAX_UPLOAD_BYTES) return `Fichier trop volumineux (${fileSizeText(file.size)}) : 5 Mo au plus.`;
    return null;
  });
  protected readonly canCheck = computed(() => this.file() !== null && this.fileProblem() === null && this.busy() === null);
  protected readonly canImport = computed(() => {
    const check = this.check();
    return check !== null && check.problems.length === 0 && check.changes.length > 0 && this.busy() === null;
  });
  protected readonly changeColumns = ['period', 'indicator', 'before', 'after'];
  protected readonly problemColumns: TextColumn<CollectionImportProblem>[] = [
    { id: 'location', header: 'Emplacement', cell: (p) => p.location },
    { id: 'message', header: 'Problème', cell: (p) => p.message },
  ];

  protected readonly periodLabel = periodLabel;
  protected readonly valueText = importedValueText;
  protected readonly sizeText = fileSizeText;
  protected readonly countText = countText;

  constructor() {
    toObservable(this.unitId)
      .pipe(
        switchMap((id) => this.api.unit(id).pipe(catchError(() => of(null)))),
        takeUntilDestroyed(),
      )
      .subscribe((unit) => this.unit.set(unit));
  }

  protected fileChosen(event: Event): void {
    const picker = event.target as HTMLInputElement;
    this.choose(picker.files?.[0] ?? null);
    // The same file can be chosen again after it was corrected.
    picker.value = '';
  }

  /** A new file: what was checked before no longer holds. */
  choose(file: File | null): void {
    this.check.set(null);
    this.done.set(null);
    this.refusal.set(null);
    this.file.set(file);
  }

  protected verify(): void {
    const file = this.file();
    if (!file || !this.canCheck()) return;
    this.busy.set('checking');
    this.refusal.set(null);
    this.check.set(null);
    this.api
      .importFile(this.unitId(), this.year(), file, true)
      .pipe(
        catchError((error: unknown) => this.refused(error)),
        finalize(() => this.busy.set(null)),
      )
      .subscribe((result) => this.check.set(result));
  }

  protected confirmImport(): void {
    const file = this.file();
    const check = this.check();
    if (!file || !check || !this.canImport()) return;
    const data: ImportConfirmData = { changes: check.changes.length, fileName: file.name, unitName: this.unitName(), year: this.year() };
    this.dialog
      .open<ImportConfirmDialog, ImportConfirmData, boolean>(ImportConfirmDialog, { data, autoFocus: 'dialog' })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        tap(() => this.busy.set('importing')),
        switchMap(() =>
          this.api.importFile(this.unitId(), this.year(), file, false).pipe(
            catchError((error: unknown) => this.refused(error)),
            finalize(() => this.busy.set(null)),
          ),
        ),
      )
      .subscribe((result) => {
        this.done.set(result);
        this.check.set(null);
        this.file.set(null);
      });
  }

  /** A refused file, or problems found at confirmation (the data changed since the check): shown on the page. */
  private refused(error: unknown) {
    if (error instanceof HttpErrorResponse) {
      const apiError = toApiError(error);
      this.check.set(null);
      this.refusal.set({ message: apiError.message, problems: apiError.fields.map((f) => ({ location: f.path, message: f.message })) });
    }
    return EMPTY;
  }
}
