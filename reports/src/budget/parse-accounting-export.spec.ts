import ExcelJS from 'exceljs';
import { oversizedWorkbook } from '../zip/oversized-workbook-fixture.js';
import {
  ACCOUNTING_MAX_WORKBOOK_CELLS,
  AccountingExportRefused,
  checkAccountingExport,
  parseAccountingExport,
  readAccountingAmount,
  readAccountingDate,
} from './parse-accounting-export.js';

const csv = (text: string) => new TextEncoder().encode(text);

const FIXTURE = [
  'Date;Ligne;Type;Tiers;Objet;Référence;Montant;Engagement;Nature paiement',
  '15/02/2026;fonc-courant;engagement;UGAP;Fournitures de bureau;BC-2026-001;1 234,56;;',
  '2026-03-01;FONC-COURANT;paiement;UGAP;;F-2026-001;"1 000,00";BC-2026-001;facture',
  '31/01/2026;PERS;Paiement;;;PAIE-2026-01;9876,5;;paie',
].join('\r\n');

describe('parseAccountingExport', () => {
  it('reads a CSV export: dates, codes, kinds, French amounts, the commitment of a payment', async () => {
    const parsed = await parseAccountingExport(csv('\uFEFF' + FIXTURE));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      {
        location: 'Fichier CSV, ligne 2',
        kind: 'commitment',
        date: '2026-02-15',
        lineCode: 'FONC-COURANT',
        sourceCode: null,
        thirdParty: 'UGAP',
        object: 'Fournitures de bureau',
        reference: 'BC-2026-001',
        amountCents: 123_456,
        commitmentReference: null,
        paymentKind: 'invoice',
      },
      {
        location: 'Fichier CSV, ligne 3',
        kind: 'payment',
        date: '2026-03-01',
        lineCode: 'FONC-COURANT',
        sourceCode: null,
        thirdParty: 'UGAP',
        object: null,
        reference: 'F-2026-001',
        amountCents: 100_000,
        commitmentReference: 'BC-2026-001',
        paymentKind: 'invoice',
      },
      jasmine.objectContaining({ kind: 'payment', date: '2026-01-31', lineCode: 'PERS', amountCents: 987_650, paymentKind: 'payroll', thirdParty: null }),
    ]);
  });

  it('reads a receipt: its funding source instead of a line, nothing else required', async () => {
    const parsed = await parseAccountingExport(
      csv(['date;ligne;type;reference;montant;source', '12/04/2026;;recette;TR-2026-014;140 000,00;mig-h15'].join('\n')),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      jasmine.objectContaining({ kind: 'receipt', date: '2026-04-12', lineCode: '', sourceCode: 'MIG-H15', reference: 'TR-2026-014', amountCents: 14_000_000, commitmentReference: null }),
    ]);
  });

  it('refuses a receipt without a source or with a line, and a source on a payment', async () => {
    const parsed = await parseAccountingExport(
      csv(
        [
          'date;ligne;type;reference;montant;source;engagement',
          '12/04/2026;;recette;TR-1;10;;',
          '12/04/2026;FONC;recette;TR-2;10;MIG;',
          '12/04/2026;FONC;paiement;F-9;10;MIG;',
          '12/04/2026;;recette;TR-3;10;MIG;BC-1',
          '13/04/2026;;recette;TR-4;10;MIG;',
        ].join('\n'),
      ),
    );
    expect(parsed.problems).toEqual([
      { location: 'Fichier CSV, ligne 2, colonne « source »', message: 'Code de la source de financement manquant : il est obligatoire pour une recette.' },
      { location: 'Fichier CSV, ligne 3, colonne « ligne »', message: 'Une recette ne se rattache pas à une ligne de dépense : laissez cette colonne vide.' },
      { location: 'Fichier CSV, ligne 4, colonne « source »', message: 'Seule une recette nomme une source de financement : laissez cette colonne vide.' },
      { location: 'Fichier CSV, ligne 5, colonne « engagement »', message: 'Une recette ne renvoie pas à un engagement : laissez cette colonne vide.' },
    ]);
    expect(parsed.entries.map((e) => e.reference)).toEqual(['TR-4']);
  });

  it('reports every problem of every line with its line and column, in French', async () => {
    const parsed = await parseAccountingExport(
      csv(
        [
          'date;ligne;type;tiers;objet;reference;montant;engagement;nature_paiement',
          '30/02/2026;FONC;engagement;;Objet;BC-1;12,345;;',
          '01/03/2026;;avoir;X;Y;;-5;;',
          '2026-03-02;FONC;paiement;;;F-1;10;;cheque',
          '2026-03-02;FONC;engagement;T;O;BC-2;10;BC-1;',
          '2026-03-03;FONC;engagement;T;O;BC-3;10;;',
          '2026-03-04;FONC;engagement;T;O;BC-3;10;;',
        ].join('\n'),
      ),
    );
    expect(parsed.problems).toEqual([
      { location: 'Fichier CSV, ligne 2, colonne « date »', message: 'La date « 30/02/2026 » n’existe pas.' },
      { location: 'Fichier CSV, ligne 2, colonne « montant »', message: 'Montant « 12,345 » illisible : un montant en euros comme « 1 234,56 » est attendu.' },
      { location: 'Fichier CSV, ligne 2, colonne « tiers »', message: 'Tiers manquant : il est obligatoire pour un engagement.' },
      { location: 'Fichier CSV, ligne 3, colonne « type »', message: 'Type « avoir » inconnu : « engagement », « paiement » ou « recette » attendu.' },
      { location: 'Fichier CSV, ligne 3, colonne « ligne »', message: 'Code de ligne budgétaire manquant.' },
      { location: 'Fichier CSV, ligne 3, colonne « reference »', message: 'Référence manquante : elle est obligatoire (elle empêche d’importer deux fois la même écriture).' },
      {
        location: 'Fichier CSV, ligne 3, colonne « montant »',
        message: 'Le montant doit être strictement positif : une annulation se saisit dans l’application (écriture d’annulation motivée).',
      },
      { location: 'Fichier CSV, ligne 4, colonne « nature_paiement »', message: 'Nature de paiement « cheque » inconnue : facture, paie, remboursement ou autre.' },
      { location: 'Fichier CSV, ligne 5, colonne « engagement »', message: 'Un engagement ne renvoie pas à un autre engagement : laissez cette colonne vide.' },
      { location: 'Fichier CSV, ligne 7, colonne « reference »', message: 'Référence « BC-3 » en double : déjà engagée ligne 6 du fichier.' },
    ]);
    expect(parsed.entries.map((e) => e.reference)).toEqual(['BC-3']);
  });

  it('reads the first sheet of a workbook, with date and number cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export GFC');
    sheet.addRow(['Montant', 'Date', 'Ligne', 'Type', 'Tiers', 'Objet', 'Référence']);
    sheet.addRow([1234.56, new Date(Date.UTC(2026, 1, 15)), 'FONC', 'engagement', 'UGAP', 'Fournitures', 'BC-9']);
    sheet.addRow([12.345, '15/02/2026', 'FONC', 'engagement', 'UGAP', 'Fournitures', 'BC-10']);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const parsed = await parseAccountingExport(bytes);
    expect(parsed.entries).toEqual([jasmine.objectContaining({ location: 'Feuille Export GFC, ligne 2', date: '2026-02-15', amountCents: 123_456, reference: 'BC-9' })]);
    expect(parsed.problems).toEqual([{ location: 'Feuille Export GFC, ligne 3, colonne « montant »', message: 'Montant 12.345 : deux décimales au plus.' }]);
  });

  /** A workbook: a hidden « Brouillon » sheet first, then the « Export » sheet read, one entry in each. */
  async function exportWorkbook(): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const draft = workbook.addWorksheet('Brouillon', { state: 'hidden' });
    const sheet = workbook.addWorksheet('Export');
    for (const s of [draft, sheet]) {
      s.addRow(['date', 'ligne', 'type', 'tiers', 'objet', 'reference', 'montant']);
      s.addRow(['15/02/2026', 'FONC', 'engagement', 'UGAP', 'Fournitures', `BC-${s.name}`, 12]);
    }
    return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('refuses a workbook of too many lines or cells before reading it, quickly, and reads one within the limits', async () => {
    const base = await exportWorkbook();
    const started = performance.now();
    const long = oversizedWorkbook(base, { sheet: 'Export', rows: 20_000, columns: 5 });
    for (const read of [checkAccountingExport, parseAccountingExport] as ((bytes: Uint8Array) => Promise<unknown>)[]) {
      await expectAsync(read(long)).withContext(read.name).toBeRejectedWithError(AccountingExportRefused, 'Trop de lignes (plus de 20000) : 20000 au plus par import.');
    }
    // The hidden sheet is not the one read: its lines do not count, only its cells.
    const draft = oversizedWorkbook(base, { sheet: 'Brouillon', rows: 20_500, columns: 1 });
    const parsed = await parseAccountingExport(draft);
    expect(parsed.entries.map((e) => e.reference)).toEqual(['BC-Export']);
    const huge = oversizedWorkbook(base, { sheet: 'Brouillon', rows: ACCOUNTING_MAX_WORKBOOK_CELLS / 10, columns: 11 });
    const error = await checkAccountingExport(huge).catch((e: unknown) => e);
    expect(error).toEqual(jasmine.any(AccountingExportRefused));
    expect([(error as AccountingExportRefused).reason, (error as AccountingExportRefused).message]).toEqual([
      'too_large',
      'Classeur trop volumineux (plus de 400000 cellules) : exportez seulement les écritures à importer.',
    ]);
    await expectAsync(checkAccountingExport(base)).toBeResolved();
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('refuses a file it cannot read at all', async () => {
    await expectAsync(parseAccountingExport(csv('date;ligne;type\n01/01/2026;X;engagement'))).toBeRejectedWithError(AccountingExportRefused, /colonnes « reference », « montant » introuvables/);
    await expectAsync(parseAccountingExport(csv('date,ligne,type,reference,montant\n'))).toBeRejectedWithError(AccountingExportRefused, /séparateur « ; » attendu/);
    await expectAsync(parseAccountingExport(new Uint8Array([0xe9, 0x74, 0xe9]))).toBeRejectedWithError(AccountingExportRefused, /pas encodé en UTF-8/);
    await expectAsync(parseAccountingExport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeRejectedWithError(AccountingExportRefused, /illisible/);
    await expectAsync(parseAccountingExport(new Uint8Array())).toBeRejectedWithError(AccountingExportRefused, 'Le fichier est vide.');
  });

  it('reads amounts and dates the French way', () => {
    expect(readAccountingAmount('1\u202f234\u00a0567,8 €')).toEqual({ value: 123_456_780 });
    expect(readAccountingAmount('0,01')).toEqual({ value: 1 });
    expect(readAccountingAmount(0.1 + 0.2)).toEqual({ value: 30 });
    expect(readAccountingAmount('0')).toEqual({ message: jasmine.stringContaining('strictement positif') });
    expect(readAccountingDate('1/2/2026')).toEqual({ value: '2026-02-01' });
    expect(readAccountingDate('2026-13-01')).toEqual({ message: 'La date « 2026-13-01 » n’existe pas.' });
    expect(readAccountingDate('février')).toEqual({ message: 'Date « février » illisible : JJ/MM/AAAA attendu.' });
  });
});
