import { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { AccountingImportEntry, AccountingImportResult } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { aFile, chooseFile as chooseFileIn, squash } from '../../../testing/file-input';
import { AccountingImportDialog, type AccountingImportDialogData } from './accounting-import-dialog';

const entry = (overrides: Partial<AccountingImportEntry>): AccountingImportEntry => ({
  location: 'Fichier CSV, ligne 2',
  kind: 'commitment',
  date: '2026-02-15',
  lineCode: 'FONC',
  lineId: 3,
  sourceCode: null,
  thirdParty: 'UGAP',
  object: 'Fournitures',
  reference: 'BC-1',
  amountCents: 1_234_567,
  commitmentReference: null,
  paymentKind: 'invoice',
  id: null,
  ...overrides,
});

const dryRun = (overrides: Partial<AccountingImportResult> = {}): AccountingImportResult => ({
  dryRun: true,
  entries: [
    entry({}),
    entry({ location: 'Fichier CSV, ligne 3', kind: 'payment', reference: 'F-1', amountCents: 1_000_000, commitmentReference: 'BC-1', thirdParty: null, object: null }),
    entry({ location: 'Fichier CSV, ligne 4', kind: 'payment', lineCode: 'PERS', reference: 'PAIE-01', amountCents: 987_654, paymentKind: 'payroll' }),
  ],
  problems: [],
  applied: false,
  commitmentsCents: 1_234_567,
  paymentsCents: 1_987_654,
  receiptsCents: 0,
  ...overrides,
});

const IMPORT_URL = '/api/budget/2026/accounting-import';

describe('AccountingImportDialog', () => {
  let fixture: ComponentFixture<AccountingImportDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let page: HTMLElement;
  let close: jasmine.Spy;

  beforeEach(async () => {
    ({ fixture, loader, backend, close } = await openDialog(AccountingImportDialog, { year: 2026 } satisfies AccountingImportDialogData));
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  const chooseFile = (name: string, content: BlobPart = 'date;ligne;type;tiers;objet;reference;montant\n', size?: number) =>
    chooseFileIn(fixture, aFile(name, content, size));

  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));
  const importButtons = () => loader.getAllHarnesses(MatButtonHarness.with({ text: /^\s*(publish)?\s*Importer$/ }));
  const problems = () => [...page.querySelectorAll('.problems li')].map((li) => squash(li.textContent));

  async function verify(): Promise<TestRequest> {
    await (await button(/Vérifier le fichier/)).click();
    return backend.expectOne((req) => req.method === 'POST' && req.url === IMPORT_URL && req.params.get('dryRun') === 'true');
  }

  it('describes the expected columns and accepts only .xlsx and .csv files of 5 MB at most, before sending anything', async () => {
    const columns = [...page.querySelectorAll('dl.columns dt')].map((dt) => squash(dt.textContent));
    expect(columns).toEqual(['date', 'ligne', 'type', 'tiers', 'objet', 'reference', 'montant', 'engagement', 'nature_paiement', 'source']);
    expect(squash(page.textContent)).toContain('séparateur « ; »');
    const input = page.querySelector('input[type=file]') as HTMLInputElement;
    expect(input.accept).toBe('.xlsx,.csv');
    expect(squash(page.querySelector(`label[for="${input.id}"]`)?.textContent)).toBe('Export comptable (.xlsx ou .csv)');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();

    await chooseFile('export.pdf');
    expect(squash(page.querySelector('[role=alert]')?.textContent)).toBe('« export.pdf » n’est ni un classeur .xlsx ni un fichier .csv.');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();
    await chooseFile('export.csv', '', 5 * 1024 * 1024 + 1);
    expect(squash(page.querySelector('[role=alert]')?.textContent)).toBe('Fichier trop volumineux (5 Mo) : 5 Mo au plus.');
    await (await button(/Vérifier le fichier/)).click();
    backend.expectNone(IMPORT_URL);
  });

  it('sends the dry run, shows what would be created in fr-FR euros, then imports the same file and closes with the result', async () => {
    const file = await chooseFile('export-mars.csv');
    const check = await verify();
    expect(check.request.headers.get('Content-Type')).toBe('text/csv');
    expect(check.request.body).toBe(file);
    await fixture.whenStable();
    expect(await (await loader.getHarness(MatProgressBarHarness)).getMode()).toBe('indeterminate');
    expect(squash(page.querySelector('.progress')?.textContent)).toBe('Vérification du fichier…');
    // No import before the dry run has answered.
    expect(await importButtons()).toEqual([]);

    check.flush(dryRun());
    await fixture.whenStable();
    expect([...page.querySelectorAll('.summary li')].map((li) => squash(li.textContent))).toEqual([
      'Engagements à créer : 1 engagement pour 12 345,67 €',
      'Paiements à créer : 2 paiements pour 19 876,54 €',
    ]);
    expect(squash(page.querySelector('.check [role=status]')?.textContent)).toBe('aucun problème. Rien n’a encore été enregistré.');
    backend.expectNone((req) => req.params.get('dryRun') === 'false');
    expect(close).not.toHaveBeenCalled();

    const [importButton] = await importButtons();
    await importButton.click();
    const real = backend.expectOne((req) => req.method === 'POST' && req.url === IMPORT_URL && req.params.get('dryRun') === 'false');
    expect(real.request.body).toBe(file);
    expect(real.request.headers.get('Content-Type')).toBe('text/csv');
    const applied = dryRun({ dryRun: false, applied: true, entries: dryRun().entries.map((e, i) => ({ ...e, id: 100 + i })) });
    real.flush(applied);
    await fixture.whenStable();
    expect(close).toHaveBeenCalledOnceWith(applied);
  });

  it('lists every problem with its location and offers no import while any remains', async () => {
    await chooseFile('export.xlsx');
    const check = await verify();
    expect(check.request.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    check.flush(
      dryRun({
        entries: [entry({ location: 'Feuille Export, ligne 2', reference: 'BC-A' })],
        problems: [
          { location: 'Feuille Export, ligne 9, colonne « montant »', message: 'Montant « abc » illisible : un montant en euros comme « 1 234,56 » est attendu.' },
          { location: 'Feuille Export, ligne 3', message: 'AE insuffisantes sur la ligne « FONC ».' },
          { location: 'Feuille Export, ligne 6', message: 'Ligne budgétaire « INCONNUE » inconnue en 2026.' },
        ],
      }),
    );
    await fixture.whenStable();
    expect(problems()).toEqual([
      'Feuille Export, ligne 9, colonne « montant » : Montant « abc » illisible : un montant en euros comme « 1 234,56 » est attendu.',
      'Feuille Export, ligne 3 : AE insuffisantes sur la ligne « FONC ».',
      'Feuille Export, ligne 6 : Ligne budgétaire « INCONNUE » inconnue en 2026.',
    ]);
    expect(squash(page.textContent)).toContain('3 problèmes. Rien n’a encore été enregistré.');
    expect(squash(page.textContent)).toContain('rien ne sera importé tant qu’il reste un problème');
    expect(await importButtons()).toEqual([]);
    backend.expectNone((req) => req.params.get('dryRun') === 'false');
  });

  it('shows a file refused as a whole in the dialog, without a snackbar', async () => {
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    await chooseFile('export.csv');
    flushApiError(await verify(), 422, 'Fichier CSV, ligne 1 : colonnes « type », « reference » introuvables dans l’en-tête.');
    await fixture.whenStable();
    expect(squash(page.querySelector('[role=alert]')?.textContent)).toBe('Fichier refusé : Fichier CSV, ligne 1 : colonnes « type », « reference » introuvables dans l’en-tête.');
    expect(snackBar).not.toHaveBeenCalled();
    expect(await importButtons()).toEqual([]);
  });
});
