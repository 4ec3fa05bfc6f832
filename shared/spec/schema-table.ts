import type { z } from 'zod';

export interface Accepted {
  readonly name: string;
  readonly input: unknown;
  /** The parsed value, after trimming, coercion, defaults. */
  readonly output: unknown;
}

export interface Refused {
  readonly name: string;
  readonly input: unknown;
  /** Every issue expected, in order: `[path, message]` (message checked when given). */
  readonly issues: readonly (readonly [path: string, message?: string])[];
}

/** Words of zod's built-in English messages: none may reach a French user. */
export const ENGLISH = /\b(invalid|expected|received|too (big|small)|characters|unrecognized|required)\b/i;

export const issuesOf = (schema: z.ZodType, input: unknown): [string, string][] =>
  schema.safeParse(input).error?.issues.map((i) => [i.path.map(String).join('.'), i.message]) ?? [];

/** One spec per row: valid inputs parse to the given output, invalid ones fail on exactly the given paths. */
export function schemaTable(schema: z.ZodType, accepted: readonly Accepted[], refused: readonly Refused[]): void {
  for (const c of accepted) {
    it(`accepts ${c.name}`, () => {
      const result = schema.safeParse(c.input);
      expect(result.error?.issues).toBeUndefined();
      expect(result.data).toEqual(c.output);
    });
  }
  for (const c of refused) {
    it(`refuses ${c.name}`, () => {
      const result = schema.safeParse(c.input);
      expect(result.success).toBeFalse();
      const got = issuesOf(schema, c.input);
      expect(got.map(([path]) => path)).toEqual(c.issues.map(([path]) => path));
      c.issues.forEach(([path, message], i) => {
        if (message !== undefined) expect(got[i]?.[1]).withContext(path).toBe(message);
      });
    });
  }
}

/** Every message for these invalid inputs is French (no zod default English message). */
export function expectFrenchMessages(schema: z.ZodType, inputs: Record<string, unknown>): void {
  for (const [name, input] of Object.entries(inputs)) {
    const issues = issuesOf(schema, input);
    expect(issues.length).withContext(`${name} must be refused`).toBeGreaterThan(0);
    for (const [path, message] of issues) expect(message).withContext(`${name} → ${path || '(corps)'}`).not.toMatch(ENGLISH);
  }
}
