/**
 * A small, safe expression language for consistency rules between indicators, such as
 * `ACT_NEW <= ACT_FA` or `abs(ACT_FA - (ACT_FA[0-5] + ACT_FA[6-11] + ACT_FA[12-17] + ACT_FA[18+])) <= 0`.
 *
 * A hand-written tokenizer and recursive-descent parser build an AST; the evaluator walks it.
 * No `eval`, no `Function`, nothing but numbers, indicator references and four functions.
 *
 * Grammar (lowest precedence first; keywords and function names are case-insensitive):
 * ```
 * rule       := or                                   -- must be a condition
 * or         := and ( "or" and )*
 * and        := comparison ( "and" comparison )*
 * comparison := additive ( ("<" | "<=" | ">" | ">=" | "==" | "!=") additive )?   -- not chained
 * additive   := term ( ("+" | "-") term )*
 * term       := unary ( ("*" | "/") unary )*
 * unary      := ("-" | "not") unary | primary
 * primary    := NUMBER | CODE ( "[" OPTION "]" )? | FUNCTION "(" or ( "," or )* ")" | "(" or ")"
 * NUMBER     := digits ( "." digits )?                -- a decimal point, never a comma
 * CODE       := [A-Z][A-Z0-9_]*                       -- an indicator code
 * OPTION     := [A-Za-z0-9+\-_.]+                     -- a disaggregation option code
 * FUNCTION   := abs | min | max | round
 * ```
 * As in the request that specified it, `not` binds like unary minus, tighter than comparisons:
 * `not ACT_FA > 3` is refused (« not » on a number) and must be written `not (ACT_FA > 3)`.
 * Expressions are typed (number or condition) at parse time, so such mistakes never reach evaluation.
 */

export const RULE_MAX_LENGTH = 500;
export const RULE_MAX_DEPTH = 50;
/** Comparison tolerance, relative to the larger operand above 1 and absolute below. */
export const RULE_TOLERANCE = 1e-9;

export const RULE_FUNCTIONS = ['abs', 'min', 'max', 'round'] as const;
export type RuleFunction = (typeof RULE_FUNCTIONS)[number];

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOperator = 'and' | 'or';

export type RuleNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'ref'; readonly code: string; readonly option?: string }
  | { readonly kind: 'call'; readonly fn: RuleFunction; readonly args: readonly RuleNode[] }
  | { readonly kind: 'negate'; readonly operand: RuleNode }
  | { readonly kind: 'not'; readonly operand: RuleNode }
  | { readonly kind: 'arithmetic'; readonly op: ArithmeticOperator; readonly left: RuleNode; readonly right: RuleNode }
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly left: RuleNode; readonly right: RuleNode }
  | { readonly kind: 'logical'; readonly op: LogicalOperator; readonly left: RuleNode; readonly right: RuleNode };

/** A parsed rule: always a condition (a comparison, `and`, `or` or `not`). */
export type RuleAst = Extract<RuleNode, { kind: 'compare' | 'logical' | 'not' }>;

export interface RuleReference {
  readonly code: string;
  readonly option?: string;
}

export type RuleOutcome = 'pass' | 'fail' | 'incomplete';

/** A rule that cannot be parsed; `position` is the 0-based offset in the source. The message is French. */
export class RuleSyntaxError extends Error {
  override readonly name = 'RuleSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const CONDITION_EXPECTED = 'La règle doit être une condition (comparaison), par exemple ACT_NEW <= ACT_FA.';

// ---- Tokenizer ----

type TokenType = 'number' | 'name' | 'option' | 'symbol' | 'end';
interface Token {
  readonly type: TokenType;
  /** The source text (for an option: the code between the brackets). */
  readonly text: string;
  readonly pos: number;
  /** Length in the source (for an option, brackets included). */
  readonly length: number;
}

const NUMBER_RE = /\d+(?:\.\d+)?/y;
const NAME_RE = /[A-Za-z][A-Za-z0-9_]*/y;
const OPTION_CHAR_RE = /[A-Za-z0-9+\-_.]/;
const CODE_RE = /^[A-Z][A-Z0-9_]*$/;
const TWO_CHAR_SYMBOLS = ['<=', '>=', '==', '!='];
const ONE_CHAR_SYMBOLS = '<>+-*/(),';
const HINTS: Record<string, string> = {
  '=': 'l’égalité s’écrit « == »',
  '&': 'écrivez « and »',
  '|': 'écrivez « or »',
  '!': 'écrivez « not » ou « != »',
};

function charAt(source: string, pos: number): string {
  return String.fromCodePoint(source.codePointAt(pos) ?? 0);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const match = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(source)?.[0] ?? null;
  };
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = match(NUMBER_RE);
    if (number !== null) {
      tokens.push({ type: 'number', text: number, pos: i, length: number.length });
      i += number.length;
      continue;
    }
    const name = match(NAME_RE);
    if (name !== null) {
      tokens.push({ type: 'name', text: name, pos: i, length: name.length });
      i += name.length;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      while (j < source.length && OPTION_CHAR_RE.test(source[j])) j++;
      if (j >= source.length) throw new RuleSyntaxError(`Crochet fermant « ] » attendu à la position ${j}.`, j);
      if (/\s/.test(source[j])) throw new RuleSyntaxError(`Espace interdit dans un code de modalité à la position ${j}.`, j);
      if (source[j] !== ']') {
        throw new RuleSyntaxError(
          `Caractère « ${charAt(source, j)} » interdit dans un code de modalité à la position ${j} : lettres, chiffres, « + », « - », « _ » ou « . ».`,
          j,
        );
      }
      if (j === i + 1) throw new RuleSyntaxError(`Code de modalité vide à la position ${i}.`, i);
      tokens.push({ type: 'option', text: source.slice(i + 1, j), pos: i, length: j + 1 - i });
      i = j + 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_SYMBOLS.includes(two)) {
      tokens.push({ type: 'symbol', text: two, pos: i, length: 2 });
      i += 2;
      continue;
    }
    if (ONE_CHAR_SYMBOLS.includes(c)) {
      tokens.push({ type: 'symbol', text: c, pos: i, length: 1 });
      i++;
      continue;
    }
    const hint = HINTS[c];
    const shown = charAt(source, i);
    throw new RuleSyntaxError(`Symbole inattendu « ${shown} » à la position ${i}${hint ? ` : ${hint}` : ''}.`, i);
  }
  tokens.push({ type: 'end', text: '', pos: source.length, length: 0 });
  return tokens;
}

// ---- Parser ----

type ValueKind = 'number' | 'condition';
interface Typed {
  readonly node: RuleNode;
  readonly kind: ValueKind;
  /** Where the expression starts in the source. */
  readonly pos: number;
}

const COMPARISONS: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];
const ARITY: Record<RuleFunction, { min: number; max: number }> = {
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 1 },
  min: { min: 2, max: Number.POSITIVE_INFINITY },
  max: { min: 2, max: Number.POSITIVE_INFINITY },
};
const isKeyword = (t: Token, word: 'and' | 'or' | 'not') => t.type === 'name' && t.text.toLowerCase() === word;
const isSymbol = (t: Token, symbol: string) => t.type === 'symbol' && t.text === symbol;
const shownToken = (t: Token) => (t.type === 'option' ? `[${t.text}]` : t.text);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseRule(): RuleAst {
    const result = this.parseOr();
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpectedAfterValue(next);
    if (result.kind !== 'condition') throw new RuleSyntaxError(CONDITION_EXPECTED, 0);
    return result.node as RuleAst;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private advance(): Token {
    return this.tokens[this.index++];
  }

  private enter(pos: number): void {
    if (++this.depth > RULE_MAX_DEPTH) {
      throw new RuleSyntaxError(`Règle trop imbriquée à la position ${pos} : ${RULE_MAX_DEPTH} niveaux au plus.`, pos);
    }
  }

  private leave(): void {
    this.depth--;
  }

  /** A comma between two digits with no space, as in `12,5`: a French decimal comma. */
  private decimalCommaAt(commaIndex: number): RuleSyntaxError | null {
    const [before, comma, after] = [this.tokens[commaIndex - 1], this.tokens[commaIndex], this.tokens[commaIndex + 1]];
    if (!before || !after || !isSymbol(comma, ',') || before.type !== 'number' || after.type !== 'number') return null;
    if (before.pos + before.length !== comma.pos || comma.pos + 1 !== after.pos) return null;
    return new RuleSyntaxError(
      `Virgule décimale non acceptée à la position ${comma.pos} : écrivez ${before.text}.${after.text} avec un point.`,
      comma.pos,
    );
  }

  /** A token that cannot follow a complete value. */
  private unexpectedAfterValue(t: Token): RuleSyntaxError {
    const comma = this.decimalCommaAt(this.index);
    if (comma) return comma;
    if (isSymbol(t, ')')) return new RuleSyntaxError(`Parenthèse fermante sans parenthèse ouvrante à la position ${t.pos}.`, t.pos);
    if (t.type === 'option') return this.strayOption(t);
    return new RuleSyntaxError(`Opérateur attendu à la position ${t.pos} (« ${shownToken(t)} » trouvé).`, t.pos);
  }

  private strayOption(t: Token): RuleSyntaxError {
    return new RuleSyntaxError(
      `Une modalité entre crochets suit le code d’un indicateur, par exemple ACT_FA[18+] (position ${t.pos}).`,
      t.pos,
    );
  }

  private expectClosing(): void {
    const t = this.peek();
    if (isSymbol(t, ')')) {
      this.advance();
      return;
    }
    throw this.decimalCommaAt(this.index) ?? new RuleSyntaxError(`Parenthèse fermante attendue à la position ${t.pos}.`, t.pos);
  }

  private requireCondition(operand: Typed, operator: 'and' | 'or' | 'not'): void {
    if (operand.kind === 'condition') return;
    const message =
      operator === 'not'
        ? `« not » s’applique à une condition, par exemple not (ACT_NEW > ACT_FA) avec des parenthèses (position ${operand.pos}).`
        : `« ${operator} » relie des conditions (comparaisons), pas des nombres (position ${operand.pos}).`;
    throw new RuleSyntaxError(message, operand.pos);
  }

  private requireNumber(operand: Typed, context: string): void {
    if (operand.kind === 'number') return;
    throw new RuleSyntaxError(`${context} porte sur des nombres, pas sur une condition (position ${operand.pos}).`, operand.pos);
  }

  private parseOr(): Typed {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), 'or')) {
      this.advance();
      const right = this.parseAnd();
      this.requireCondition(left, 'or');
      this.requireCondition(right, 'or');
      left = { node: { kind: 'logical', op: 'or', left: left.node, right: right.node }, kind: 'condition', pos: left.pos };
    }
    return left;
  }

  private parseAnd(): Typed {
    let left = this.parseComparison();
    while (isKeyword(this.peek(), 'and')) {
      this.advance();
      const right = this.parseComparison();
      this.requireCondition(left, 'and');
      this.requireCondition(right, 'and');
      left = { node: { kind: 'logical', op: 'and', left: left.node, right: right.node }, kind: 'condition', pos: left.pos };
    }
    return left;
  }

  private parseComparison(): Typed {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.type !== 'symbol' || !COMPARISONS.includes(t.text)) return left;
    this.advance();
    const right = this.parseAdditive();
    this.requireNumber(left, 'Une comparaison');
    this.requireNumber(right, 'Une comparaison');
    const again = this.peek();
    if (again.type === 'symbol' && COMPARISONS.includes(again.text)) {
      throw new RuleSyntaxError(
        `Comparaisons enchaînées impossibles à la position ${again.pos} : reliez-les par « and », par exemple A <= B and B <= C.`,
        again.pos,
      );
    }
    const op = t.text as ComparisonOperator;
    return { node: { kind: 'compare', op, left: left.node, right: right.node }, kind: 'condition', pos: left.pos };
  }

  private parseAdditive(): Typed {
    let left = this.parseTerm();
    for (let t = this.peek(); isSymbol(t, '+') || isSymbol(t, '-'); t = this.peek()) {
      this.advance();
      const right = this.parseTerm();
      this.requireNumber(left, `Le calcul « ${t.text} »`);
      this.requireNumber(right, `Le calcul « ${t.text} »`);
      const op = t.text as ArithmeticOperator;
      left = { node: { kind: 'arithmetic', op, left: left.node, right: right.node }, kind: 'number', pos: left.pos };
    }
    return left;
  }

  private parseTerm(): Typed {
    let left = this.parseUnary();
    for (let t = this.peek(); isSymbol(t, '*') || isSymbol(t, '/'); t = this.peek()) {
      this.advance();
      const right = this.parseUnary();
      this.requireNumber(left, `Le calcul « ${t.text} »`);
      this.requireNumber(right, `Le calcul « ${t.text} »`);
      const op = t.text as ArithmeticOperator;
      left = { node: { kind: 'arithmetic', op, left: left.node, right: right.node }, kind: 'number', pos: left.pos };
    }
    return left;
  }

  private parseUnary(): Typed {
    const t = this.peek();
    if (isSymbol(t, '-') || isKeyword(t, 'not')) {
      this.advance();
      this.enter(t.pos);
      const operand = this.parseUnary();
      this.leave();
      if (isSymbol(t, '-')) {
        this.requireNumber(operand, 'Le signe « - »');
        return { node: { kind: 'negate', operand: operand.node }, kind: 'number', pos: t.pos };
      }
      this.requireCondition(operand, 'not');
      return { node: { kind: 'not', operand: operand.node }, kind: 'condition', pos: t.pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Typed {
    const t = this.advance();
    switch (t.type) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw new RuleSyntaxError(`Nombre trop grand à la position ${t.pos}.`, t.pos);
        return { node: { kind: 'number', value }, kind: 'number', pos: t.pos };
      }
      case 'name':
        return isSymbol(this.peek(), '(') ? this.parseCall(t) : this.parseReference(t);
      case 'option':
        throw this.strayOption(t);
      case 'end':
        throw new RuleSyntaxError(`Règle incomplète : valeur attendue à la position ${t.pos}.`, t.pos);
      case 'symbol': {
        if (t.text === '(') {
          this.enter(t.pos);
          const inner = this.parseOr();
          this.expectClosing();
          this.leave();
          return { ...inner, pos: t.pos };
        }
        const comma = this.decimalCommaAt(this.index - 1);
        if (comma) throw comma;
        throw new RuleSyntaxError(`Valeur attendue à la position ${t.pos} (« ${t.text} » trouvé).`, t.pos);
      }
    }
  }

  private parseReference(t: Token): Typed {
    const word = t.text.toLowerCase();
    if (word === 'and' || word === 'or' || word === 'not') {
      throw new RuleSyntaxError(`Valeur attendue à la position ${t.pos} (« ${t.text} » trouvé).`, t.pos);
    }
    if ((RULE_FUNCTIONS as readonly string[]).includes(word)) {
      throw new RuleSyntaxError(`Parenthèse ouvrante attendue après la fonction « ${word} » à la position ${t.pos + t.length}.`, t.pos + t.length);
    }
    if (!CODE_RE.test(t.text)) {
      throw new RuleSyntaxError(
        `Code d’indicateur invalide « ${t.text} » à la position ${t.pos} : lettres majuscules, chiffres et « _ », en commençant par une lettre.`,
        t.pos,
      );
    }
    const next = this.peek();
    if (next.type === 'option') {
      this.advance();
      return { node: { kind: 'ref', code: t.text, option: next.text }, kind: 'number', pos: t.pos };
    }
    return { node: { kind: 'ref', code: t.text }, kind: 'number', pos: t.pos };
  }

  private parseCall(name: Token): Typed {
    const fn = name.text.toLowerCase() as RuleFunction;
    if (!RULE_FUNCTIONS.includes(fn)) throw new RuleSyntaxError(`Fonction inconnue « ${name.text} ».`, name.pos);
    const { min, max } = ARITY[fn];
    this.advance(); // (
    this.enter(name.pos);
    const args: Typed[] = [];
    if (!isSymbol(this.peek(), ')')) {
      for (;;) {
        args.push(this.parseOr());
        const t = this.peek();
        if (!isSymbol(t, ',')) break;
        if (args.length >= max) {
          throw this.decimalCommaAt(this.index) ?? new RuleSyntaxError(this.arityMessage(fn, t.pos), t.pos);
        }
        this.advance();
      }
    }
    const closing = this.peek();
    this.expectClosing();
    this.leave();
    if (args.length < min) throw new RuleSyntaxError(this.arityMessage(fn, closing.pos), closing.pos);
    // Types are checked once the call is closed, so a missing parenthesis is reported first.
    args.forEach((arg) => this.requireNumber(arg, `La fonction « ${fn} »`));
    return { node: { kind: 'call', fn, args: args.map((arg) => arg.node) }, kind: 'number', pos: name.pos };
  }

  private arityMessage(fn: RuleFunction, pos: number): string {
    const { min, max } = ARITY[fn];
    const expected = min === max ? 'un seul argument' : `au moins ${min} arguments`;
    return `La fonction « ${fn} » attend ${expected} (position ${pos}).`;
  }
}

/**
 * Parses a rule; throws RuleSyntaxError (French message, 0-based position) when it is not a valid
 * condition. At most RULE_MAX_LENGTH characters and RULE_MAX_DEPTH nested levels.
 */
export function parseRule(source: string): RuleAst {
  if (typeof source !== 'string') throw new RuleSyntaxError('La règle doit être un texte.', 0);
  if (source.length > RULE_MAX_LENGTH) {
    throw new RuleSyntaxError(`La règle dépasse ${RULE_MAX_LENGTH} caractères (${source.length}).`, RULE_MAX_LENGTH);
  }
  if (source.trim() === '') throw new RuleSyntaxError('La règle est vide.', 0);
  return new Parser(tokenize(source)).parseRule();
}

export type RuleCheck =
  | { readonly valid: true; readonly message: null; readonly position: null; readonly references: RuleReference[] }
  | { readonly valid: false; readonly message: string; readonly position: number; readonly references: RuleReference[] };

/** Parses without throwing, in the shape of the catalogue's CheckRuleResult. */
export function checkRule(source: string): RuleCheck {
  try {
    return { valid: true, message: null, position: null, references: referencesOf(parseRule(source)) };
  } catch (error) {
    if (error instanceof RuleSyntaxError) return { valid: false, message: error.message, position: error.position, references: [] };
    throw error;
  }
}

// ---- References ----

const referenceKey = (code: string, option?: string) => (option === undefined ? code : `${code}[${option}]`);

function walk(node: RuleNode, visit: (node: RuleNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'call':
      node.args.forEach((arg) => walk(arg, visit));
      break;
    case 'negate':
    case 'not':
      walk(node.operand, visit);
      break;
    case 'arithmetic':
    case 'compare':
    case 'logical':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
  }
}

/** The indicator references of a rule, in order of first appearance, each once (`ACT_FA` and `ACT_FA[18+]` are two). */
export function referencesOf(ast: RuleNode): RuleReference[] {
  const seen = new Map<string, RuleReference>();
  walk(ast, (node) => {
    if (node.kind !== 'ref') return;
    const key = referenceKey(node.code, node.option);
    if (!seen.has(key)) seen.set(key, node.option === undefined ? { code: node.code } : { code: node.code, option: node.option });
  });
  return [...seen.values()];
}

// ---- Evaluation ----

const INCOMPLETE = Symbol('incomplete');
type Value = number | boolean | typeof INCOMPLETE;

const tolerance = (a: number, b: number) => RULE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

function compare(op: ComparisonOperator, a: number, b: number): boolean {
  const tol = tolerance(a, b);
  switch (op) {
    case '==':
      return Math.abs(a - b) <= tol;
    case '!=':
      return Math.abs(a - b) > tol;
    case '<':
      return a < b - tol;
    case '<=':
      return a <= b + tol;
    case '>':
      return a > b + tol;
    case '>=':
      return a >= b - tol;
  }
}

/** Round half away from zero (2.5 → 3, -2.5 → -3), the project's rounding rule. */
function roundHalfAwayFromZero(x: number): number {
  const a = Math.abs(x);
  const floor = Math.floor(a);
  const rounded = a - floor >= 0.5 - RULE_TOLERANCE ? floor + 1 : floor;
  return x < 0 ? -rounded : rounded;
}

function numeric(value: number): number | typeof INCOMPLETE {
  return Number.isFinite(value) ? value : INCOMPLETE;
}

function arithmetic(op: ArithmeticOperator, a: Value, b: Value): Value {
  if (typeof a !== 'number' || typeof b !== 'number') return INCOMPLETE;
  switch (op) {
    case '+':
      return numeric(a + b);
    case '-':
      return numeric(a - b);
    case '*':
      return numeric(a * b);
    case '/':
      return Math.abs(b) <= RULE_TOLERANCE ? INCOMPLETE : numeric(a / b);
  }
}

function evaluateNode(node: RuleNode, values: ReadonlyMap<string, number>): Value {
  const sub = (n: RuleNode) => evaluateNode(n, values);
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'ref':
      return values.get(referenceKey(node.code, node.option)) ?? INCOMPLETE;
    case 'call': {
      const args = node.args.map(sub);
      if (args.some((a) => typeof a !== 'number')) return INCOMPLETE;
      const nums = args as number[];
      if (node.fn === 'abs') return Math.abs(nums[0]);
      if (node.fn === 'round') return roundHalfAwayFromZero(nums[0]);
      return node.fn === 'min' ? Math.min(...nums) : Math.max(...nums);
    }
    case 'negate': {
      const v = sub(node.operand);
      return typeof v === 'number' ? -v : INCOMPLETE;
    }
    case 'not': {
      const v = sub(node.operand);
      return typeof v === 'boolean' ? !v : INCOMPLETE;
    }
    case 'arithmetic':
      return arithmetic(node.op, sub(node.left), sub(node.right));
    case 'compare': {
      const [a, b] = [sub(node.left), sub(node.right)];
      if (typeof a !== 'number' || typeof b !== 'number') return INCOMPLETE;
      return compare(node.op, a, b);
    }
    case 'logical': {
      // Both sides are always evaluated: a rule is incomplete as soon as any part of it is.
      const [a, b] = [sub(node.left), sub(node.right)];
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return INCOMPLETE;
      return node.op === 'and' ? a && b : a || b;
    }
  }
}

/**
 * Evaluates a rule against values looked up by indicator code (and option).
 * - `incomplete` when any referenced value is missing (`null`, `undefined` or not a finite
 *   number), whatever the rest of the rule says: a rule does not fire until its data is there;
 *   also on a division by zero (a divisor within RULE_TOLERANCE of 0) or an overflow;
 * - otherwise `pass` or `fail`, comparing with a tolerance of RULE_TOLERANCE (relative above 1).
 * Each distinct reference is looked up once, in order of first appearance.
 */
export function evaluateRule(ast: RuleAst, lookup: (code: string, option?: string) => number | null): RuleOutcome {
  const values = new Map<string, number>();
  for (const ref of referencesOf(ast)) {
    const value = ref.option === undefined ? lookup(ref.code) : lookup(ref.code, ref.option);
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'incomplete';
    values.set(referenceKey(ref.code, ref.option), value);
  }
  const result = evaluateNode(ast, values);
  if (result === INCOMPLETE) return 'incomplete';
  if (typeof result !== 'boolean') throw new RuleSyntaxError(CONDITION_EXPECTED, 0);
  return result ? 'pass' : 'fail';
}

// ---- Formatting ----

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, compare: 3, '+': 4, '-': 4, '*': 5, '/': 5, unary: 6, primary: 7 };

function precedenceOf(node: RuleNode): number {
  switch (node.kind) {
    case 'logical':
      return PRECEDENCE[node.op];
    case 'compare':
      return PRECEDENCE['compare'];
    case 'arithmetic':
      return PRECEDENCE[node.op];
    case 'negate':
    case 'not':
      return PRECEDENCE['unary'];
    case 'number':
      return node.value < 0 || Object.is(node.value, -0) ? PRECEDENCE['unary'] : PRECEDENCE['primary'];
    default:
      return PRECEDENCE['primary'];
  }
}

/** Plain decimal notation, never `1e+21` or `1e-7`, so the output parses again. */
function formatNumber(value: number): string {
  let digits = String(Math.abs(value));
  const exponential = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(digits);
  if (exponential) {
    // The shortest digits that read back to the same number, moved to plain notation.
    const significant = exponential[1] + (exponential[2] ?? '');
    const exponent = Number(exponential[3]);
    digits =
      exponent >= 0
        ? significant.padEnd(exponent + 1, '0')
        : `0.${'0'.repeat(-exponent - 1)}${significant}`;
  }
  return value < 0 || Object.is(value, -0) ? `-${digits}` : digits;
}

/**
 * The canonical text of a rule: single spaces around binary operators, lower-case keywords and
 * functions, only the parentheses precedence needs. `parseRule(formatRule(ast))` gives back `ast`.
 */
export function formatRule(ast: RuleNode): string {
  const wrap = (node: RuleNode, parens: boolean) => (parens ? `(${formatRule(node)})` : formatRule(node));
  switch (ast.kind) {
    case 'number':
      return formatNumber(ast.value);
    case 'ref':
      return ast.option === undefined ? ast.code : `${ast.code}[${ast.option}]`;
    case 'call':
      return `${ast.fn}(${ast.args.map((arg) => formatRule(arg)).join(', ')})`;
    case 'negate':
      return `-${wrap(ast.operand, precedenceOf(ast.operand) <= PRECEDENCE['unary'])}`;
    case 'not':
      return `not ${wrap(ast.operand, precedenceOf(ast.operand) < PRECEDENCE['unary'])}`;
    case 'arithmetic':
    case 'compare':
    case 'logical': {
      const p = precedenceOf(ast);
      // Left-associative; comparisons do not chain, so a comparison on either side needs parentheses.
      const left = wrap(ast.left, precedenceOf(ast.left) < p || (ast.kind === 'compare' && precedenceOf(ast.left) <= p));
      const right = wrap(ast.right, precedenceOf(ast.right) <= p);
      return `${left} ${ast.op} ${right}`;
    }
  }
}
