import {
  RULE_MAX_DEPTH,
  RULE_MAX_LENGTH,
  RuleSyntaxError,
  checkRule,
  evaluateRule,
  formatRule,
  parseRule,
  referencesOf,
  type RuleNode,
} from './rule-expression.js';

const ENGLISH = /\b(unexpected|expected|invalid|token|error|syntax)\b/i;

/** The error thrown by parseRule, or fails the spec. */
function syntaxError(source: string): RuleSyntaxError {
  try {
    parseRule(source);
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(source)} was accepted`);
}

/** A lookup over a plain table: `ACT_FA` or `ACT_FA[18+]`; absent keys are null. */
const table =
  (values: Record<string, number | null>) =>
  (code: string, option?: string): number | null =>
    values[option === undefined ? code : `${code}[${option}]`] ?? null;

describe('parseRule and formatRule', () => {
  // [source, canonical text]
  const accepted: [source: string, canonical: string][] = [
    ['ACT_NEW <= ACT_FA', 'ACT_NEW <= ACT_FA'],
    ['ACT_NEW<=ACT_FA', 'ACT_NEW <= ACT_FA'],
    ['  ACT_NEW   <=\n\tACT_FA  ', 'ACT_NEW <= ACT_FA'],
    ['1 + 2 * 3 == 7', '1 + 2 * 3 == 7'],
    ['(1 + 2) * 3 == 9', '(1 + 2) * 3 == 9'],
    ['((1 + 2)) * (3) == 9', '(1 + 2) * 3 == 9'],
    ['1 - 2 - 3 < 0', '1 - 2 - 3 < 0'],
    ['1 - (2 - 3) > 0', '1 - (2 - 3) > 0'],
    ['8 / 4 / 2 == 1', '8 / 4 / 2 == 1'],
    ['8 / (4 / 2) == 4', '8 / (4 / 2) == 4'],
    ['1 + (2 + 3) == 6', '1 + (2 + 3) == 6'],
    ['-ACT_FA < 0', '-ACT_FA < 0'],
    ['- -3 > 0', '-(-3) > 0'],
    ['-(1 + 2) < 0', '-(1 + 2) < 0'],
    ['-2 * 3 < 0', '-2 * 3 < 0'],
    ['0.5 * ACT_FA >= ACT_FA[0-5]', '0.5 * ACT_FA >= ACT_FA[0-5]'],
    ['007 == 7', '7 == 7'],
    ['12.50 > 12', '12.5 > 12'],
    ['ACT_FA[18+] + ACT_FA[0-5] <= ACT_FA', 'ACT_FA[18+] + ACT_FA[0-5] <= ACT_FA'],
    ['ACT_CS[psychiatre] > 0', 'ACT_CS[psychiatre] > 0'],
    ['ACT_CS [psychiatre] > 0', 'ACT_CS[psychiatre] > 0'],
    ['X[a.b_c-d+] >= 0', 'X[a.b_c-d+] >= 0'],
    ['abs(ACT_FA - ACT_NEW) <= 10', 'abs(ACT_FA - ACT_NEW) <= 10'],
    ['ABS(ACT_FA) >= 0', 'abs(ACT_FA) >= 0'],
    ['Round(ACT_WAIT_D) == 30', 'round(ACT_WAIT_D) == 30'],
    ['min(A,B,C) < max( A , B )', 'min(A, B, C) < max(A, B)'],
    ['max(A, min(B, C + 1)) != 0', 'max(A, min(B, C + 1)) != 0'],
    ['A < B and B < C', 'A < B and B < C'],
    ['A < B AND B < C Or C < D', 'A < B and B < C or C < D'],
    ['A < B or B < C and C < D', 'A < B or B < C and C < D'],
    ['(A < B or B < C) and C < D', '(A < B or B < C) and C < D'],
    ['A < B and (B < C and C < D)', 'A < B and (B < C and C < D)'],
    ['not (A > B)', 'not (A > B)'],
    ['NOT (A > B) and not (C > D)', 'not (A > B) and not (C > D)'],
    ['not not (A > B)', 'not not (A > B)'],
    ['not (A > B or C > D)', 'not (A > B or C > D)'],
    ['(A > B)', 'A > B'],
    ['A == B', 'A == B'],
    ['A != B', 'A != B'],
    ['A >= B', 'A >= B'],
    ['A > B', 'A > B'],
    ['A < B', 'A < B'],
    ['ACT_EVT[attentat] + ACT_EVT[guerre] + ACT_EVT[autre] == ACT_NEW', 'ACT_EVT[attentat] + ACT_EVT[guerre] + ACT_EVT[autre] == ACT_NEW'],
  ];
  for (const [source, canonical] of accepted) {
    it(`reads ${JSON.stringify(source)} as ${canonical}`, () => {
      const ast = parseRule(source);
      expect(formatRule(ast)).toBe(canonical);
      // The canonical text reads back to the same tree.
      expect(parseRule(canonical)).toEqual(ast);
    });
  }

  it('builds the tree with standard precedence', () => {
    const one = { kind: 'number', value: 1 } as const;
    expect(parseRule('1 + 2 * 3 == 7')).toEqual({
      kind: 'compare',
      op: '==',
      left: {
        kind: 'arithmetic',
        op: '+',
        left: one,
        right: { kind: 'arithmetic', op: '*', left: { kind: 'number', value: 2 }, right: { kind: 'number', value: 3 } },
      },
      right: { kind: 'number', value: 7 },
    });
    expect(parseRule('A > 1 or B > 1 and C > 1')).toEqual(
      jasmine.objectContaining({ kind: 'logical', op: 'or', right: jasmine.objectContaining({ kind: 'logical', op: 'and' }) }),
    );
    expect(parseRule('-A * 2 < 0')).toEqual(
      jasmine.objectContaining({ left: jasmine.objectContaining({ kind: 'arithmetic', op: '*', left: { kind: 'negate', operand: { kind: 'ref', code: 'A' } } }) }),
    );
  });

  it('keeps the option of a disaggregated indicator', () => {
    expect(parseRule('ACT_FA[18+] > 0')).toEqual(
      jasmine.objectContaining({ left: { kind: 'ref', code: 'ACT_FA', option: '18+' } }),
    );
    expect(parseRule('ACT_FA > 0')).toEqual(jasmine.objectContaining({ left: { kind: 'ref', code: 'ACT_FA' } }));
  });

  it('formats numbers so that they parse again', () => {
    const cases: [RuleNode, string][] = [
      [{ kind: 'number', value: 1e21 }, '1000000000000000000000'],
      [{ kind: 'number', value: 1e-7 }, '0.0000001'],
      [{ kind: 'number', value: 1.5e-7 }, '0.00000015'],
      [{ kind: 'number', value: 1.25e22 }, '12500000000000000000000'],
      [{ kind: 'number', value: -3 }, '-3'],
      [{ kind: 'arithmetic', op: '-', left: { kind: 'number', value: 1 }, right: { kind: 'number', value: -3 } }, '1 - -3'],
      [{ kind: 'negate', operand: { kind: 'number', value: -3 } }, '-(-3)'],
    ];
    for (const [node, text] of cases) expect(formatRule(node)).toBe(text);
    expect(formatRule(parseRule('1000000000000000000000 > 0.0000001'))).toBe('1000000000000000000000 > 0.0000001');
  });

  it('puts back the parentheses a hand-built tree needs', () => {
    const a = { kind: 'ref', code: 'A' } as const;
    const b = { kind: 'ref', code: 'B' } as const;
    const chained: RuleNode = { kind: 'compare', op: '<', left: { kind: 'compare', op: '<', left: a, right: b }, right: a };
    expect(formatRule(chained)).toBe('(A < B) < A');
  });
});

describe('parseRule errors', () => {
  // [source, French message, position]
  const refused: [source: string, message: string, position: number][] = [
    ['', 'La règle est vide.', 0],
    ['   ', 'La règle est vide.', 0],
    ['ACT_FA', 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.', 0],
    ['ACT_FA + 1', 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.', 0],
    ['12', 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.', 0],
    ['(ACT_FA - 2)', 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.', 0],
    ['abs(ACT_FA)', 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.', 0],
    ['ACT#', 'Symbole inattendu « # » à la position 3.', 3],
    ['ACT_NEW <= ACT_FA;', 'Symbole inattendu « ; » à la position 17.', 17],
    ['A > B €', 'Symbole inattendu « € » à la position 6.', 6],
    ['A > B 😀', 'Symbole inattendu « 😀 » à la position 6.', 6],
    ['A > é', 'Symbole inattendu « é » à la position 4.', 4],
    ['A = B', 'Symbole inattendu « = » à la position 2 : l’égalité s’écrit « == ».', 2],
    ['A > 1 && B > 1', 'Symbole inattendu « & » à la position 6 : écrivez « and ».', 6],
    ['A > 1 || B > 1', 'Symbole inattendu « | » à la position 6 : écrivez « or ».', 6],
    ['!(A > 1)', 'Symbole inattendu « ! » à la position 0 : écrivez « not » ou « != ».', 0],
    ['(ACT_NEW <= ACT_FA', 'Parenthèse fermante attendue à la position 18.', 18],
    ['abs(ACT_NEW - ACT_FA < 3', 'Parenthèse fermante attendue à la position 24.', 24],
    ['(ACT_NEW + 1 ACT_FA) > 0', 'Parenthèse fermante attendue à la position 13.', 13],
    ['ACT_NEW <= ACT_FA)', 'Parenthèse fermante sans parenthèse ouvrante à la position 17.', 17],
    ['ACT_NEW ACT_FA', 'Opérateur attendu à la position 8 (« ACT_FA » trouvé).', 8],
    ['ACT_FA > 1e3', 'Opérateur attendu à la position 10 (« e3 » trouvé).', 10],
    ['ACT_NEW <=', 'Règle incomplète : valeur attendue à la position 10.', 10],
    ['ACT_NEW <= ()', 'Valeur attendue à la position 12 (« ) » trouvé).', 12],
    ['1 + * 2 > 0', 'Valeur attendue à la position 4 (« * » trouvé).', 4],
    ['A > .5', 'Symbole inattendu « . » à la position 4.', 4],
    ['A and > 1', 'Valeur attendue à la position 6 (« > » trouvé).', 6],
    ['A > 1 and or B > 1', 'Valeur attendue à la position 10 (« or » trouvé).', 10],
    ['ACT_FA > 12,5', 'Virgule décimale non acceptée à la position 11 : écrivez 12.5 avec un point.', 11],
    ['ACT_FA > 0,25 * 4', 'Virgule décimale non acceptée à la position 10 : écrivez 0.25 avec un point.', 10],
    ['(ACT_FA > 12,5)', 'Virgule décimale non acceptée à la position 12 : écrivez 12.5 avec un point.', 12],
    ['round(ACT_WAIT_D) > 12,5', 'Virgule décimale non acceptée à la position 22 : écrivez 12.5 avec un point.', 22],
    ['round(12,5) > 1', 'Virgule décimale non acceptée à la position 8 : écrivez 12.5 avec un point.', 8],
    ['foo(1) > 2', 'Fonction inconnue « foo ».', 0],
    ['1 < sqrt(ACT_FA)', 'Fonction inconnue « sqrt ».', 4],
    ['abs > 1', 'Parenthèse ouvrante attendue après la fonction « abs » à la position 3.', 3],
    ['min(A) < 2', 'La fonction « min » attend au moins 2 arguments (position 5).', 5],
    ['max() < 2', 'La fonction « max » attend au moins 2 arguments (position 4).', 4],
    ['abs(A, B) < 2', 'La fonction « abs » attend un seul argument (position 5).', 5],
    ['round() < 2', 'La fonction « round » attend un seul argument (position 6).', 6],
    ['abs(A > 1) < 2', 'La fonction « abs » porte sur des nombres, pas sur une condition (position 4).', 4],
    ['act_fa > 1', 'Code d’indicateur invalide « act_fa » à la position 0 : lettres majuscules, chiffres et « _ », en commençant par une lettre.', 0],
    ['Act_Fa > 1', 'Code d’indicateur invalide « Act_Fa » à la position 0 : lettres majuscules, chiffres et « _ », en commençant par une lettre.', 0],
    ['_ACT > 1', 'Symbole inattendu « _ » à la position 0.', 0],
    ['ACT_FA[18+ > 1', 'Espace interdit dans un code de modalité à la position 10.', 10],
    ['ACT_FA[18+', 'Crochet fermant « ] » attendu à la position 10.', 10],
    ['ACT_FA[] > 1', 'Code de modalité vide à la position 6.', 6],
    ['ACT_FA[a/b] > 1', 'Caractère « / » interdit dans un code de modalité à la position 8 : lettres, chiffres, « + », « - », « _ » ou « . ».', 8],
    ['ACT_FA[é] > 1', 'Caractère « é » interdit dans un code de modalité à la position 7 : lettres, chiffres, « + », « - », « _ » ou « . ».', 7],
    ['[18+] > 1', 'Une modalité entre crochets suit le code d’un indicateur, par exemple ACT_FA[18+] (position 0).', 0],
    ['ACT_FA[a][b] > 1', 'Une modalité entre crochets suit le code d’un indicateur, par exemple ACT_FA[18+] (position 9).', 9],
    ['abs(A)[x] > 1', 'Une modalité entre crochets suit le code d’un indicateur, par exemple ACT_FA[18+] (position 6).', 6],
    ['1 < 2 < 3', 'Comparaisons enchaînées impossibles à la position 6 : reliez-les par « and », par exemple A <= B and B <= C.', 6],
    ['not A > 3', '« not » s’applique à une condition, par exemple not (ACT_NEW > ACT_FA) avec des parenthèses (position 4).', 4],
    ['-(A > 3) < 1', 'Le signe « - » porte sur des nombres, pas sur une condition (position 1).', 1],
    ['(A > 1) + 1 > 0', 'Le calcul « + » porte sur des nombres, pas sur une condition (position 0).', 0],
    ['2 * (A > 1) > 0', 'Le calcul « * » porte sur des nombres, pas sur une condition (position 4).', 4],
    ['(A > 1) == (B > 1)', 'Une comparaison porte sur des nombres, pas sur une condition (position 0).', 0],
    ['A > 1 and B', '« and » relie des conditions (comparaisons), pas des nombres (position 10).', 10],
    ['A or B > 1', '« or » relie des conditions (comparaisons), pas des nombres (position 0).', 0],
    ['and > 1', 'Valeur attendue à la position 0 (« and » trouvé).', 0],
    ['A > 9'.padEnd(400, '9'), 'Nombre trop grand à la position 4.', 4],
  ];
  for (const [source, message, position] of refused) {
    it(`refuses ${JSON.stringify(source.length > 40 ? `${source.slice(0, 40)}…` : source)} at ${position}`, () => {
      const error = syntaxError(source);
      expect(error.message).toBe(message);
      expect(error.position).toBe(position);
      expect(error.name).toBe('RuleSyntaxError');
      expect(error.message).not.toMatch(ENGLISH);
    });
  }

  it(`accepts ${RULE_MAX_LENGTH} characters and refuses one more`, () => {
    const base = 'ACT_NEW <= ACT_FA';
    const longest = base + ' '.repeat(RULE_MAX_LENGTH - base.length);
    expect(longest.length).toBe(500);
    expect(formatRule(parseRule(longest))).toBe(base);
    const error = syntaxError(`${longest} `);
    expect(error.message).toBe('La règle dépasse 500 caractères (501).');
    expect(error.position).toBe(500);
  });

  it(`accepts ${RULE_MAX_DEPTH} nested parentheses and refuses 51`, () => {
    const nested = (n: number) => `${'('.repeat(n)}ACT_FA${')'.repeat(n)} > 1`;
    expect(formatRule(parseRule(nested(50)))).toBe('ACT_FA > 1');
    const error = syntaxError(nested(51));
    expect(error.message).toBe('Règle trop imbriquée à la position 50 : 50 niveaux au plus.');
    expect(error.position).toBe(50);
  });

  it('counts functions and unary operators as nesting too', () => {
    expect(syntaxError(`${'abs('.repeat(51)}1${')'.repeat(51)} > 0`).message).toBe('Règle trop imbriquée à la position 200 : 50 niveaux au plus.');
    expect(syntaxError(`${'-'.repeat(51)}1 > 0`).position).toBe(50);
    expect(formatRule(parseRule(`${'-'.repeat(50)}1 > 0`))).toContain('-(-(');
  });

  it('parses long flat sums without nesting limits', () => {
    const source = `${Array.from({ length: 100 }, () => 'A').join('+')} > 0`;
    expect(source.length).toBeLessThanOrEqual(500);
    expect(referencesOf(parseRule(source))).toEqual([{ code: 'A' }]);
  });

  it('refuses a value that is not text', () => {
    expect(() => parseRule(12 as unknown as string)).toThrow(new RuleSyntaxError('La règle doit être un texte.', 0));
  });
});

describe('checkRule', () => {
  it('reports a valid rule with its references', () => {
    expect(checkRule('ACT_NEW <= ACT_FA')).toEqual({
      valid: true,
      message: null,
      position: null,
      references: [{ code: 'ACT_NEW' }, { code: 'ACT_FA' }],
    });
  });

  it('reports an invalid rule with its message and position, without throwing', () => {
    expect(checkRule('(ACT_NEW <= ACT_FA')).toEqual({
      valid: false,
      message: 'Parenthèse fermante attendue à la position 18.',
      position: 18,
      references: [],
    });
  });
});

describe('referencesOf', () => {
  const cases: [source: string, refs: { code: string; option?: string }[]][] = [
    ['ACT_NEW <= ACT_FA', [{ code: 'ACT_NEW' }, { code: 'ACT_FA' }]],
    ['ACT_FA == ACT_FA[0-5] + ACT_FA[6-11] + ACT_FA[12-17] + ACT_FA[18+]', [
      { code: 'ACT_FA' },
      { code: 'ACT_FA', option: '0-5' },
      { code: 'ACT_FA', option: '6-11' },
      { code: 'ACT_FA', option: '12-17' },
      { code: 'ACT_FA', option: '18+' },
    ]],
    ['A > B and B > C or min(A, D[x], D[x]) > abs(-E)', [{ code: 'A' }, { code: 'B' }, { code: 'C' }, { code: 'D', option: 'x' }, { code: 'E' }]],
    ['not (A[x] > A[X])', [{ code: 'A', option: 'x' }, { code: 'A', option: 'X' }]],
    ['1 < 2', []],
  ];
  for (const [source, refs] of cases) {
    it(`lists the references of ${source}`, () => {
      const got = referencesOf(parseRule(source));
      expect(got).toEqual(refs);
      for (const ref of got.filter((r) => r.option === undefined)) expect('option' in ref).toBeFalse();
    });
  }
});

describe('evaluateRule', () => {
  // [source, values, outcome]
  const cases: [source: string, values: Record<string, number | null>, outcome: 'pass' | 'fail' | 'incomplete'][] = [
    ['ACT_NEW <= ACT_FA', { ACT_NEW: 394, ACT_FA: 880 }, 'pass'],
    ['ACT_NEW <= ACT_FA', { ACT_NEW: 880, ACT_FA: 880 }, 'pass'],
    ['ACT_NEW <= ACT_FA', { ACT_NEW: 881, ACT_FA: 880 }, 'fail'],
    ['ACT_NEW <= ACT_FA', { ACT_NEW: 394, ACT_FA: null }, 'incomplete'],
    ['ACT_NEW <= ACT_FA', { ACT_NEW: 394 }, 'incomplete'],
    ['ACT_NEW <= ACT_FA', {}, 'incomplete'],
    ['ACT_NEW < ACT_FA', { ACT_NEW: 880, ACT_FA: 880 }, 'fail'],
    ['ACT_NEW > ACT_FA', { ACT_NEW: 881, ACT_FA: 880 }, 'pass'],
    ['ACT_NEW >= ACT_FA', { ACT_NEW: 879, ACT_FA: 880 }, 'fail'],
    ['ACT_NEW == ACT_FA', { ACT_NEW: 880, ACT_FA: 880 }, 'pass'],
    ['ACT_NEW != ACT_FA', { ACT_NEW: 880, ACT_FA: 880 }, 'fail'],
    ['1 + 2 * 3 == 7', {}, 'pass'],
    ['(1 + 2) * 3 == 7', {}, 'fail'],
    ['10 - 4 - 3 == 3', {}, 'pass'],
    ['12 / 3 / 2 == 2', {}, 'pass'],
    ['-2 * -3 == 6', {}, 'pass'],
    ['- 2 + 5 == 3', {}, 'pass'],
    // Disaggregated total equals the sum of its options.
    ['ACT_FA == ACT_FA[0-5] + ACT_FA[6-11] + ACT_FA[12-17] + ACT_FA[18+]',
      { ACT_FA: 880, 'ACT_FA[0-5]': 10, 'ACT_FA[6-11]': 30, 'ACT_FA[12-17]': 40, 'ACT_FA[18+]': 800 }, 'pass'],
    ['ACT_FA == ACT_FA[0-5] + ACT_FA[6-11] + ACT_FA[12-17] + ACT_FA[18+]',
      { ACT_FA: 880, 'ACT_FA[0-5]': 10, 'ACT_FA[6-11]': 30, 'ACT_FA[12-17]': 40, 'ACT_FA[18+]': 799 }, 'fail'],
    ['ACT_FA == ACT_FA[0-5] + ACT_FA[6-11] + ACT_FA[12-17] + ACT_FA[18+]',
      { ACT_FA: 880, 'ACT_FA[0-5]': 10, 'ACT_FA[6-11]': 30, 'ACT_FA[12-17]': null, 'ACT_FA[18+]': 800 }, 'incomplete'],
    // Option values are not the total: a missing option stays missing even when the total is there.
    ['ACT_FA[18+] <= ACT_FA', { ACT_FA: 880 }, 'incomplete'],
    // Minors between 10 % and 25 % of new patients.
    ['ACT_NEW[minor] >= 0.1 * ACT_NEW and ACT_NEW[minor] <= 0.25 * ACT_NEW', { ACT_NEW: 394, 'ACT_NEW[minor]': 74 }, 'pass'],
    ['ACT_NEW[minor] >= 0.1 * ACT_NEW and ACT_NEW[minor] <= 0.25 * ACT_NEW', { ACT_NEW: 394, 'ACT_NEW[minor]': 120 }, 'fail'],
    ['A > 0 or B > 0', { A: 0, B: 1 }, 'pass'],
    ['A > 0 or B > 0', { A: 0, B: 0 }, 'fail'],
    ['A > 0 and B > 0', { A: 1, B: 0 }, 'fail'],
    // Any missing reference makes the rule incomplete, even where the other side would decide.
    ['A > 0 or B > 0', { A: 1, B: null }, 'incomplete'],
    ['A > 0 and B > 0', { A: 0, B: null }, 'incomplete'],
    ['not (A > 0)', { A: 0 }, 'pass'],
    ['not (A > 0)', { A: 1 }, 'fail'],
    ['not not (A > 0)', { A: 1 }, 'pass'],
    // Division by zero: incomplete, wherever it is.
    ['A / B <= 1', { A: 1, B: 0 }, 'incomplete'],
    ['A / (B - C) <= 1', { A: 1, B: 2, C: 2 }, 'incomplete'],
    ['A > 0 or A / B > 1', { A: 1, B: 0 }, 'incomplete'],
    // A divisor that is zero up to float noise (0.3 - (0.1 + 0.2)) is zero, not a huge quotient.
    ['A / (B - C) < 0', { A: 1, B: 0.3, C: 0.1 + 0.2 }, 'incomplete'],
    ['A / B <= 1', { A: 1, B: 2 }, 'pass'],
    ['0 / A == 0', { A: 5 }, 'pass'],
    // Functions.
    ['abs(A - B) <= 2', { A: 10, B: 12 }, 'pass'],
    ['abs(A - B) <= 2', { A: 10, B: 13 }, 'fail'],
    ['min(A, B, C) == 2', { A: 5, B: 2, C: 9 }, 'pass'],
    ['max(A, B, C) == 9', { A: 5, B: 2, C: 9 }, 'pass'],
    ['round(A) == 3', { A: 2.5 }, 'pass'],
    ['round(A) == -3', { A: -2.5 }, 'pass'],
    ['round(A) == 2', { A: 2.4999 }, 'pass'],
    ['round(A) == 0', { A: -0.4 }, 'pass'],
    ['round(A) == 1', { A: 0.49999999999 }, 'pass'],
    // Tolerance 1e-9: float noise does not fail a rule, a real difference does.
    ['A + B == C', { A: 0.1, B: 0.2, C: 0.3 }, 'pass'],
    ['A + B <= C', { A: 0.1, B: 0.2, C: 0.3 }, 'pass'],
    ['A + B > C', { A: 0.1, B: 0.2, C: 0.3 }, 'fail'],
    ['A + B != C', { A: 0.1, B: 0.2, C: 0.3 }, 'fail'],
    ['A == B', { A: 1, B: 1 + 5e-10 }, 'pass'],
    ['A == B', { A: 1, B: 1 + 2e-9 }, 'fail'],
    ['A < B', { A: 1, B: 1 + 5e-10 }, 'fail'],
    ['A < B', { A: 1, B: 1 + 2e-9 }, 'pass'],
    ['A >= B', { A: 1, B: 1 + 5e-10 }, 'pass'],
    ['A >= B', { A: 1, B: 1 + 2e-9 }, 'fail'],
    // Relative tolerance above 1: sums of many decimals stay equal.
    ['A == B', { A: 1e7, B: 1e7 + 0.1 }, 'fail'],
    ['A == B', { A: 1e7, B: 1e7 + 1e-3 }, 'pass'],
    ['A + B + C == D', { A: 1234567.1, B: 2345678.2, C: 3456789.3, D: 7037034.6 }, 'pass'],
    // Case-insensitive keywords evaluate the same.
    ['A > 0 AND NOT (B > 0)', { A: 1, B: 0 }, 'pass'],
    // Overflow is not a verdict.
    ['A * A * A > 0', { A: 1e200 }, 'incomplete'],
  ];
  for (const [source, values, outcome] of cases) {
    it(`gives ${outcome} for ${source} with ${JSON.stringify(values)}`, () => {
      expect(evaluateRule(parseRule(source), table(values))).toBe(outcome);
    });
  }

  it('treats values that are not finite numbers as missing', () => {
    const rule = parseRule('A >= 0');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, undefined, '3']) {
      expect(evaluateRule(rule, () => bad as unknown as number)).withContext(String(bad)).toBe('incomplete');
    }
  });

  it('looks each distinct reference up once, passing the option only when there is one', () => {
    const calls: unknown[][] = [];
    const outcome = evaluateRule(parseRule('A + A[x] + A + A[x] >= B'), (...args: unknown[]) => {
      calls.push(args);
      return 1;
    });
    expect(outcome).toBe('pass');
    expect(calls).toEqual([['A'], ['A', 'x'], ['B']]);
  });

  it('stops looking up at the first missing value', () => {
    const asked: string[] = [];
    const outcome = evaluateRule(parseRule('A > 0 and B > 0 and C > 0'), (code) => {
      asked.push(code);
      return code === 'B' ? null : 1;
    });
    expect(outcome).toBe('incomplete');
    expect(asked).toEqual(['A', 'B']);
  });
});
