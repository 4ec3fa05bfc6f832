import { threadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { writeCollectionTemplate } from '../../../../reports/src/collection/build-collection-template.js';
import { collectionFixture } from '../../../../reports/src/collection/collection-fixture.js';
import { issueOversizedWorkbook } from '../../../../reports/src/zip/oversized-workbook-fixture.js';
import { AccountingExportRefused, CareOfferWorkbookRefused, CollectionUploadRefused, buildCareOfferImportTemplate } from '@cn2r/reports';
import { UploadParserThread } from './upload-parser-thread.js';
import { inProcessUploadParsers } from './upload-parsers.js';

describe('UploadParserThread', () => {
  let thread: UploadParserThread;
  let template: Buffer;

  beforeAll(async () => {
    template = await writeCollectionTemplate(collectionFixture());
  });

  beforeEach(() => {
    thread = new UploadParserThread();
  });

  afterEach(async () => {
    await thread.close();
  });

  it('reads a collection workbook, a CSV and an accounting export in another thread, as the parsers do in this one', async () => {
    const csv = Buffer.from('indicateur;modalite;periode;valeur\nACT_NEW;;2026-T1;12\n');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Export').addRows([
      ['date', 'ligne', 'type', 'tiers', 'objet', 'reference', 'montant'],
      ['15/02/2026', 'FONC', 'engagement', 'UGAP', 'Fournitures', 'BC-1', 12.5],
    ]);
    const accounting = Buffer.from(await workbook.xlsx.writeBuffer());
    const careOffer = await buildCareOfferImportTemplate();
    for (const [what, read, here] of [
      ['care offer', () => thread.careOffer(careOffer), () => inProcessUploadParsers.careOffer(careOffer)],
      ['template', () => thread.collection(template), () => inProcessUploadParsers.collection(template)],
      ['csv', () => thread.collection(csv), () => inProcessUploadParsers.collection(csv)],
      ['accounting', () => thread.accounting(accounting), () => inProcessUploadParsers.accounting(accounting)],
    ] as const) {
      expect(await read()).withContext(what).toEqual(await here());
      expect(thread.lastThreadId).withContext(what).not.toBe(threadId);
      expect(thread.lastThreadId).withContext(what).not.toBeNull();
    }
  });

  it('returns the readers’ refusals as their own classes, with their reason and French message', async () => {
    const broken = Buffer.from('indicateur,modalite,periode,valeur\n');
    const refused = await thread.collection(broken).catch((e: unknown) => e);
    expect(refused).toEqual(jasmine.any(CollectionUploadRefused));
    expect([(refused as CollectionUploadRefused).reason, (refused as CollectionUploadRefused).message]).toEqual([
      'structure',
      'Fichier CSV, ligne 1 : séparateur « ; » attendu (le fichier utilise des virgules). Première ligne attendue : « indicateur;modalite;periode;valeur ».',
    ]);
    expect(thread.lastThreadId).not.toBe(threadId);
    await expectAsync(thread.accounting(Buffer.from('date;ligne\n'))).toBeRejectedWithError(AccountingExportRefused, /introuvables/);
    // A workbook without a sheet passes the checks here and is refused by the reader, in the worker.
    const empty = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    Object.assign(thread, { lastThreadId: null });
    const sheetless = await thread.careOffer(empty).catch((e: unknown) => e);
    expect(sheetless).toEqual(jasmine.any(CareOfferWorkbookRefused));
    expect([(sheetless as CareOfferWorkbookRefused).reason, (sheetless as CareOfferWorkbookRefused).message]).toEqual(['structure', 'Le classeur n’a aucune feuille.']);
    expect(thread.lastThreadId).not.toBe(threadId);
    expect(thread.lastThreadId).not.toBeNull();
  });

  it('refuses an oversized workbook in this thread, without starting the worker', async () => {
    const big = issueOversizedWorkbook(template);
    const started = performance.now();
    await expectAsync(thread.collection(big)).toBeRejectedWithError(CollectionUploadRefused, /Trop de cellules à lire \(plus de 50/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(thread.lastThreadId).toBeNull();
    expect(thread.reading).toBe(0);
  });

  it('fails the files still being read when it is closed, and starts again on the next one', async () => {
    const failed = expectAsync(thread.collection(template)).toBeRejectedWithError(/interrompue/);
    // The check runs first, in this thread: close once the file has reached the worker.
    while (thread.reading === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await thread.close();
    await failed;
    expect((await thread.collection(template)).format).toBe('xlsx');
  });
});
