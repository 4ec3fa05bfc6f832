import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputModule } from '@angular/material/input';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideTestApp } from '../../../testing/test-providers';
import { MoneyInput, NEGATIVE_MESSAGE, moneyErrorMessage } from './money-input';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MoneyInput],
  template: `
    <mat-form-field>
      <mat-label>Montant</mat-label>
      <input matInput appMoneyInput [formControl]="amount" [allowNegative]="negative()" [minCents]="min()" [maxCents]="max()" />
      @if (amount.invalid) {
        <mat-error>{{ errorOf(amount) }}</mat-error>
      }
    </mat-form-field>
  `,
})
class Host {
  readonly amount = new FormControl<number | null>(null, { validators: [Validators.required] });
  readonly negative = signal(false);
  readonly min = signal<number | null>(null);
  readonly max = signal<number | null>(1_000_000_000_000);
  protected readonly errorOf = moneyErrorMessage;
}

const NBSP = '\u00A0';

describe('MoneyInput', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let loader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideTestApp()] });
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  const field = () => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Montant' }));
  const input = () => loader.getHarness(MatInputHarness);
  /** Types the text (the harness clears the field first), without leaving it. */
  const type = async (text: string) => {
    const harness = await input();
    await harness.setValue(text);
    await fixture.whenStable();
  };
  const errors = async () => {
    host.amount.markAsTouched();
    fixture.detectChanges();
    await fixture.whenStable();
    return (await field()).getTextErrors();
  };

  describe('reads French input as integer cents', () => {
    const accepted: [string, number][] = [
      ['1 234,56', 123_456],
      ['1234.5', 123_450],
      ['1234,5', 123_450],
      ['1 234 €', 123_400],
      ['1 234,56 €', 123_456],
      [`1${NBSP}234,56${NBSP}€`, 123_456],
      ['1\u202F234,56', 123_456],
      ['0,01', 1],
      ['12', 1_200],
      ['  42,10  ', 4_210],
      ['280 000', 28_000_000],
      ['10 000 000 000', 1_000_000_000_000],
    ];
    for (const [text, cents] of accepted) {
      it(`« ${text} » → ${cents}`, async () => {
        await type(text);
        expect(host.amount.value).toBe(cents);
        expect(host.amount.errors).toBeNull();
      });
    }

    const refused: [string, string][] = [
      ['abc', 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.'],
      ['12,345', 'Deux décimales au plus : un montant se saisit au centime près (par exemple 12,35).'],
      ['1.234', 'Deux décimales au plus : un montant se saisit au centime près (par exemple 12,35).'],
      ['1.234,5', 'Un seul séparateur décimal est accepté : écrivez par exemple 1 234,56.'],
      ['12,', 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.'],
      ['1 23', 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.'],
      ['€ 12', 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.'],
      ['-12', NEGATIVE_MESSAGE],
      ['10 000 000 000,01', 'Montant hors limites : au plus 10 000 000 000,00 €.'.replace(/ /g, (_, i: number) => (i < 30 && i > 20 ? NBSP : ' '))],
    ];
    for (const [text, message] of refused) {
      it(`refuses « ${text} » with a French message`, async () => {
        await type(text);
        expect(host.amount.valid).toBeFalse();
        const shown = (await errors())[0]?.replace(/\u00A0/g, ' ');
        expect(shown).toBe(message.replace(/\u00A0/g, ' '));
      });
    }
  });

  it('yields null for invalid text, so the form never sends a wrong amount', async () => {
    await type('12,5');
    expect(host.amount.value).toBe(1_250);
    await type('12,5x');
    expect(host.amount.value).toBeNull();
    expect(host.amount.hasError('money')).toBeTrue();
  });

  it('an empty field is null and left to the required validator', async () => {
    await type('3');
    await type('');
    expect(host.amount.value).toBeNull();
    expect(await errors()).toEqual(['Ce champ est obligatoire.']);
  });

  it('shows fr-FR formatting on blur, and keeps what was typed while typing', async () => {
    await type('1234.5');
    expect(await (await input()).getValue()).toBe('1234.5');
    await (await input()).blur();
    expect(await (await input()).getValue()).toBe(`1${NBSP}234,50${NBSP}€`);
    expect(host.amount.touched).toBeTrue();
    expect(host.amount.value).toBe(123_450);
  });

  it('leaves invalid text as typed on blur, so it can be corrected', async () => {
    await type('12,345');
    await (await input()).blur();
    expect(await (await input()).getValue()).toBe('12,345');
  });

  it('shows a value set by the form in fr-FR, and an empty field for null', async () => {
    host.amount.setValue(28_000_000);
    expect(await (await input()).getValue()).toBe(`280${NBSP}000,00${NBSP}€`);
    host.amount.setValue(-125);
    expect(await (await input()).getValue()).toBe(`-1,25${NBSP}€`);
    host.amount.reset();
    expect(await (await input()).getValue()).toBe('');
  });

  it('a value written by the form clears a previous parse error', async () => {
    await type('n’importe quoi');
    expect(host.amount.hasError('money')).toBeTrue();
    host.amount.setValue(500);
    expect(host.amount.errors).toBeNull();
  });

  it('accepts negatives only when allowed, with their limit', async () => {
    host.negative.set(true);
    fixture.detectChanges();
    await type('-1 234,5');
    expect(host.amount.value).toBe(-123_450);
    expect(host.amount.errors).toBeNull();
    await type('\u22123');
    expect(host.amount.value).toBe(-300);
    await type('-10 000 000 000,01');
    expect((await errors())[0].replace(/\u00A0/g, ' ')).toBe('Montant hors limites : au moins -10 000 000 000,00 €.');
    host.negative.set(false);
    fixture.detectChanges();
    await type('-3');
    expect(await errors()).toEqual([NEGATIVE_MESSAGE]);
  });

  it('re-validates when its limits change: minimum and maximum', async () => {
    await type('0,50');
    expect(host.amount.valid).toBeTrue();
    host.min.set(100);
    fixture.detectChanges();
    await fixture.whenStable();
    expect((await errors())[0].replace(/\u00A0/g, ' ')).toBe('Le montant doit être d’au moins 1,00 €.');
    host.min.set(null);
    host.max.set(25);
    fixture.detectChanges();
    await fixture.whenStable();
    expect((await errors())[0].replace(/\u00A0/g, ' ')).toBe('Montant hors limites : au plus 0,25 €.');
  });

  it('follows the control’s disabled state and is announced as a decimal text field', async () => {
    const harness = await input();
    expect(await harness.getType()).toBe('text');
    expect(await (await harness.host()).getAttribute('inputmode')).toBe('decimal');
    host.amount.disable();
    expect(await harness.isDisabled()).toBeTrue();
    host.amount.enable();
    expect(await harness.isDisabled()).toBeFalse();
  });

  it('a server error on the field wins over the money message', () => {
    host.amount.setErrors({ money: 'x', server: 'La ligne n’a plus assez d’AE disponibles.' });
    expect(moneyErrorMessage(host.amount)).toBe('La ligne n’a plus assez d’AE disponibles.');
  });
});
