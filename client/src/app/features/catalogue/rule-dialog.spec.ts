import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { ConsistencyRule } from '@cn2r/shared';
import { openDialog } from '../../../testing/dialog-testing';
import { aRule, anIndicator } from './catalogue-fixtures.spec';
import { CHECK_DEBOUNCE_MS, RuleDialog, type RuleDialogData, checkErrorMessage } from './rule-dialog';

const settle = () => new Promise((resolve) => setTimeout(resolve, CHECK_DEBOUNCE_MS + 50));

describe('RuleDialog', () => {
  let fixture: ComponentFixture<RuleDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(rule: ConsistencyRule | null) {
    ({ fixture, loader, backend, close } = await openDialog(RuleDialog, { rule } satisfies RuleDialogData));
    backend
      .expectOne((req) => req.method === 'GET' && req.url === '/api/indicators')
      .flush([anIndicator(), anIndicator({ id: 2, code: 'ACT_NEW', label: 'Nouveaux patients' })]);
    await fixture.whenStable();
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const text = (selector: string) => (fixture.nativeElement.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const expectCheck = (expression: string) => {
    const request = backend.expectOne({ method: 'POST', url: '/api/rules/check' });
    expect(request.request.body).toEqual({ expression });
    return request;
  };

  afterEach(() => backend.verify());

  it('checks the expression as the admin types and shows the error with its position', async () => {
    await open(null);
    await (await input('expression')).setValue('ACT_NEW <= ACT_FAX');
    expect(text('.check')).toBe('Vérification de l’expression…');
    await settle();
    expectCheck('ACT_NEW <= ACT_FAX').flush({
      valid: false,
      message: 'L’indicateur « ACT_FAX » n’existe pas dans le catalogue (position 11).',
      position: 11,
      references: [{ code: 'ACT_NEW' }, { code: 'ACT_FAX' }],
    });
    await fixture.whenStable();
    expect(await (await field('Expression')).getTextErrors()).toEqual([
      'L’indicateur « ACT_FAX » n’existe pas dans le catalogue (position 11).',
    ]);
    // The caret sits under the character at fault.
    const pointer = (fixture.nativeElement.querySelector('.pointer') as HTMLElement).textContent!.split('\n');
    expect(pointer).toEqual(['ACT_NEW <= ACT_FAX', '           ^']);
  });

  it('says the expression is valid and names the indicators it refers to', async () => {
    await open(null);
    await (await input('expression')).setValue('  ACT_NEW <= ACT_FA[18+]  ');
    await settle();
    expectCheck('ACT_NEW <= ACT_FA[18+]').flush({
      valid: true,
      message: null,
      position: null,
      references: [{ code: 'ACT_NEW' }, { code: 'ACT_FA', option: '18+' }],
    });
    await fixture.whenStable();
    expect(text('.check-ok')).toBe('check_circle Expression valide.');
    expect([...fixture.nativeElement.querySelectorAll('.references li')].map((li: HTMLElement) => li.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'ACT_NEW — Nouveaux patients',
      'ACT_FA[18+] — File active',
    ]);
    expect(await (await field('Expression')).getTextErrors()).toEqual([]);
    expect(fixture.nativeElement.querySelector('.pointer')).toBeNull();
  });

  it('checks only once the typing pauses, and ignores an answer for an expression since retyped', async () => {
    await open(null);
    const expression = await input('expression');
    await expression.setValue('ACT_NEW <');
    await expression.setValue('ACT_NEW < 3');
    await settle();
    const request = expectCheck('ACT_NEW < 3');
    await expression.setValue('ACT_NEW < 3 and');
    request.flush({ valid: false, message: 'Règle incomplète.', position: 11, references: [] });
    await fixture.whenStable();
    expect(await (await field('Expression')).getTextErrors()).toEqual([]);
    await settle();
    expectCheck('ACT_NEW < 3 and').flush({ valid: false, message: 'Règle incomplète : valeur attendue.', position: 15, references: [] });
    await fixture.whenStable();
    expect(await (await field('Expression')).getTextErrors()).toEqual(['Règle incomplète : valeur attendue (position 15).']);
  });

  it('creates a rule with the severity chosen', async () => {
    await open(null);
    await (await input('code')).setValue('new_le_fa');
    await (await input('label')).setValue('Nouveaux patients et file active');
    await (await input('expression')).setValue('ACT_NEW <= ACT_FA');
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=severity]' }))).clickOptions({
      text: 'Avertissement (explication demandée)',
    });
    await (await input('message')).setValue('Plus de nouveaux patients que de patients suivis : expliquez.');
    await settle();
    expectCheck('ACT_NEW <= ACT_FA').flush({ valid: true, message: null, position: null, references: [] });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Créer la règle' }))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/rules' });
    expect(request.request.body).toEqual({
      code: 'NEW_LE_FA',
      label: 'Nouveaux patients et file active',
      expression: 'ACT_NEW <= ACT_FA',
      severity: 'warning',
      message: 'Plus de nouveaux patients que de patients suivis : expliquez.',
      active: true,
    });
    request.flush(aRule({ severity: 'warning' }), { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'created' }));
  });

  it('does not send an expression the check refused', async () => {
    await open(aRule());
    await settle();
    expectCheck('ACT_NEW <= ACT_FA').flush({ valid: true, message: null, position: null, references: [{ code: 'ACT_NEW' }, { code: 'ACT_FA' }] });
    await (await input('expression')).setValue('ACT_NEW <=');
    await settle();
    expectCheck('ACT_NEW <=').flush({ valid: false, message: 'Règle incomplète : valeur attendue à la position 10.', position: 10, references: [] });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    backend.expectNone('/api/rules/5');
    expect(close).not.toHaveBeenCalled();
  });

  it('edits: sends only what changed, with the version', async () => {
    await open(aRule());
    await settle();
    expectCheck('ACT_NEW <= ACT_FA').flush({ valid: true, message: null, position: null, references: [] });
    await (await input('message')).setValue('Vérifiez la file active.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/rules/5' });
    expect(request.request.body).toEqual({ message: 'Vérifiez la file active.', active: true, version: 2 });
    request.flush(aRule({ message: 'Vérifiez la file active.', version: 3 }));
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('keeps an inactive rule inactive when its wording changes', async () => {
    await open(aRule({ active: false }));
    await settle();
    expectCheck('ACT_NEW <= ACT_FA').flush({ valid: true, message: null, position: null, references: [] });
    await (await input('label')).setValue('Nouveaux patients ≤ file active');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/rules/5' });
    expect(request.request.body).toEqual({ label: 'Nouveaux patients ≤ file active', active: false, version: 2 });
    request.flush(aRule({ active: false, version: 3 }));
  });
});

describe('checkErrorMessage', () => {
  it('adds the position unless the message names it already', () => {
    expect(checkErrorMessage('Symbole inattendu « ; » à la position 7.', 7)).toBe('Symbole inattendu « ; » à la position 7.');
    expect(checkErrorMessage('Indicateur inconnu.', 3)).toBe('Indicateur inconnu (position 3).');
    expect(checkErrorMessage('Expression trop longue.', null)).toBe('Expression trop longue.');
  });
});
