import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import type { BudgetAttachment } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { chooseFile as chooseFileIn, squash } from '../../../testing/file-input';
import { aUser, signInAs } from '../../../testing/test-providers';
import { AttachmentsDialog, type AttachmentsDialogData } from './attachments-dialog';

const SHA_A = 'a3f1c9e27b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7';
const SHA_B = '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c';

const anAttachment = (overrides: Partial<BudgetAttachment> = {}): BudgetAttachment => ({
  id: 31,
  entityType: 'commitment',
  entityId: 12,
  fileName: 'Bon de commande n°12.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 245_760,
  sha256: SHA_A,
  createdBy: 7,
  createdAt: '2026-03-12T12:00:00.000Z',
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawalReason: null,
  ...overrides,
});

const withdrawnScan = anAttachment({
  id: 32,
  fileName: 'scan.png',
  mediaType: 'image/png',
  sizeBytes: 850,
  sha256: SHA_B,
  createdBy: 3,
  withdrawnAt: '2026-03-13T12:00:00.000Z',
  withdrawnBy: 3,
  withdrawalReason: 'Mauvais bon de commande',
});

const LIST_URL = '/api/budget/commitments/12/attachments';

describe('AttachmentsDialog', () => {
  let fixture: ComponentFixture<AttachmentsDialog>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let page: HTMLElement;
  let snackBar: jasmine.Spy;

  async function open(writable: boolean, items: BudgetAttachment[] = [anAttachment(), withdrawnScan]) {
    const data: AttachmentsDialogData = { entityType: 'commitment', entityId: 12, ofEntry: 'de l’engagement BC-12', writable };
    ({ fixture, loader, backend } = await openDialog(AttachmentsDialog, data, {
      beforeCreate: () => {
        signInAs(aUser(writable ? 'finance' : 'board'));
        snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
      },
    }));
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    backend.expectOne({ method: 'GET', url: LIST_URL }).flush(items);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  }

  /** Chooses a file through the dialog's file input, as the browser does. */
  const chooseFile = (file: File) => chooseFileIn(fixture, file);

  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));
  const table = () => loader.getHarness(MatTableHarness);
  const alerts = () => [...page.querySelectorAll('[role=alert]')].map((e) => squash(e.textContent));
  const pdf = (name = 'facture.pdf') => new File(['%PDF-1.7 facture'], name, { type: 'application/pdf' });

  afterEach(() => backend.verify());

  it('lists the documents with their type, fr-FR size, shortened SHA-256 (full in the title), author, date and download link; withdrawn ones as withdrawn', async () => {
    await open(true);
    expect(squash(page.querySelector('[mat-dialog-title]')?.textContent)).toBe('Pièces justificatives de l’engagement BC-12');
    const cells = await (await table()).getCellTextByColumnName();
    expect(cells['fileName'].text.map(squash)).toEqual(['Bon de commande n°12.pdf', 'scan.png Retirée le 13/03/2026 par l’utilisateur n° 3 : Mauvais bon de commande']);
    expect(cells['mediaType'].text).toEqual(['PDF', 'Image PNG']);
    expect(cells['sizeBytes'].text).toEqual(['240 Ko', '850 octets']);
    expect(cells['sha256'].text).toEqual(['a3f1c9e27b4d…', '0b1c2d3e4f5a…']);
    expect(cells['createdAt'].text.map(squash)).toEqual([
      jasmine.stringMatching(/^le 12\/03\/2026 à \d\d:\d\d par Fanny Finances \(vous\)$/),
      jasmine.stringMatching(/^le 12\/03\/2026 à \d\d:\d\d par l’utilisateur n° 3$/),
    ]);
    expect([...page.querySelectorAll('code.sha')].map((e) => e.getAttribute('title'))).toEqual([SHA_A, SHA_B]);
    const links = [...page.querySelectorAll('a[download]')] as HTMLAnchorElement[];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/api/budget/attachments/31', '/api/budget/attachments/32']);
    expect(links[0].getAttribute('aria-label')).toBe('Télécharger Bon de commande n°12.pdf');
    // Only the document still in force can be withdrawn.
    const withdraw = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Retirer' }));
    expect(withdraw.length).toBe(1);
    expect(await (await withdraw[0].host()).getAttribute('aria-label')).toBe('Retirer la pièce Bon de commande n°12.pdf');
  });

  it('refuses another type, an empty file or one over 5 MB, in French, without sending anything', async () => {
    await open(true, []);
    expect(squash(page.textContent)).toContain('Aucune pièce justificative.');
    const input = page.querySelector('input[type=file]') as HTMLInputElement;
    expect(squash(page.querySelector(`label[for="${input.id}"]`)?.textContent)).toBe('Fichier : PDF, image PNG ou JPEG, 5 Mo au plus');
    const upload = await button(/Joindre le fichier/);
    expect(await upload.isDisabled()).toBeTrue();

    await chooseFile(new File(['<html></html>'], 'page.html', { type: 'text/html' }));
    expect(alerts()).toEqual(['« page.html » n’est ni un PDF, ni une image PNG ou JPEG.']);
    expect(await upload.isDisabled()).toBeTrue();

    await chooseFile(new File(['<html></html>'], 'page.pdf', { type: 'text/html' }));
    expect(alerts()).toEqual(['« page.pdf » n’est ni un PDF, ni une image PNG ou JPEG.']);

    await chooseFile(new File([], 'vide.pdf', { type: 'application/pdf' }));
    expect(alerts()).toEqual(['Le fichier est vide.']);

    await chooseFile(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'gros.pdf', { type: 'application/pdf' }));
    expect(alerts()).toEqual(['Le fichier dépasse 5 Mo : réduisez sa taille (numérisation moins fine, PDF compressé).']);
    expect(await upload.isDisabled()).toBeTrue();
    await upload.click();
    backend.expectNone((req) => req.method === 'POST');

    // Exactly 5 MB is accepted, as on the server.
    await chooseFile(new File([new Uint8Array(5 * 1024 * 1024)], 'limite.pdf', { type: 'application/pdf' }));
    expect(alerts()).toEqual([]);
    expect(await upload.isDisabled()).toBeFalse();
  });

  it('uploads the raw file with its Content-Type and name, shows the progress, then lists it', async () => {
    await open(true, [anAttachment()]);
    const file = await chooseFile(new File(['\xff\xd8\xff photo'], 'Facture mars.JPG', { type: 'image/jpeg' }));
    await (await button(/Joindre le fichier/)).click();
    const request = backend.expectOne((req) => req.method === 'POST' && req.url === LIST_URL);
    expect(request.request.params.get('fileName')).toBe('Facture mars.JPG');
    expect(request.request.urlWithParams).toBe('/api/budget/commitments/12/attachments?fileName=Facture%20mars.JPG');
    expect(request.request.headers.get('Content-Type')).toBe('image/jpeg');
    expect(request.request.body).toBe(file);
    expect(request.request.reportProgress).toBeTrue();

    request.event({ type: HttpEventType.UploadProgress, loaded: 42, total: 100 });
    await fixture.whenStable();
    const bar = await loader.getHarness(MatProgressBarHarness);
    expect(await bar.getMode()).toBe('determinate');
    expect(await bar.getValue()).toBe(42);
    expect(squash(page.textContent)).toContain('Envoi du fichier : 42 %');
    expect(await (await button(/Joindre le fichier/)).isDisabled()).toBeTrue();

    request.flush(anAttachment({ id: 40, fileName: 'Facture mars.JPG', mediaType: 'image/jpeg', sizeBytes: 13, sha256: SHA_B }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
    expect((await (await table()).getCellTextByColumnName())['fileName'].text).toEqual(['Bon de commande n°12.pdf', 'Facture mars.JPG']);
    expect(squash(page.querySelector('.visually-hidden[role=status]')?.textContent)).toBe('« Facture mars.JPG » jointe.');
    expect((page.querySelector('input[type=file]') as HTMLInputElement).value).toBe('');
  });

  it('shows the server’s refusal in the dialog, not in a snackbar', async () => {
    await open(true, []);
    await chooseFile(pdf());
    await (await button(/Joindre le fichier/)).click();
    const upload = backend.expectOne((req) => req.method === 'POST' && req.url === LIST_URL);
    flushApiError(upload, 409, 'L’exercice 2026 est clos : ses pièces justificatives sont en lecture seule.');
    await fixture.whenStable();
    expect(alerts()).toEqual(['L’exercice 2026 est clos : ses pièces justificatives sont en lecture seule.']);
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('withdraws a document only with a reason and after confirmation; it stays listed, as withdrawn', async () => {
    await open(true, [anAttachment()]);
    await (await button('Retirer')).click();
    // No reason: refused in the form, nothing asked nor sent.
    await (await button('Retirer la pièce')).click();
    expect(await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Motif du retrait' }))).getTextErrors()).toEqual([
      'Le motif du retrait est obligatoire.',
    ]);
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);

    await (await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }))).setValue('Joint par erreur');
    await (await button('Retirer la pièce')).click();
    let confirm = await rootLoader.getHarness(MatDialogHarness);
    expect(await confirm.getTitleText()).toBe('Retirer « Bon de commande n°12.pdf » ?');
    expect(await confirm.getContentText()).toContain('Motif : Joint par erreur.');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await fixture.whenStable();
    backend.expectNone((req) => req.method === 'POST');

    await (await button('Retirer la pièce')).click();
    confirm = await rootLoader.getHarness(MatDialogHarness);
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Retirer' }))).click();
    await fixture.whenStable();
    const request = backend.expectOne({ method: 'POST', url: '/api/budget/attachments/31/withdrawal' });
    expect(request.request.body).toEqual({ reason: 'Joint par erreur' });
    request.flush(anAttachment({ withdrawnAt: '2026-03-14T12:00:00.000Z', withdrawnBy: 7, withdrawalReason: 'Joint par erreur' }));
    await fixture.whenStable();
    expect((await (await table()).getCellTextByColumnName())['fileName'].text.map(squash)).toEqual([
      'Bon de commande n°12.pdf Retirée le 14/03/2026 par Fanny Finances (vous) : Joint par erreur',
    ]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /^Retirer/ }))).toEqual([]);
  });

  it('lets the board read and download only', async () => {
    await open(false);
    expect((await (await table()).getCellTextByColumnName())['fileName'].text.length).toBe(2);
    expect(page.querySelectorAll('a[download]').length).toBe(2);
    expect(page.querySelector('input[type=file]')).toBeNull();
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Joindre|Retirer/ }))).toEqual([]);
  });
});
