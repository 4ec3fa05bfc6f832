import { expectFrenchMessages, schemaTable } from '../../spec/schema-table.js';
import { CreateUnit, UpdateUnit } from './unit.js';

const CLOSING = 'La date de fermeture doit suivre la date d’ouverture.';
const MISSING_DATE = 'Cette date n’existe pas.';
const CODE_RULE = 'Le code compte de 2 à 32 caractères : lettres majuscules, chiffres, « - » ou « _ ».';

const unit = { code: 'CRP-IDF', name: 'CRP Île-de-France', region: 'Île-de-France', hostInstitution: 'AP-HP', kind: 'crp', openedOn: '2019-01-01' };
const parsed = { ...unit, closedOn: null };

describe('CreateUnit', () => {
  schemaTable(
    CreateUnit,
    [
      { name: 'a complete unit, open (closedOn null)', input: unit, output: parsed },
      { name: 'a code in lower case with spaces, normalised to upper case', input: { ...unit, code: '  crp_idf-2 ' }, output: { ...parsed, code: 'CRP_IDF-2' } },
      { name: 'trimmed names', input: { ...unit, name: '  CRP  ', region: ' Bretagne ' }, output: { ...parsed, name: 'CRP', region: 'Bretagne' } },
      { name: 'an empty host institution, as null', input: { ...unit, hostInstitution: '   ' }, output: { ...parsed, hostInstitution: null } },
      { name: 'no host institution, as null', input: { code: 'CN2R', name: 'CN2R', region: 'National', kind: 'cn2r', openedOn: '2019-01-01' }, output: { code: 'CN2R', name: 'CN2R', region: 'National', hostInstitution: null, kind: 'cn2r', openedOn: '2019-01-01', closedOn: null } },
      { name: 'a closing date on the opening day', input: { ...unit, closedOn: '2019-01-01' }, output: { ...parsed, closedOn: '2019-01-01' } },
      { name: 'a closing date after the opening', input: { ...unit, closedOn: '2025-06-30' }, output: { ...parsed, closedOn: '2025-06-30' } },
      { name: 'an opening on 29 February of a leap year', input: { ...unit, openedOn: '2024-02-29' }, output: { ...parsed, openedOn: '2024-02-29' } },
    ],
    [
      { name: 'an opening on 31 February', input: { ...unit, openedOn: '2023-02-31' }, issues: [['openedOn', MISSING_DATE]] },
      { name: 'a closing on 31 June', input: { ...unit, closedOn: '2024-06-31' }, issues: [['closedOn', MISSING_DATE]] },
      { name: 'a closing the day before the opening', input: { ...unit, openedOn: '2020-03-10', closedOn: '2020-03-09' }, issues: [['closedOn', CLOSING]] },
      { name: 'a closing a year before the opening', input: { ...unit, openedOn: '2021-01-01', closedOn: '2020-12-31' }, issues: [['closedOn', CLOSING]] },
      { name: 'a one-character code', input: { ...unit, code: 'A' }, issues: [['code', CODE_RULE]] },
      { name: 'a code with a space inside', input: { ...unit, code: 'CRP IDF' }, issues: [['code', CODE_RULE]] },
      { name: 'a code starting with a dash', input: { ...unit, code: '-CRP' }, issues: [['code', CODE_RULE]] },
      { name: 'a code of 33 characters', input: { ...unit, code: 'A'.repeat(33) }, issues: [['code', CODE_RULE]] },
      { name: 'a blank name', input: { ...unit, name: '  ' }, issues: [['name', 'Le nom est obligatoire.']] },
      { name: 'a name over 200 characters', input: { ...unit, name: 'n'.repeat(201) }, issues: [['name', 'Le nom : 200 caractères au plus.']] },
      { name: 'a region over 100 characters', input: { ...unit, region: 'r'.repeat(101) }, issues: [['region', 'La région : 100 caractères au plus.']] },
      { name: 'an unknown kind', input: { ...unit, kind: 'hopital' }, issues: [['kind']] },
      { name: 'an unknown field', input: { ...unit, budget: 1 }, issues: [['']] },
      {
        name: 'an empty body, naming every required field',
        input: {},
        issues: [['code', 'Code attendu.'], ['name', 'Le nom : texte attendu.'], ['region', 'La région : texte attendu.'], ['kind'], ['openedOn', 'Date attendue au format AAAA-MM-JJ.']],
      },
    ],
  );

  it('words every message in French, the kind included', () => {
    expectFrenchMessages(CreateUnit, {
      'kind missing': { ...unit, kind: undefined },
      'kind unknown': { ...unit, kind: 'hopital' },
      'code missing': { ...unit, code: undefined },
      'dates': { ...unit, openedOn: '2020-02-30' },
    });
  });
});

describe('UpdateUnit', () => {
  schemaTable(
    UpdateUnit,
    [
      { name: 'only the version and one field, leaving the others out', input: { name: ' Autre ', version: 3 }, output: { name: 'Autre', version: 3 } },
      { name: 'a code normalised to upper case', input: { code: 'crp-x', version: 1 }, output: { code: 'CRP-X', version: 1 } },
      { name: 'a reopening (closedOn null)', input: { closedOn: null, version: 2 }, output: { closedOn: null, version: 2 } },
      { name: 'a closing date alone (checked against the stored opening by the server)', input: { closedOn: '2000-01-01', version: 2 }, output: { closedOn: '2000-01-01', version: 2 } },
    ],
    [
      { name: 'a missing version', input: { name: 'x' }, issues: [['version', 'Version attendue.']] },
      { name: 'a version given as text', input: { name: 'x', version: '2' }, issues: [['version', 'Version attendue.']] },
      { name: 'a version of 0', input: { version: 0 }, issues: [['version']] },
      { name: 'a decimal version', input: { version: 1.5 }, issues: [['version']] },
      { name: 'a date that does not exist', input: { openedOn: '2021-04-31', version: 1 }, issues: [['openedOn', MISSING_DATE]] },
      { name: 'a closing before the opening, both given', input: { openedOn: '2021-05-02', closedOn: '2021-05-01', version: 1 }, issues: [['closedOn', CLOSING]] },
      { name: 'a bad code', input: { code: 'x', version: 1 }, issues: [['code', CODE_RULE]] },
      { name: 'an id in the body', input: { id: 3, version: 1 }, issues: [['']] },
    ],
  );

  it('does not fill in the fields a PATCH leaves out (no null host institution or closing date)', () => {
    const result = UpdateUnit.parse({ version: 4 });
    expect(result).toEqual({ version: 4 });
    expect('hostInstitution' in result).toBeFalse();
    expect('closedOn' in result).toBeFalse();
  });
});
