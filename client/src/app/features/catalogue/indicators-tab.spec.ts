import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Indicator } from '@cn2r/shared';
import { of } from 'rxjs';
import { provideTestApp } from '../../../testing/test-providers';
import { anIndicator, eventTypes } from './catalogue-fixtures.spec';
import type { IndicatorDialogResult } from './indicator-dialog';
import { IndicatorsTab } from './indicators-tab';

const current: Indicator[] = [
  anIndicator({ id: 2, code: 'ACT_NEW', label: 'Nouveaux patients', sortOrder: 20, valueCount: 10 }),
  anIndicator({ valueCount: 48 }),
  anIndicator({
    id: 3,
    code: 'FOR_PERS',
    label: 'Professionnels formés',
    domain: 'formation',
    periodType: 'year',
    unitOfMeasure: '',
    dimension: null,
    required: false,
    expectedResult: 'training',
    activeFrom: '2025-01-01',
  }),
  anIndicator({
    id: 4,
    code: 'CN2R_BOURSES',
    label: 'Bourses de recherche attribuées',
    domain: 'recherche',
    unitKind: 'cn2r',
    periodType: 'year',
    valueType: 'count',
    unitOfMeasure: '',
    dimension: eventTypes,
  }),
];
const closedRevision = anIndicator({ id: 9, code: 'ACT_FA', revision: 1, activeFrom: '2019-01-01', activeTo: '2023-12-31', valueCount: 300 });
const withRevisions: Indicator[] = [...current.map((i) => (i.id === 1 ? { ...i, revision: 2, supersedesId: 9 } : i)), closedRevision];

describe('IndicatorsTab', () => {
  let fixture: ComponentFixture<IndicatorsTab>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(answer: Indicator[] = current) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(IndicatorsTab);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    answerList(answer, 'false');
    await fixture.whenStable();
  }

  function answerList(answer: Indicator[], includeInactive: 'true' | 'false', unitKind?: string) {
    const request = backend.expectOne((req) => req.method === 'GET' && req.url === '/api/indicators');
    expect(request.request.params.get('includeInactive')).toBe(includeInactive);
    expect(request.request.params.get('unitKind')).toBe(unitKind ?? null);
    request.flush(answer);
  }

  const squash = (texts: string[]) => texts.map((text) => text.replace(/\s+/g, ' '));
  const headings = () => [...fixture.nativeElement.querySelectorAll('h2')].map((h: HTMLElement) => h.textContent!.trim());

  afterEach(() => backend.verify());

  it('lists the indicators by domain, in catalogue order, with every column in French', async () => {
    await open();
    expect(headings()).toEqual(['Activité clinique', 'Formation', 'Recherche']);
    const [clinical, training, research] = await loader.getAllHarnesses(MatTableHarness);
    const headers = await (await clinical.getHeaderRows())[0].getCellTextByIndex();
    expect(headers).toEqual([
      'Code',
      'Libellé',
      'Période',
      'Type de valeur',
      'Ventilation',
      'Obligatoire',
      'Résultat attendu',
      'Révision',
      'En vigueur',
      'Actions',
    ]);
    const rows = (await clinical.getCellTextByIndex()).map((row) => squash(row.slice(0, 9)));
    expect(rows).toEqual([
      ['ACT_FA', 'File active', 'Trimestre', 'Nombre entier (patients)', 'Tranche d’âge', 'Oui', '—', '1', 'depuis le 01/01/2024'],
      ['ACT_NEW', 'Nouveaux patients', 'Trimestre', 'Nombre entier (patients)', 'Tranche d’âge', 'Oui', '—', '1', 'depuis le 01/01/2024'],
    ]);
    expect((await training.getCellTextByColumnName())['expectedResult'].text).toEqual(['Référentiels de formation']);
    expect((await training.getCellTextByColumnName())['required'].text).toEqual(['Non']);
    expect(squash((await research.getCellTextByColumnName())['label'].text)).toEqual(['Bourses de recherche attribuées Déclaré par le CN2R']);
    expect(fixture.nativeElement.querySelector('.count').textContent.trim()).toBe('4 indicateurs');
  });

  it('filters by domain and by words of the code or label, and offers to clear the filters', async () => {
    await open();
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[name=domain]' }))).clickOptions({ text: 'Formation' });
    expect(headings()).toEqual(['Formation']);
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[name=domain]' }))).clickOptions({ text: 'Tous les domaines' });
    await (await loader.getHarness(MatInputHarness.with({ selector: '[type=search]' }))).setValue('nouveaux');
    expect(headings()).toEqual(['Activité clinique']);
    expect((await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName())['code'].text).toEqual(['ACT_NEW']);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[type=search]' }))).setValue('xyz');
    expect(fixture.nativeElement.textContent).toContain('Aucun indicateur ne correspond à ces critères.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Effacer les filtres' }))).click();
    expect(headings()).toEqual(['Activité clinique', 'Formation', 'Recherche']);
  });

  it('asks the server for the closed revisions, shows them as closed and not editable', async () => {
    await open();
    await (await loader.getHarness(MatSlideToggleHarness.with({ label: 'Afficher les révisions closes' }))).toggle();
    answerList(withRevisions, 'true');
    await fixture.whenStable();
    const [clinical] = await loader.getAllHarnesses(MatTableHarness);
    const columns = await clinical.getCellTextByColumnName();
    expect(columns['code'].text).toEqual(['ACT_FA', 'ACT_FA', 'ACT_NEW']);
    expect(columns['revision'].text).toEqual(['1', '2', '1']);
    expect(squash(columns['activeDates'].text)[0]).toBe('du 01/01/2019 au 31/12/2023 Close');
    expect(columns['actions'].text).toEqual(['Remplacée', 'edit', 'edit']);
    expect(fixture.nativeElement.querySelector('.count').textContent).toContain('révisions closes comprises');
  });

  it('asks the server for the indicators of one kind of unit', async () => {
    await open();
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[name=unitKind]' }))).clickOptions({ text: 'CN2R (centre national)' });
    answerList([current[3]], 'false', 'cn2r');
    await fixture.whenStable();
    expect(headings()).toEqual(['Recherche']);
  });

  it('says what to do when the catalogue is empty', async () => {
    await open([]);
    expect(fixture.nativeElement.textContent).toContain('Le catalogue ne compte encore aucun indicateur en vigueur.');
    expect(fixture.nativeElement.textContent).toContain('puis utilisez « Nouvel indicateur »');
  });

  it('announces a new revision with its start date, then reloads', async () => {
    await open();
    const revision = anIndicator({ id: 10, revision: 2, supersedesId: 1, activeFrom: '2027-01-01' });
    const result: IndicatorDialogResult = { outcome: 'revised', indicator: revision };
    const dialog = spyOn(TestBed.inject(MatDialog), 'open').and.returnValue({ afterClosed: () => of(result) } as never);
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier l’indicateur ACT_FA"]' }))).click();
    expect(dialog.calls.mostRecent().args[1]?.data).toEqual({ indicator: jasmine.objectContaining({ id: 1 }) });
    expect(snackBar.calls.mostRecent().args[0]).toBe(
      'Révision 2 de ACT_FA créée, en vigueur à partir du 1er janvier 2027. Les valeurs déjà saisies restent attachées à la révision 1.',
    );
    answerList(current, 'false');
  });
});
