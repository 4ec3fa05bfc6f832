import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { Dimension } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { ageBands } from './catalogue-fixtures.spec';
import { DimensionDialog, type DimensionDialogData, OPTION_MESSAGES } from './dimension-dialog';

describe('DimensionDialog', () => {
  let fixture: ComponentFixture<DimensionDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(dimension: Dimension | null) {
    ({ fixture, loader, backend, close } = await openDialog(DimensionDialog, { dimension } satisfies DimensionDialogData));
  }

  const input = (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));
  const labelled = (label: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));
  const optionLabels = async () =>
    Promise.all((await loader.getAllHarnesses(MatInputHarness.with({ selector: '[id^=dimension-option-label-]' }))).map((i) => i.getValue()));
  const alertText = () => (fixture.nativeElement.querySelector('.error-message[role=alert]')?.textContent ?? '').trim();

  afterEach(() => backend.verify());

  it('creates a sensitive disaggregation with its options in order, explaining what « sensible » does', async () => {
    await open(null);
    expect(fixture.nativeElement.textContent).toContain('les effectifs de 1 à 4 seront masqués et remplacés par « < 5 »');
    await (await input('[formControlName=code]')).setValue('audience');
    await (await input('[formControlName=label]')).setValue('Public formé');
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Sensible' }))).check();
    await (await input('#dimension-option-code-0')).setValue('sante');
    await (await input('#dimension-option-label-0')).setValue('Santé');
    await (await input('#dimension-option-code-1')).setValue('justice');
    await (await input('#dimension-option-label-1')).setValue('Justice');
    await (await button(/Ajouter une modalité/)).click();
    await (await input('#dimension-option-code-2')).setValue('education');
    await (await input('#dimension-option-label-2')).setValue('Éducation');
    await (await button('Créer la ventilation')).click();

    const request = backend.expectOne({ method: 'POST', url: '/api/dimensions' });
    expect(request.request.body).toEqual({
      code: 'AUDIENCE',
      label: 'Public formé',
      sensitive: true,
      options: [
        { code: 'sante', label: 'Santé' },
        { code: 'justice', label: 'Justice' },
        { code: 'education', label: 'Éducation' },
      ],
    });
    request.flush({ ...ageBands, id: 8, code: 'AUDIENCE' }, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'created' }));
  });

  it('needs two options with different codes', async () => {
    await open(null);
    await (await input('[formControlName=code]')).setValue('SEXE');
    await (await input('[formControlName=label]')).setValue('Sexe');
    await (await input('#dimension-option-code-0')).setValue('f');
    await (await input('#dimension-option-label-0')).setValue('Femme');
    await (await input('#dimension-option-code-1')).setValue('f');
    await (await input('#dimension-option-label-1')).setValue('Homme');
    await (await button('Créer la ventilation')).click();
    expect(alertText()).toBe(OPTION_MESSAGES.duplicate);
    await (await labelled('Retirer « Homme »')).click();
    expect(alertText()).toBe(OPTION_MESSAGES.tooFew);
    backend.expectNone('/api/dimensions');
  });

  it('reorders with the up and down buttons, keeping the focus on the button used', async () => {
    await open(ageBands);
    expect(await optionLabels()).toEqual(['0–5 ans', '6–11 ans', '12–17 ans', '18 ans et plus']);
    expect(await (await labelled('Monter « 0–5 ans »')).isDisabled()).toBeTrue();
    expect(await (await labelled('Descendre « 18 ans et plus »')).isDisabled()).toBeTrue();

    await (await labelled('Monter « 12–17 ans »')).click();
    await fixture.whenStable();
    expect(await optionLabels()).toEqual(['0–5 ans', '12–17 ans', '6–11 ans', '18 ans et plus']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Monter « 12–17 ans »');
    expect(fixture.nativeElement.querySelector('[aria-live=polite].visually-hidden').textContent).toContain(
      '« 12–17 ans » : position 2 sur 4.',
    );

    // At the top, « Monter » is disabled: the focus moves to « Descendre » of the same option.
    await (await labelled('Monter « 12–17 ans »')).click();
    await fixture.whenStable();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Descendre « 12–17 ans »');

    // Saved options keep their code and cannot be removed; they can be relabelled.
    expect(await (await input('#dimension-option-code-0')).isDisabled()).toBeTrue();
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^=Retirer]' }))).toHaveSize(0);
    await (await input('#dimension-option-label-3')).setValue('18 ans ou plus');
    await (await button('Enregistrer')).click();

    const request = backend.expectOne({ method: 'PATCH', url: '/api/dimensions/3' });
    expect(request.request.body).toEqual({
      options: [
        { code: '12-17', label: '12–17 ans' },
        { code: '0-5', label: '0–5 ans' },
        { code: '6-11', label: '6–11 ans' },
        { code: '18+', label: '18 ans ou plus' },
      ],
      version: 2,
    });
    request.flush({ ...ageBands, version: 3 });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('shows the server’s refusal of the options above the list', async () => {
    await open(ageBands);
    await (await button(/Ajouter une modalité/)).click();
    await (await input('#dimension-option-code-4')).setValue('inconnu');
    await (await input('#dimension-option-label-4')).setValue('Âge inconnu');
    await (await button('Enregistrer')).click();
    flushApiError(backend.expectOne('/api/dimensions/3'), 409, 'La ventilation compte déjà des valeurs.', [
      { path: 'options', message: 'La modalité « 0-5 » a des valeurs : elle ne peut pas être retirée.' },
    ]);
    await fixture.whenStable();
    expect(alertText()).toBe('La modalité « 0-5 » a des valeurs : elle ne peut pas être retirée.');
    expect(fixture.nativeElement.querySelector('.form-errors').textContent).toContain('La ventilation compte déjà des valeurs.');
    expect(close).not.toHaveBeenCalled();
  });
});
