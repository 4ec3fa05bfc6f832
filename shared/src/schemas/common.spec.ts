import { schemaTable } from '../../spec/schema-table.js';
import { IdParams, IsoDate, optionalText, requiredText } from './common.js';

const ID_MESSAGE = 'Identifiant invalide : un entier positif est attendu.';

describe('IdParams', () => {
  schemaTable(
    IdParams,
    [
      { name: 'a numeric path segment, coerced to a number', input: { id: '12' }, output: { id: 12 } },
      { name: 'the largest int4 id', input: { id: '2147483647' }, output: { id: 2_147_483_647 } },
      { name: 'a number already parsed', input: { id: 7 }, output: { id: 7 } },
    ],
    [
      { name: 'letters', input: { id: 'abc' }, issues: [['id', ID_MESSAGE]] },
      { name: 'zero', input: { id: '0' }, issues: [['id', ID_MESSAGE]] },
      { name: 'a negative id', input: { id: '-1' }, issues: [['id', ID_MESSAGE]] },
      { name: 'a decimal', input: { id: '1.5' }, issues: [['id', ID_MESSAGE]] },
      { name: 'an empty segment', input: { id: '' }, issues: [['id', ID_MESSAGE]] },
      { name: 'a missing id', input: {}, issues: [['id', ID_MESSAGE]] },
      { name: 'an id beyond int4', input: { id: '2147483648' }, issues: [['id', 'Identifiant hors limites.']] },
    ],
  );
});

describe('IsoDate', () => {
  const FORMAT = 'Date attendue au format AAAA-MM-JJ.';
  const MISSING = 'Cette date n’existe pas.';
  schemaTable(
    IsoDate,
    [
      { name: 'an ordinary date', input: '2026-11-23', output: '2026-11-23' },
      { name: '29 February of a leap year', input: '2024-02-29', output: '2024-02-29' },
      { name: '29 February 2000 (divisible by 400)', input: '2000-02-29', output: '2000-02-29' },
      { name: '31 December', input: '2025-12-31', output: '2025-12-31' },
    ],
    [
      { name: '31 February', input: '2026-02-31', issues: [['', MISSING]] },
      { name: '29 February of a common year', input: '2023-02-29', issues: [['', MISSING]] },
      { name: '29 February 1900 (a century, not divisible by 400)', input: '1900-02-29', issues: [['', MISSING]] },
      { name: '31 April', input: '2026-04-31', issues: [['', MISSING]] },
      { name: 'month 13', input: '2026-13-01', issues: [['', MISSING]] },
      { name: 'month 00', input: '2026-00-10', issues: [['', MISSING]] },
      { name: 'day 00', input: '2026-01-00', issues: [['', MISSING]] },
      { name: 'a French-format date', input: '23/11/2026', issues: [['', FORMAT]] },
      { name: 'a timestamp', input: '2026-11-23T10:00:00Z', issues: [['', FORMAT]] },
      { name: 'a one-digit month', input: '2026-1-05', issues: [['', FORMAT]] },
      { name: 'a number', input: 20261123, issues: [['', FORMAT]] },
    ],
  );
});

describe('text helpers', () => {
  const name = requiredText('Le nom', 5);
  const note = optionalText('La note', 5);
  schemaTable(
    name,
    [{ name: 'text, trimmed', input: '  Abc ', output: 'Abc' }],
    [
      { name: 'blank text', input: '   ', issues: [['', 'Le nom est obligatoire.']] },
      { name: 'text over the limit', input: 'abcdef', issues: [['', 'Le nom : 5 caractères au plus.']] },
      { name: 'a number', input: 3, issues: [['', 'Le nom : texte attendu.']] },
    ],
  );
  schemaTable(
    note,
    [
      { name: 'optional text, trimmed', input: ' ab ', output: 'ab' },
      { name: 'empty optional text as null', input: '  ', output: null },
      { name: 'a missing optional text as null', input: undefined, output: null },
      { name: 'null optional text', input: null, output: null },
    ],
    [{ name: 'optional text over the limit', input: 'abcdef', issues: [['', 'La note : 5 caractères au plus.']] }],
  );
});
