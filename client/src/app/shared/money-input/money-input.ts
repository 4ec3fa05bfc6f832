import { Directive, ElementRef, booleanAttribute, effect, forwardRef, inject, input } from '@angular/core';
import {
  type AbstractControl,
  type ControlValueAccessor,
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  type ValidationErrors,
  type Validator,
} from '@angular/forms';
import { formatEuros, parseEuros } from '@cn2r/shared';
import { controlErrorMessage } from '../forms/control-error-message';

/** The largest amount the API accepts (the shared schemas’ limit): 10 milliards d’euros. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

export const NEGATIVE_MESSAGE = 'Montant négatif non accepté ici.';

/**
 * An amount in euros typed as a French user types it, for a `matInput`:
 * `<input matInput appMoneyInput formControlName="amountCents" />`. The control’s value is an
 * integer number of cents (or null when the field is empty); the text accepts `1 234,56`,
 * `1234.5`, `1 234 €`, `-12,50` (only with `allowNegative`), and is shown in fr-FR
 * (`1 234,56 €`) once the field loses focus. Its errors, `{ money: message }` in French: text that
 * is not an amount, more than two decimals, a negative amount when not allowed, below `minCents`
 * or above `maxCents` (by default the API’s limit). Show them with `moneyErrorMessage`.
 */
@Directive({
  selector: 'input[appMoneyInput]',
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => MoneyInput), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => MoneyInput), multi: true },
  ],
  host: {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    '(input)': 'onInput()',
    '(blur)': 'onBlur()',
  },
})
export class MoneyInput implements ControlValueAccessor, Validator {
  private readonly element = inject<ElementRef<HTMLInputElement>>(ElementRef).nativeElement;

  /** Accept amounts below zero (a decision’s entry that removes credits). */
  readonly allowNegative = input(false, { transform: booleanAttribute });
  /** The smallest amount accepted, in cents (1 for a strictly positive amount). */
  readonly minCents = input<number | null>(null);
  /** The largest amount accepted, in cents. */
  readonly maxCents = input<number | null>(MAX_AMOUNT_CENTS);

  private cents: number | null = null;
  /** Why the text is not an amount, or null when it is one (or empty). */
  private parseError: string | null = null;
  private onChange: (cents: number | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;
  private onValidatorChange: () => void = () => undefined;

  constructor() {
    effect(() => {
      // Re-validate when the limits change.
      this.allowNegative();
      this.minCents();
      this.maxCents();
      this.onValidatorChange();
    });
  }

  writeValue(cents: number | null | undefined): void {
    this.cents = typeof cents === 'number' && Number.isSafeInteger(cents) ? cents : null;
    this.parseError = null;
    this.element.value = this.cents === null ? '' : formatEuros(this.cents);
  }

  registerOnChange(fn: (cents: number | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  registerOnValidatorChange(fn: () => void): void {
    this.onValidatorChange = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.element.disabled = disabled;
  }

  validate(_control: AbstractControl): ValidationErrors | null {
    if (this.parseError) return { money: this.parseError };
    if (this.cents === null) return null;
    if (this.cents < 0 && !this.allowNegative()) return { money: NEGATIVE_MESSAGE };
    const min = this.minCents();
    if (min !== null && this.cents < min) return { money: `Le montant doit être d’au moins ${formatEuros(min)}.` };
    const max = this.maxCents();
    if (max !== null && this.cents > max) return { money: `Montant hors limites : au plus ${formatEuros(max)}.` };
    if (this.allowNegative() && max !== null && this.cents < -max) return { money: `Montant hors limites : au moins ${formatEuros(-max)}.` };
    return null;
  }

  protected onInput(): void {
    const text = this.element.value;
    if (text.trim() === '') {
      this.cents = null;
      this.parseError = null;
    } else {
      const parsed = parseEuros(text);
      this.cents = parsed.ok ? parsed.cents : null;
      this.parseError = parsed.ok ? null : parsed.message;
    }
    this.onChange(this.cents);
  }

  protected onBlur(): void {
    if (this.cents !== null && !this.parseError) this.element.value = formatEuros(this.cents);
    this.onTouched();
  }
}

/** The French message of an amount field: the money input’s own, else the usual validators’. */
export function moneyErrorMessage(control: AbstractControl | null, custom: Record<string, string> = {}): string | null {
  const errors = control?.errors;
  if (typeof errors?.['server'] === 'string') return errors['server'];
  if (typeof errors?.['money'] === 'string') return errors['money'];
  return controlErrorMessage(control, custom);
}
