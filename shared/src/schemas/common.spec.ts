import { schemaTable } from '../../spec/schema-table.js';
import { IdParams, IsoDate, forbiddenControlCharacter, optionalText, requiredText } from './common.js';

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

describe('control characters', () => {
  const name = requiredText('Le nom', 50);
  const note = optionalText('La note', 50, 'multi');
  const comment = requiredText('Le commentaire', 50, 'multi');
  const refused = (label: string, code: string) => `${label} : caractère de contrôle interdit (code ${code}).`;
  schemaTable(
    name,
    [
      { name: 'accents and typographic apostrophes', input: 'Centre régional d’Île-de-France', output: 'Centre régional d’Île-de-France' },
      { name: 'an emoji and a non-Latin script', input: 'Équipe 🚑 Ελλάδα 中文', output: 'Équipe 🚑 Ελλάδα 中文' },
      { name: 'a line break at the edges, trimmed away', input: '\tNom\r\n', output: 'Nom' },
      { name: 'a non-breaking space inside', input: 'Pôle\u00a0Sud', output: 'Pôle\u00a0Sud' },
    ],
    [
      { name: 'a NUL', input: 'a\u0000b', issues: [['', refused('Le nom', 'U+0000')]] },
      { name: 'a bell', input: 'a\u0007b', issues: [['', refused('Le nom', 'U+0007')]] },
      { name: 'an escape (terminal colours)', input: '\u001b[31mrouge', issues: [['', refused('Le nom', 'U+001B')]] },
      { name: 'DEL', input: 'a\u007fb', issues: [['', refused('Le nom', 'U+007F')]] },
      { name: 'a line break inside a single-line text', input: 'ligne 1\nligne 2', issues: [['', refused('Le nom', 'U+000A')]] },
      { name: 'a tabulation inside a single-line text', input: 'a\tb', issues: [['', refused('Le nom', 'U+0009')]] },
      { name: 'a NUL alone: refused, not reported as blank', input: '\u0000', issues: [['', refused('Le nom', 'U+0000')]] },
    ],
  );
  schemaTable(
    comment,
    [
      { name: 'line breaks and tabulations in a multi-line text', input: 'Ligne 1\r\n\tLigne 2\nLigne 3', output: 'Ligne 1\r\n\tLigne 2\nLigne 3' },
      { name: 'an emoji on a second line', input: 'Merci\n👍', output: 'Merci\n👍' },
    ],
    [
      { name: 'a NUL in a multi-line text', input: 'a\u0000b', issues: [['', refused('Le commentaire', 'U+0000')]] },
      { name: 'a bell in a multi-line text', input: 'a\n\u0007', issues: [['', refused('Le commentaire', 'U+0007')]] },
      { name: 'an escape in a multi-line text', input: '\u001b[2J', issues: [['', refused('Le commentaire', 'U+001B')]] },
      { name: 'a vertical tabulation', input: 'a\u000bb', issues: [['', refused('Le commentaire', 'U+000B')]] },
    ],
  );
  schemaTable(
    note,
    [
      { name: 'an optional multi-line text', input: 'a\nb', output: 'a\nb' },
      { name: 'null', input: null, output: null },
    ],
    [{ name: 'a NUL in an optional text', input: '\u0000', issues: [['', refused('La note', 'U+0000')]] }],
  );
  it('names the first control character found, as U+XXXX', () => {
    expect(forbiddenControlCharacter('ok')).toBeNull();
    expect(forbiddenControlCharacter('a\u0001b\u0000')).toBe('U+0001');
    expect(forbiddenControlCharacter('a\nb', 'multi')).toBeNull();
    expect(forbiddenControlCharacter('a\nb', 'single')).toBe('U+000A');
    expect(forbiddenControlCharacter('\u0080\u2028', 'single')).toBeNull();
  });
});
