import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type CheckRuleResult,
  type ConsistencyRule,
  CreateRule,
  type Indicator,
  type RuleSeverity,
  UpdateRule,
  ruleSeverityLabels,
} from '@cn2r/shared';
import { Observable, catchError, debounceTime, map, of, startWith, switchMap, tap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { changedFields } from '../../shared/forms/changed-fields';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { CatalogueApi } from './catalogue-api';

export interface RuleDialogData {
  /** null to create a rule. */
  readonly rule: ConsistencyRule | null;
}

export type RuleDialogResult =
  | { readonly outcome: 'created' | 'updated'; readonly rule: ConsistencyRule }
  | { readonly outcome: 'conflict' };

/** What the server said of the expression being typed. */
export type ExpressionCheck =
  | { readonly status: 'idle' }
  | { readonly status: 'checking'; readonly expression: string }
  | { readonly status: 'valid'; readonly expression: string; readonly references: CheckRuleResult['references'] }
  | { readonly status: 'invalid'; readonly expression: string; readonly message: string; readonly position: number | null };

/** Delay after the last keystroke before the expression is checked. */
export const CHECK_DEBOUNCE_MS = 300;

/**
 * The server's message with its position (a 0-based offset, the caret below the field shows it):
 * the parser's messages already name it (« … à la position 11. »); others get it added.
 */
export function checkErrorMessage(message: string, position: number | null): string {
  if (position === null || /\bposition\b/.test(message)) return message;
  return `${message.replace(/\.$/, '')} (position ${position}).`;
}

@Component({
  selector: 'app-rule-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    FormErrors,
  ],
  templateUrl: './rule-dialog.html',
  styleUrls: ['./catalogue-dialog.scss', './rule-dialog.scss'],
})
export class RuleDialog extends FormDialogBase<RuleDialogResult> {
  private readonly api = inject(CatalogueApi);
  protected readonly original = inject<RuleDialogData>(MAT_DIALOG_DATA).rule;

  protected readonly severities = Object.entries(ruleSeverityLabels) as [RuleSeverity, string][];
  protected readonly check = signal<ExpressionCheck>({ status: 'idle' });

  /** Indicator labels for the references; a failed load shows the codes alone. */
  private readonly indicators = toSignal(this.api.listIndicators().pipe(catchError(() => of<Indicator[]>([]))), {
    initialValue: [],
  });
  private readonly labelsByCode = computed(() => new Map(this.indicators().map((indicator) => [indicator.code, indicator.label])));

  protected readonly form = new FormGroup({
    code: new FormControl(this.original?.code ?? '', {
      nonNullable: true,
      validators: this.original ? [] : [Validators.required, Validators.pattern(/^\s*[A-Za-z][A-Za-z0-9_]{1,39}\s*$/)],
    }),
    label: requiredTextControl(this.original?.label ?? '', 300),
    expression: requiredTextControl(this.original?.expression ?? '', 500),
    severity: new FormControl<RuleSeverity>(this.original?.severity ?? 'error', { nonNullable: true }),
    message: requiredTextControl(this.original?.message ?? '', 500),
    active: new FormControl(this.original?.active ?? true, { nonNullable: true }),
  });

  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly codeMessages = {
    pattern: 'Une lettre puis de 1 à 39 lettres, chiffres ou « _ » (ex. NEW_LE_FA).',
  };

  /** The expression with a caret under the character at fault, for the eye (screen readers get the message). */
  protected readonly pointer = computed(() => {
    const check = this.check();
    if (check.status !== 'invalid' || check.position === null) return null;
    return { expression: check.expression, caret: `${' '.repeat(Math.min(check.position, check.expression.length))}^` };
  });

  protected readonly references = computed(() => {
    const check = this.check();
    return check.status === 'valid' ? check.references : [];
  });

  constructor() {
    super();
    const expression = this.form.controls.expression;
    expression.valueChanges
      .pipe(
        startWith(expression.value),
        map((value) => value.trim()),
        tap((value) => this.check.set(value ? { status: 'checking', expression: value } : { status: 'idle' })),
        debounceTime(CHECK_DEBOUNCE_MS),
        switchMap((value) => (value ? this.checkExpression(value) : of<ExpressionCheck>({ status: 'idle' }))),
        takeUntilDestroyed(),
      )
      .subscribe((check) => {
        // A late answer for an expression since retyped is of no use.
        if (check.status !== 'idle' && check.expression !== expression.value.trim()) return;
        this.check.set(check);
        if (check.status === 'invalid') {
          expression.setErrors({ ...(expression.errors ?? {}), server: checkErrorMessage(check.message, check.position) });
          expression.markAsTouched();
        }
      });
  }

  private checkExpression(expression: string): Observable<ExpressionCheck> {
    return this.api.checkRule(expression).pipe(
      map((result): ExpressionCheck =>
        result.valid
          ? { status: 'valid', expression, references: result.references }
          : { status: 'invalid', expression, message: result.message ?? 'Expression invalide.', position: result.position },
      ),
      catchError((response: unknown) =>
        of<ExpressionCheck>({
          status: 'invalid',
          expression,
          message: response instanceof HttpErrorResponse ? toApiError(response).message : 'La vérification a échoué.',
          position: null,
        }),
      ),
    );
  }

  protected referenceLabel(reference: { code: string; option?: string }): string {
    return this.labelsByCode().get(reference.code) ?? '';
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();

    if (!this.original) {
      const body = this.parse(CreateRule, value);
      if (!body) return;
      this.save(this.api.createRule(body), (rule) => ({ outcome: 'created', rule }));
      return;
    }

    const changes = changedFields(this.original, {
      label: value.label.trim(),
      expression: value.expression.trim(),
      severity: value.severity,
      message: value.message.trim(),
      active: value.active,
    });
    if (this.closeIfUnchanged(changes)) return;
    const body = this.parse(UpdateRule, { ...changes, active: value.active, version: this.original.version });
    if (!body) return;
    this.save(this.api.updateRule(this.original.id, body), (rule) => ({ outcome: 'updated', rule }));
  }
}
