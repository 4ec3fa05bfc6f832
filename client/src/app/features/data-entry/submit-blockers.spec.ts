import { type FieldState, submitBlockers } from './submit-blockers';

const ok: FieldState = { required: true, empty: false, invalid: false, needsExplanation: false, unsaved: false };

describe('submitBlockers', () => {
  it('is empty when everything is entered, saved and consistent', () => {
    expect(submitBlockers([ok, { ...ok, required: false, empty: true }], [{ severity: 'warning', explained: true }], 0)).toEqual([]);
  });

  it('says why, one line per kind, in French with plurals', () => {
    const fields: FieldState[] = [
      { ...ok, invalid: true, unsaved: true },
      { ...ok, empty: true },
      { ...ok, empty: true },
      { ...ok, needsExplanation: true },
      { ...ok, unsaved: true },
    ];
    const rules = [
      { severity: 'error' as const, explained: false },
      { severity: 'warning' as const, explained: false },
      { severity: 'warning' as const, explained: true },
    ];
    expect(submitBlockers(fields, rules, 0)).toEqual([
      '1 valeur invalide à corriger.',
      '2 valeurs obligatoires manquantes.',
      '1 écart avec l’an dernier à expliquer.',
      '1 erreur de cohérence à corriger.',
      '1 avertissement de cohérence à expliquer.',
      '1 valeur non enregistrée.',
    ]);
  });

  it('waits for saves under way', () => {
    expect(submitBlockers([{ ...ok, unsaved: true }], [], 2)).toEqual(['Enregistrement en cours.']);
  });
});
