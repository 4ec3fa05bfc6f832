import type { RuleResult } from '@cn2r/shared';
import { anIndicator, aForm, fileActive, newNotAboveActive, newPatients } from './data-entry-form.fixture';
import { panelRuleResults } from './live-rule-results';

describe('panelRuleResults', () => {
  const form = aForm();
  const fa = (optionId: number, value: number | null) => ({ indicatorId: fileActive.id, optionId, value });
  const np = (value: number | null) => ({ indicatorId: newPatients.id, optionId: null, value });
  const serverFailure: RuleResult = {
    ruleId: newNotAboveActive.id,
    code: 'NEW_LE_FA',
    severity: 'error',
    message: newNotAboveActive.message,
    indicatorCodes: ['ACT_NEW', 'ACT_FA'],
    explanation: null,
  };

  it('evaluates the rules on the values as typed: a total is the sum of its options', () => {
    const failing = panelRuleResults(form, [fa(11, 5), fa(12, null), np(40)], []);
    expect(failing).toEqual([
      {
        ruleId: 100,
        code: 'NEW_LE_FA',
        severity: 'error',
        message: 'Les nouveaux patients ne peuvent pas dépasser la file active.',
        indicatorCodes: ['ACT_NEW', 'ACT_FA'],
        explanation: null,
        source: 'live',
      },
    ]);
    expect(panelRuleResults(form, [fa(11, 5), fa(14, 35), np(40)], [])).toEqual([]);
  });

  it('drops a server failure the values as typed now pass, keeps it while the rule waits for data', () => {
    expect(panelRuleResults(form, [fa(11, 50), np(40)], [serverFailure])).toEqual([]);
    expect(panelRuleResults(form, [np(40)], [serverFailure])).toEqual([{ ...serverFailure, source: 'server' }]);
  });

  it('shows server results for rules it does not know, and skips inactive ones', () => {
    const unknown: RuleResult = { ...serverFailure, ruleId: 55, code: 'EVT_SUM', severity: 'warning', explanation: 'Deux évènements.' };
    const inactive = { ...newNotAboveActive, active: false };
    expect(panelRuleResults({ ...form, rules: [inactive] }, [fa(11, 1), np(40)], [serverFailure, unknown])).toEqual([
      { ...unknown, source: 'server' },
    ]);
  });

  it('reads finer indicators over the sub-periods of a year form, and sorts errors first', () => {
    const quarterly = anIndicator({ id: 20, code: 'ACT_NEW', dimension: null, periodType: 'quarter' });
    const yearly = anIndicator({ id: 21, code: 'ACT_EVT', dimension: null, periodType: 'year' });
    const yearForm = aForm({
      submission: { ...form.submission, period: '2026' },
      indicators: [yearly],
      finerIndicators: [quarterly],
      finerValues: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period) => ({ indicatorId: 20, optionId: null, period, value: 10 })),
      rules: [
        { ...newNotAboveActive, id: 1, code: 'B_WARN', expression: 'ACT_EVT == ACT_NEW', severity: 'warning', message: 'Somme différente.' },
        { ...newNotAboveActive, id: 2, code: 'Z_ERR', expression: 'ACT_EVT <= 30', severity: 'error', message: 'Trop.' },
      ],
    });
    const results = panelRuleResults(yearForm, [{ indicatorId: 21, optionId: null, value: 41 }], []);
    expect(results.map((r) => r.code)).toEqual(['Z_ERR', 'B_WARN']);
    expect(panelRuleResults(yearForm, [{ indicatorId: 21, optionId: null, value: 40 }], []).map((r) => r.code)).toEqual(['Z_ERR']);
  });
});
