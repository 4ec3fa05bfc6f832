/** What the page knows about one field when deciding whether the form may be submitted. */
export interface FieldState {
  readonly required: boolean;
  readonly empty: boolean;
  /** A type or bounds error. */
  readonly invalid: boolean;
  /** An outlier without its explanation. */
  readonly needsExplanation: boolean;
  /** A save waiting, under way, failed or refused. */
  readonly unsaved: boolean;
}

export interface RuleState {
  readonly severity: 'error' | 'warning';
  /** For a warning: whether an explanation was written. */
  readonly explained: boolean;
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * Why the form cannot be submitted yet, in French, one line per kind of problem; empty when it
 * can. The same problems the server checks, so that the button says why before the server does.
 */
export function submitBlockers(fields: readonly FieldState[], rules: readonly RuleState[], savesPending: number): string[] {
  const reasons: string[] = [];
  const invalid = fields.filter((f) => f.invalid).length;
  const missing = fields.filter((f) => f.required && f.empty && !f.invalid).length;
  const unexplained = fields.filter((f) => f.needsExplanation).length;
  const unsaved = fields.filter((f) => f.unsaved && !f.invalid).length;
  const errors = rules.filter((r) => r.severity === 'error').length;
  const warnings = rules.filter((r) => r.severity === 'warning' && !r.explained).length;
  if (invalid) reasons.push(`${count(invalid, 'valeur invalide', 'valeurs invalides')} à corriger.`);
  if (missing) reasons.push(`${count(missing, 'valeur obligatoire manquante', 'valeurs obligatoires manquantes')}.`);
  if (unexplained) reasons.push(`${count(unexplained, 'écart', 'écarts')} avec l’an dernier à expliquer.`);
  if (errors) reasons.push(`${count(errors, 'erreur', 'erreurs')} de cohérence à corriger.`);
  if (warnings) reasons.push(`${count(warnings, 'avertissement', 'avertissements')} de cohérence à expliquer.`);
  if (savesPending > 0) reasons.push('Enregistrement en cours.');
  else if (unsaved) reasons.push(`${count(unsaved, 'valeur non enregistrée', 'valeurs non enregistrées')}.`);
  return reasons;
}
