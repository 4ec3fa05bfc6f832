import { z } from 'zod';

/**
 * Hostile and broken inputs for a write route, derived from its zod body schema: a valid-looking
 * base body is generated from the schema's JSON Schema, then each case breaks one thing (a wrong
 * type, a missing or extra field, a huge string or number, a negative amount, a date that does not
 * exist, an id that does not exist), and whole-body cases break the request itself (wrong content
 * type, truncated JSON, an array instead of an object, oversize). Deterministic: no randomness.
 *
 * A case is sent only when it is really hostile: either the schema refuses it (checked here with
 * `safeParse`), or it names an id that does not exist, which only the service can refuse.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

export interface RawCase {
  readonly name: string;
  /** The raw request body. */
  readonly payload: string | Buffer;
  readonly contentType: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A path into a JSON value: object keys and array indexes. */
type JsonPath = readonly (string | number)[];

/** An id no fixture ever reaches: the largest a path or an integer column accepts. */
export const UNKNOWN_ID = 2_147_483_647;
export const SAMPLE_YEAR = 2026;
const SAMPLE_DATE = `${SAMPLE_YEAR}-03-16`;

const STRING_CANDIDATES = [
  'HOSTILE_1',
  'hostile-1',
  `${SAMPLE_YEAR}-Q1`,
  `${SAMPLE_YEAR}-03`,
  String(SAMPLE_YEAR),
  'ACT_FA',
  'A1',
  'hostile',
  '1',
  'a = 1',
  'x',
];

function firstOf(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  return options.find((o) => o.type !== 'null') ?? options[0];
}

function sampleString(schema: JsonSchema, key: string): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  if (schema.format === 'email' || /email/i.test(key)) return 'hostile.case@test.local';
  if (/password/i.test(key)) return 'un-mot-de-passe-hostile-2026';
  const fits = (s: string) => s.length >= min && s.length <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') && fits(SAMPLE_DATE)) return SAMPLE_DATE;
  return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, min));
}

function sampleNumber(schema: JsonSchema, key: string): number {
  const lo = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -Infinity);
  const hi = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? Infinity);
  const wish = /year/i.test(key) ? SAMPLE_YEAR : /bp$|basis/i.test(key) ? 10_000 : 1;
  return Math.min(Math.max(wish, lo), hi);
}

/** A value the JSON Schema accepts, as plain as possible; null when nothing fits. */
export function sampleFromJsonSchema(schema: JsonSchema, key = ''): Json {
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum) return schema.enum[0] as Json;
  if (schema.allOf?.length) return sampleFromJsonSchema(schema.allOf[0], key);
  if (schema.anyOf || schema.oneOf) return sampleFromJsonSchema(firstOf(schema), key);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = sampleFromJsonSchema(prop, name);
      return out;
    }
    case 'array': {
      const item = schema.items ?? schema.prefixItems?.[0];
      return item ? Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleFromJsonSchema(item, key.replace(/s$/, ''))) : [];
    }
    case 'string':
      return sampleString(schema, key);
    case 'integer':
    case 'number':
      return sampleNumber(schema, key);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/**
 * A body the schema accepts, or undefined when the generator cannot build one (refinements across
 * fields, say). Optional fields are tried both present and absent.
 */
export function validBaseBody(schema: z.ZodType): Record<string, Json> | undefined {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const full = sampleFromJsonSchema(json);
  if (full === null || typeof full !== 'object' || Array.isArray(full)) return undefined;
  if (schema.safeParse(full).success) return full;
  const required = new Set(json.required ?? []);
  const minimal = Object.fromEntries(Object.entries(full).filter(([k]) => required.has(k)));
  if (schema.safeParse(minimal).success) return minimal;
  return undefined;
}

function leaves(value: Json, path: JsonPath = []): { path: JsonPath; value: Json }[] {
  if (value !== null && typeof value === 'object') {
    const entries: [string | number, Json][] = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [i, v]) : Object.entries(value);
    const inner = entries.flatMap(([k, v]) => leaves(v, [...path, k]));
    return path.length === 0 ? inner : [{ path, value }, ...inner];
  }
  return [{ path, value }];
}

function withAt(body: Json, path: JsonPath, replace: (old: Json) => Json | undefined): Json {
  const copy = structuredClone(body);
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  const next = replace(parent[last]);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = next;
  }
  return copy;
}

const HUGE_STRING = 'é'.repeat(100_000);
const HUGE_NUMBERS = [1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63)];
const BAD_DATES = [`${SAMPLE_YEAR}-02-30`, `${SAMPLE_YEAR}-13-01`, '31/12/2026', `${SAMPLE_YEAR}-1-5`, `${SAMPLE_YEAR}-03-16T00:00:00Z`, ''];

/** Values of the wrong type for a leaf, by the type it has in the base body. */
function wrongTypes(value: Json): Json[] {
  const common: Json[] = [null, { $gt: '' }, ['x']];
  if (typeof value === 'number') return ['12', true, ...common, ...HUGE_NUMBERS, 1.5, -1];
  if (typeof value === 'string') return [12, false, ...common, HUGE_STRING, '   ', `${value}\u0000`];
  if (typeof value === 'boolean') return ['true', 1, ...common];
  if (Array.isArray(value)) return ['[]', {}, null, Array.from({ length: 10_001 }, () => value[0] ?? null)];
  if (value && typeof value === 'object') return ['{}', [], 1];
  return [12, 'x', ['x']];
}

export interface JsonCase {
  readonly name: string;
  readonly body: Json;
  /** True when the schema accepts it: only an unknown id makes it hostile. */
  readonly schemaValid: boolean;
}

const isIdKey = (key: string | number | undefined) => typeof key === 'string' && (/^id$|Id$/.test(key) || /Ids$/.test(key));

/** One-field mutations of a valid base body, each refused by the schema, plus unknown ids. */
export function mutations(schema: z.ZodType, base: Record<string, Json>): JsonCase[] {
  const out: JsonCase[] = [];
  const add = (name: string, body: Json, idCase = false) => {
    const schemaValid = schema.safeParse(body).success;
    if (!schemaValid || idCase) out.push({ name, body, schemaValid });
  };
  for (const { path, value } of leaves(base)) {
    const where = path.join('.');
    const key = path[path.length - 1];
    const parentKey = path[path.length - 2];
    for (const wrong of wrongTypes(value)) add(`${where} = ${JSON.stringify(wrong).slice(0, 40)}`, withAt(base, path, () => wrong));
    add(`${where} missing`, withAt(base, path, () => undefined));
    if (typeof value === 'number' && /cents$/i.test(String(key))) add(`${where} negative cents`, withAt(base, path, () => -1));
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) for (const bad of BAD_DATES) add(`${where} = date ${bad}`, withAt(base, path, () => bad));
    if (typeof value === 'number' && (isIdKey(key) || (typeof key === 'number' && isIdKey(parentKey)))) {
      add(`${where} unknown id`, withAt(base, path, () => UNKNOWN_ID), true);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) add(`${where} extra field`, withAt(base, path, (old) => ({ ...(old as object), inconnu: 1 })));
  }
  add('extra top-level field', { ...base, champInconnu: 'x' });
  add('extra field "role"', { ...base, role: 'admin', isAdmin: true });
  return out;
}

/** Whole-body cases, for any write route (with a body schema or not). */
export function rawCases(base: Json | undefined): RawCase[] {
  const text = JSON.stringify(base ?? { champ: 'valeur' });
  const json = 'application/json';
  return [
    { name: 'truncated JSON', payload: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: json },
    { name: 'not JSON at all', payload: '<xml>bonjour</xml>', contentType: json },
    { name: 'JSON with a trailing comma', payload: text.replace(/}$/, ',}'), contentType: json },
    { name: 'body as text/plain', payload: text, contentType: 'text/plain' },
    { name: 'body as a form', payload: 'champ=valeur&role=admin', contentType: 'application/x-www-form-urlencoded' },
    { name: 'body as multipart', payload: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b' },
    { name: 'JSON in latin-1', payload: Buffer.from(text, 'latin1'), contentType: 'application/json; charset=iso-8859-1' },
    { name: 'JSON over 1 MB', payload: JSON.stringify({ ...(typeof base === 'object' && base && !Array.isArray(base) ? base : {}), pad: 'x'.repeat(1_100_000) }), contentType: json },
    { name: 'JSON array', payload: `[${text}]`, contentType: json },
    { name: 'JSON string', payload: JSON.stringify(text), contentType: json },
    { name: 'JSON null', payload: 'null', contentType: json },
    { name: 'JSON number', payload: '1e400', contentType: json },
    { name: 'deeply nested JSON', payload: '['.repeat(5_000) + ']'.repeat(5_000), contentType: json },
    { name: '__proto__ key', payload: text.replace(/^{/, '{"__proto__":{"role":"admin"},'), contentType: json },
    { name: 'constructor key', payload: text.replace(/^{/, '{"constructor":{"prototype":{"role":"admin"}},'), contentType: json },
  ];
}

/** Corrupt files for an upload route: each must be refused with a 4xx, nothing imported. */
export function uploadCases(contentTypes: readonly string[], maxBytes: number, validFile?: Buffer): RawCase[] {
  const type = contentTypes[0];
  const cases: RawCase[] = [];
  for (const ct of contentTypes) {
    cases.push({ name: `empty file (${ct})`, payload: Buffer.alloc(0), contentType: ct });
    cases.push({ name: `bytes that are no file (${ct})`, payload: deterministicBytes(4096, 7), contentType: ct });
    cases.push({ name: `a zip header then garbage (${ct})`, payload: Buffer.concat([Buffer.from('PK\u0003\u0004'), deterministicBytes(2048, 11)]), contentType: ct });
    cases.push({ name: `a CSV with an unknown header (${ct})`, payload: Buffer.from('a;b;c\n1;2;3\n'), contentType: ct });
    cases.push({ name: `a CSV naming unknown indicators (${ct})`, payload: Buffer.from('indicateur;modalite;periode;valeur\nINCONNU_999;;2026-Q1;12\n'), contentType: ct });
    cases.push({ name: `a CSV with broken quoting and a NUL (${ct})`, payload: Buffer.from('indicateur;modalite;periode;valeur\n"ACT_FA;\u0000;2026-Q1;"12\n'), contentType: ct });
  }
  if (validFile) {
    cases.push({ name: 'a real file cut in half', payload: validFile.subarray(0, Math.floor(validFile.length / 2)), contentType: type });
    cases.push({ name: 'a real file with bytes flipped in the middle', payload: flipMiddle(validFile), contentType: type });
  }
  cases.push({ name: 'over the size limit', payload: Buffer.alloc(maxBytes + 1, 0x41), contentType: type });
  cases.push({ name: 'JSON instead of a file', payload: '{"valeurs":[]}', contentType: 'application/json' });
  cases.push({ name: 'text/plain instead of a file', payload: 'indicateur;modalite;periode;valeur\n', contentType: 'text/plain' });
  return cases;
}

function flipMiddle(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  const start = Math.floor(copy.length / 3);
  for (let i = start; i < Math.min(copy.length, start + 512); i++) copy[i] = copy[i] ^ 0xff;
  return copy;
}

/** The same bytes on every run: a small linear congruential generator. */
export function deterministicBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** Path parameter values that are not valid or that name nothing. */
export const HOSTILE_PATH_VALUES = ['abc', '0', '-1', '1.5', '99999999999999999999', String(UNKNOWN_ID), "1'%20OR%20'1'='1", '%E0%A4%A', '..%2F..%2Fetc'];
