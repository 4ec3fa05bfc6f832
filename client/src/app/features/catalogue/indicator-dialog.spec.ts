import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { Indicator } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { ageBands, anIndicator, eventTypes } from './catalogue-fixtures.spec';
import { IndicatorDialog, type IndicatorDialogData } from './indicator-dialog';

describe('IndicatorDialog', () => {
  let fixture: ComponentFixture<IndicatorDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(indicator: Indicator | null) {
    ({ fixture, loader, backend, close } = await openDialog(IndicatorDialog, { indicator } satisfies IndicatorDialogData));
    backend.expectOne({ method: 'GET', url: '/api/dimensions' }).flush([ageBands, eventTypes]);
    await fixture.whenStable();
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const select = (name: string) => loader.getHarness(MatSelectHarness.with({ selector: `[formControlName=${name}]` }));
  const date = (name: string) => loader.getHarness(MatDatepickerInputHarness.with({ selector: `[formControlName=${name}]` }));
  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));
  const field = (label: string | RegExp) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const notice = () => (fixture.nativeElement.querySelector('.revision-notice p')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const nextYear = new Date().getFullYear() + 1;

  afterEach(() => backend.verify());

  it('creates an indicator with every field the schema asks for', async () => {
    await open(null);
    await (await input('code')).setValue('act_new');
    await (await input('label')).setValue('Nouveaux patients');
    await (await select('domain')).clickOptions({ text: 'Activité clinique' });
    await (await input('definition')).setValue('Patients vus pour la première fois.');
    await (await input('unitOfMeasure')).setValue('patients');
    await (await select('dimensionId')).clickOptions({ text: /Tranche d’âge/ });
    await (await select('timeAggregation')).clickOptions({ text: 'Somme' });
    await (await select('unitAggregation')).clickOptions({ text: 'Médiane' });
    await (await input('minValue')).setValue('0');
    await (await input('maxValue')).setValue('1 000');
    await (await select('expectedResult')).clickOptions({ text: 'Animation du réseau des centres' });
    await (await date('activeFrom')).setValue('01/01/2026');
    await (await button('Créer l’indicateur')).click();

    const request = backend.expectOne({ method: 'POST', url: '/api/indicators' });
    expect(request.request.body).toEqual({
      code: 'ACT_NEW',
      label: 'Nouveaux patients',
      definition: 'Patients vus pour la première fois.',
      countingRule: '',
      domain: 'activite_clinique',
      unitKind: 'crp',
      valueType: 'count',
      unitOfMeasure: 'patients',
      periodType: 'quarter',
      timeAggregation: 'sum',
      unitAggregation: 'median',
      dimensionId: 3,
      minValue: 0,
      maxValue: 1000,
      required: true,
      expectedResult: 'network',
      sortOrder: 0,
      activeFrom: '2026-01-01',
      activeTo: null,
    });
    const created = anIndicator({ id: 12, code: 'ACT_NEW' });
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'created', indicator: created });
  });

  it('offers the value types in French and drops the bounds of a yes/no', async () => {
    await open(null);
    const valueType = await select('valueType');
    await valueType.open();
    expect(await Promise.all((await valueType.getOptions()).map((option) => option.getText()))).toEqual([
      'Nombre entier',
      'Nombre décimal',
      'Pourcentage',
      'Nombre de jours',
      'Oui / non',
      'Texte',
    ]);
    await valueType.clickOptions({ text: 'Oui / non' });
    expect(await (await input('minValue')).isDisabled()).toBeTrue();
    await (await input('code')).setValue('NET_MAP');
    await (await input('label')).setValue('Carte publiée');
    await (await select('domain')).clickOptions({ text: 'Cartographie de l’offre de soins' });
    await (await button('Créer l’indicateur')).click();
    const request = backend.expectOne('/api/indicators');
    expect(request.request.body).toEqual(jasmine.objectContaining({ valueType: 'boolean', minValue: null, maxValue: null }));
    request.flush(anIndicator(), { status: 201, statusText: 'Created' });
  });

  it('refuses bounds that are not numbers or not in order, without calling the server', async () => {
    await open(null);
    await (await input('code')).setValue('ACT_CS');
    await (await input('label')).setValue('Consultations');
    await (await select('domain')).clickOptions({ text: 'Activité clinique' });
    await (await input('minValue')).setValue('beaucoup');
    await (await button('Créer l’indicateur')).click();
    expect(await (await field('Minimum plausible')).getTextErrors()).toEqual(['Nombre attendu, par exemple 1 250 ou 12,5.']);
    await (await input('minValue')).setValue('12 000');
    await (await input('maxValue')).setValue('11 000,5');
    await (await button('Créer l’indicateur')).click();
    expect(await (await field('Maximum plausible')).getTextErrors()).toEqual(['Le minimum doit être inférieur ou égal au maximum.']);
    backend.expectNone('/api/indicators');
  });

  it('warns before a change of meaning creates a revision, and asks from when', async () => {
    await open(anIndicator({ valueCount: 48 }));
    expect(notice()).toBe('');
    expect(await loader.getAllHarnesses(MatDatepickerInputHarness.with({ selector: '[formControlName=effectiveFrom]' }))).toHaveSize(0);

    // Wording only: edited in place, no warning.
    await (await input('label')).setValue('File active (patients distincts)');
    expect(notice()).toBe('');
    expect(await (await button(/^Enregistrer/)).getText()).toBe('Enregistrer');

    // Meaning: the warning, the date, and the button say what will happen.
    await (await input('definition')).setValue('Patients distincts vus au moins une fois, téléconsultations comprises.');
    expect(notice()).toBe(
      `Cet indicateur a 48 valeurs : modifier sa définition crée une révision 2 à partir du 1er janvier ${nextYear} ; ` +
        'les valeurs déjà saisies restent attachées à la révision 1.',
    );
    expect(await (await date('effectiveFrom')).getValue()).toBe(`01/01/${nextYear}`);
    await (await date('effectiveFrom')).setValue('01/07/2026');
    expect(notice()).toContain('crée une révision 2 à partir du 1er juillet 2026 ;');
    await (await button('Créer la révision 2')).click();

    const request = backend.expectOne({ method: 'PATCH', url: '/api/indicators/1' });
    expect(request.request.body).toEqual({
      label: 'File active (patients distincts)',
      definition: 'Patients distincts vus au moins une fois, téléconsultations comprises.',
      version: 3,
      effectiveFrom: '2026-07-01',
    });
    const revision = anIndicator({ id: 9, revision: 2, supersedesId: 1, activeFrom: '2026-07-01', valueCount: 0, version: 1 });
    request.flush(revision);
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'revised', indicator: revision });
  });

  it('also warns for a change of period or disaggregation, and goes back when the change is undone', async () => {
    await open(anIndicator({ valueCount: 1 }));
    await (await select('periodType')).clickOptions({ text: 'Année' });
    expect(notice()).toContain('Cet indicateur a 1 valeur : modifier sa définition crée une révision 2');
    await (await select('periodType')).clickOptions({ text: 'Trimestre' });
    expect(notice()).toBe('');
    await (await select('dimensionId')).clickOptions({ text: 'Aucune' });
    expect(notice()).toContain('révision 2');
  });

  it('refuses a revision that would not start after the current one', async () => {
    await open(anIndicator({ valueCount: 48 }));
    await (await select('valueType')).clickOptions({ text: 'Nombre décimal' });
    await (await date('effectiveFrom')).setValue('01/01/2024');
    await (await button('Créer la révision 2')).click();
    expect(await (await field('Début de la révision 2')).getTextErrors()).toEqual([
      'La révision 2 doit commencer après le début de la révision 1 (01/01/2024).',
    ]);
    backend.expectNone('/api/indicators/1');
  });

  it('edits in place, without an effective date, when no value was entered yet', async () => {
    await open(anIndicator({ valueCount: 0 }));
    await (await select('periodType')).clickOptions({ text: 'Année' });
    expect(notice()).toBe('');
    await (await button('Enregistrer')).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/indicators/1' });
    expect(request.request.body).toEqual({ periodType: 'year', version: 3 });
    request.flush(anIndicator({ periodType: 'year', version: 4 }));
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('asks a CN2R indicator for its counterpart in the network (never a centres’ one), and sends it in capitals', async () => {
    await open(anIndicator({ valueCount: 0 }));
    expect(fixture.nativeElement.querySelector('[formControlName=networkCounterpartCode]')).toBeNull();
    await (await select('unitKind')).clickOptions({ text: /CN2R/ });
    await (await input('networkCounterpartCode')).setValue('for_pers');
    await (await button('Enregistrer')).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/indicators/1' });
    expect(request.request.body).toEqual({ unitKind: 'cn2r', networkCounterpartCode: 'FOR_PERS', version: 3 });
    request.flush(anIndicator({ unitKind: 'cn2r', networkCounterpartCode: 'FOR_PERS', version: 4 }));
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('clears the counterpart of an indicator that leaves the CN2R', async () => {
    await open(anIndicator({ valueCount: 0, unitKind: 'cn2r', networkCounterpartCode: 'FOR_PERS' }));
    expect(await (await input('networkCounterpartCode')).getValue()).toBe('FOR_PERS');
    await (await select('unitKind')).clickOptions({ text: /psychotraumatisme/ });
    await (await button('Enregistrer')).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/indicators/1' });
    expect(request.request.body).toEqual({ unitKind: 'crp', networkCounterpartCode: null, version: 3 });
    request.flush(anIndicator({ version: 4 }));
  });

  it('puts the server’s 422 on the field and closes as a conflict on a stale version', async () => {
    await open(anIndicator({ valueCount: 48 }));
    await (await input('countingRule')).setValue('Compter chaque patient une fois.');
    await (await button('Créer la révision 2')).click();
    flushApiError(backend.expectOne('/api/indicators/1'), 422, 'Certaines valeurs saisies sont invalides.', [
      { path: 'effectiveFrom', message: 'Des valeurs de 2026-T1 existent déjà sous la révision 1.' },
    ]);
    await fixture.whenStable();
    expect(await (await field('Début de la révision 2')).getTextErrors()).toEqual(['Des valeurs de 2026-T1 existent déjà sous la révision 1.']);
    expect(close).not.toHaveBeenCalled();

    await (await date('effectiveFrom')).setValue(`01/01/${nextYear}`);
    await (await button('Créer la révision 2')).click();
    flushApiError(backend.expectOne('/api/indicators/1'), 409, 'Cet indicateur a été modifié par quelqu’un d’autre entre-temps.', [
      { path: 'version', message: 'Version périmée.' },
    ]);
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'conflict' });
  });

  it('closes without a request when nothing changed', async () => {
    await open(anIndicator());
    await (await button('Enregistrer')).click();
    backend.expectNone('/api/indicators/1');
    expect(close).toHaveBeenCalledOnceWith();
  });
});
