import { etptInputText, formatEtptBp, parseEtpt } from './ceiling-etpt';

describe('parseEtpt', () => {
  const cases: [string, ReturnType<typeof parseEtpt>][] = [
    ['4,5', { ok: true, bp: 45_000 }],
    ['4.5', { ok: true, bp: 45_000 }],
    ['12', { ok: true, bp: 120_000 }],
    [' 0,75 ETPT ', { ok: true, bp: 7_500 }],
    ['1\u202F250,25', { ok: true, bp: 12_502_500 }],
    ['0', { ok: true, bp: 0 }],
    ['10000', { ok: true, bp: 100_000_000 }],
    ['', { ok: false, message: 'Plafond attendu, en ETPT : par exemple 4,5.' }],
    ['4,125', { ok: false, message: 'Deux décimales au plus (par exemple 4,75).' }],
    ['-1', { ok: false, message: 'Le plafond ne peut pas être négatif.' }],
    ['quatre', { ok: false, message: 'Nombre d’ETPT invalide : écrivez par exemple 4,5 ou 12.' }],
    ['4,5,6', { ok: false, message: 'Nombre d’ETPT invalide : écrivez par exemple 4,5 ou 12.' }],
    ['10000,01', { ok: false, message: 'Le plafond ne peut dépasser 10 000 ETPT.' }],
    ['99999999999999999999', { ok: false, message: 'Le plafond ne peut dépasser 10 000 ETPT.' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads « ${text} »`, () => expect(parseEtpt(text)).toEqual(expected));
  }

  it('writes basis points back as typed, and as shown', () => {
    expect([45_000, 120_000, 12_345, 0].map(etptInputText)).toEqual(['4,5', '12', '1,2345', '0']);
    expect([45_000, 110_000, 8_333].map(formatEtptBp)).toEqual(['4,50', '11,00', '0,83']);
  });
});
