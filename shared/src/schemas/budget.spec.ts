import { expectFrenchMessages, schemaTable } from '../../spec/schema-table.js';
import {
  AccountingImportQuery,
  AttachmentUploadQuery,
  BudgetComparisonQuery,
  CreateBudgetDecision,
  CreateCommitment,
  CreatePayment,
  ExecutionQuery,
  PutFundingNotification,
  PutLineForecast,
  ReverseEntry,
  WithdrawAttachment,
  WithdrawLineForecast,
  YearParams,
} from './budget.js';

const decision = { year: 2026, kind: 'transfer', decidedOn: '2026-04-15', entries: [{ lineId: 1, aeDeltaCents: -100, cpDeltaCents: -100 }, { lineId: 2, aeDeltaCents: 100, cpDeltaCents: 100 }] };
const commitment = { lineId: 3, committedOn: '2026-03-01', thirdParty: ' UGAP ', object: 'Fournitures', amountCents: 123_456 };
const payment = { lineId: 3, paidOn: '2026-04-01', kind: 'invoice', amountCents: 100 };

describe('CreateBudgetDecision', () => {
  schemaTable(
    CreateBudgetDecision,
    [{ name: 'a transfer, reference and rationale absent as null', input: decision, output: { ...decision, reference: null, rationale: null } }],
    [
      { name: 'no entries', input: { ...decision, entries: [] }, issues: [['entries', 'Une décision modifie au moins une ligne.']] },
      {
        name: 'a line twice',
        input: { ...decision, entries: [decision.entries[0], { ...decision.entries[1], lineId: 1 }] },
        issues: [['entries', 'Une ligne figure deux fois dans la décision.']],
      },
      { name: 'an entry changing nothing', input: { ...decision, entries: [{ lineId: 1, aeDeltaCents: 0, cpDeltaCents: 0 }] }, issues: [['entries.0', 'Une ligne de la décision ne change ni les AE ni les CP.']] },
      { name: 'euros with decimals instead of cents', input: { ...decision, entries: [{ lineId: 1, aeDeltaCents: 12.5, cpDeltaCents: 12 }] }, issues: [['entries.0.aeDeltaCents', 'La variation d’AE : un montant en centimes (entier) est attendu.']] },
      { name: 'an unknown kind', input: { ...decision, kind: 'dm' }, issues: [['kind']] },
      { name: 'a year out of range', input: { ...decision, year: 1999 }, issues: [['year', 'Année attendue entre 2000 et 2100.']] },
    ],
  );
});

describe('CreateCommitment and CreatePayment', () => {
  schemaTable(
    CreateCommitment,
    [{ name: 'a commitment, third party trimmed', input: commitment, output: { ...commitment, thirdParty: 'UGAP', reference: null } }],
    [
      { name: 'a zero amount', input: { ...commitment, amountCents: 0 }, issues: [['amountCents', 'Le montant doit être strictement positif.']] },
      { name: 'a negative amount (a correction is a reversal)', input: { ...commitment, amountCents: -5 }, issues: [['amountCents', 'Le montant doit être strictement positif.']] },
      { name: 'an amount as a string', input: { ...commitment, amountCents: '12,50' }, issues: [['amountCents', 'Le montant : un montant en centimes (entier) est attendu.']] },
    ],
  );
  schemaTable(
    CreatePayment,
    [{ name: 'a payment without commitment', input: payment, output: { ...payment, commitmentId: null, reference: null } }],
    [{ name: 'an unknown kind', input: { ...payment, kind: 'cash' }, issues: [['kind']] }],
  );
  it('gives French messages only', () => {
    expectFrenchMessages(CreatePayment, { empty: {}, wrongTypes: { lineId: 'x', paidOn: 3, kind: 1, amountCents: 'x' } });
    expectFrenchMessages(CreateCommitment, { empty: {}, extra: { ...commitment, foo: 1 } });
  });
});

describe('other budget inputs', () => {
  schemaTable(ReverseEntry, [{ name: 'a full reversal with its reason', input: { date: '2026-05-01', reason: ' Doublon ' }, output: { date: '2026-05-01', reason: 'Doublon' } }], [
    { name: 'a reversal without a reason', input: { date: '2026-05-01', reason: '  ' }, issues: [['reason', 'Le motif de l’annulation est obligatoire.']] },
  ]);
  schemaTable(PutFundingNotification, [{ name: 'a notified amount', input: { amountCents: 28_000_000, reference: 'Arrêté' }, output: { amountCents: 28_000_000, reference: 'Arrêté' } }], [
    { name: 'a negative notified amount', input: { amountCents: -1 }, issues: [['amountCents', 'Le montant notifié ne peut pas être négatif.']] },
  ]);
  schemaTable(YearParams, [{ name: 'a year in a path', input: { year: '2026' }, output: { year: 2026 } }], [{ name: 'a year that is not a number', input: { year: 'abc' }, issues: [['year']] }]);
  schemaTable(ExecutionQuery, [{ name: 'no date (today)', input: {}, output: {} }], [{ name: 'a date that does not exist', input: { asOf: '2026-02-30' }, issues: [['asOf', 'Cette date n’existe pas.']] }]);
});

describe('year-end forecast and comparison inputs', () => {
  schemaTable(
    PutLineForecast,
    [
      { name: 'a first forecast, comment trimmed', input: { amountCents: 2_500_000, comment: ' Colloque en décembre ' }, output: { amountCents: 2_500_000, comment: 'Colloque en décembre' } },
      { name: 'a change with the version read, zero allowed', input: { amountCents: 0, comment: 'Rien ne sera payé', version: 3 }, output: { amountCents: 0, comment: 'Rien ne sera payé', version: 3 } },
    ],
    [
      { name: 'no comment', input: { amountCents: 1, comment: ' ' }, issues: [['comment', 'Le commentaire de l’atterrissage est obligatoire.']] },
      { name: 'a missing comment', input: { amountCents: 1 }, issues: [['comment', 'Le commentaire de l’atterrissage : texte attendu.']] },
      { name: 'a negative amount', input: { amountCents: -1, comment: 'x' }, issues: [['amountCents', 'L’atterrissage ne peut pas être négatif.']] },
      { name: 'euros instead of cents', input: { amountCents: 12.5, comment: 'x' }, issues: [['amountCents', 'L’atterrissage : un montant en centimes (entier) est attendu.']] },
      { name: 'an unknown field', input: { amountCents: 1, comment: 'x', projected: 2 }, issues: [['']] },
    ],
  );
  schemaTable(WithdrawLineForecast, [{ name: 'the version read', input: { version: 2 }, output: { version: 2 } }], [
    { name: 'no version', input: {}, issues: [['version', 'La version lue est obligatoire.']] },
  ]);
  schemaTable(
    BudgetComparisonQuery,
    [
      { name: 'three years from a query string', input: { from: '2024', to: '2026' }, output: { from: 2024, to: 2026 } },
      { name: 'a single year', input: { from: '2026', to: '2026' }, output: { from: 2026, to: 2026 } },
    ],
    [
      { name: 'an inverted range', input: { from: '2026', to: '2024' }, issues: [['to', 'L’année de début doit précéder l’année de fin.']] },
      { name: 'more than ten years', input: { from: '2020', to: '2030' }, issues: [['to', 'La comparaison porte sur dix exercices au plus.']] },
      { name: 'a missing year', input: { from: '2026' }, issues: [['to']] },
    ],
  );
  it('gives French messages only', () => {
    expectFrenchMessages(PutLineForecast, { empty: {}, wrongTypes: { amountCents: 'x', comment: 3, version: 'x' } });
    expectFrenchMessages(BudgetComparisonQuery, { empty: {}, wrongTypes: { from: 'x', to: 'y' } });
  });
});

describe('supporting document inputs', () => {
  schemaTable(
    AttachmentUploadQuery,
    [
      { name: 'a PDF name with accents and spaces, trimmed', input: { fileName: ' Délibération BI 2026.pdf ' }, output: { fileName: 'Délibération BI 2026.pdf' } },
      { name: 'a JPEG name in capitals', input: { fileName: 'FACTURE.JPG' }, output: { fileName: 'FACTURE.JPG' } },
    ],
    [
      { name: 'no name', input: {}, issues: [['fileName', 'Le nom du fichier est obligatoire (paramètre fileName).']] },
      { name: 'a path', input: { fileName: '../secret.pdf' }, issues: [['fileName', 'Le nom du fichier ne peut contenir ni « / », ni « \\ », ni caractère de contrôle.']] },
      { name: 'a control character', input: { fileName: 'a\nb.pdf' }, issues: [['fileName']] },
      { name: 'another extension', input: { fileName: 'page.html' }, issues: [['fileName', 'Le nom du fichier se termine par .pdf, .png, .jpg ou .jpeg.']] },
      { name: 'a name too long', input: { fileName: `${'a'.repeat(200)}.pdf` }, issues: [['fileName', 'Le nom du fichier : 200 caractères au plus.']] },
    ],
  );
  schemaTable(WithdrawAttachment, [{ name: 'a reason', input: { reason: ' Doublon ' }, output: { reason: 'Doublon' } }], [
    { name: 'no reason', input: { reason: '' }, issues: [['reason', 'Le motif du retrait est obligatoire.']] },
  ]);
  it('gives French messages only', () => {
    expectFrenchMessages(AttachmentUploadQuery, { empty: {}, wrongTypes: { fileName: 3 }, extra: { fileName: 'a.pdf', x: 1 } });
    expectFrenchMessages(WithdrawAttachment, { empty: {}, wrongTypes: { reason: 1 } });
  });
});

describe('accounting import query', () => {
  schemaTable(
    AccountingImportQuery,
    [
      { name: 'no parameter: a dry run', input: {}, output: { dryRun: true } },
      { name: 'dryRun=false: the import', input: { dryRun: 'false' }, output: { dryRun: false } },
    ],
    [
      { name: 'another value', input: { dryRun: 'oui' }, issues: [['dryRun', 'dryRun vaut true (vérification sans enregistrement) ou false (import).']] },
      { name: 'an unknown parameter', input: { dryRun: 'true', year: '2026' }, issues: [['']] },
    ],
  );
});
