import { activityReportFixture, financialReportFixture } from './annual-report-fixture.js';
import { activityReportDocument } from './activity-report-document.js';
import { financialSummaryDocument } from './financial-summary-document.js';
import type { AnnualDocument, AnnualTable } from './annual-document.js';

const tablesOf = (doc: AnnualDocument, key: string): readonly AnnualTable[] => doc.sections.find((s) => s.key === key)!.tables;
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('one definition per figure in the documents', () => {
  it('training: the centres’ figures and the CN2R’s on their own rows, never added', () => {
    const data = activityReportFixture();
    const [first] = tablesOf(activityReportDocument(data), 'training');
    expect(first.rows.map((r) => r[0])).toEqual([
      'Sessions de formation — centres du réseau',
      'Sessions de formation — CN2R',
      'Professionnels formés — centres du réseau',
      'Personnes formées — CN2R',
    ]);
    expect(first.rows[2].slice(1, 4)).toEqual([data.training.trained.n2, data.training.trained.n1, data.training.trained.n]);
    expect(first.rows[3].slice(1, 4)).toEqual([780, 842, 909]);
    expect(first.notes).toEqual(['Les formations organisées par le CN2R sont montrées à côté de celles des centres, jamais ajoutées au total du réseau.']);
  });

  it('an older snapshot without the CN2R’s trainings keeps its two rows', () => {
    const data = activityReportFixture();
    const { cn2rSessions: _s, cn2rTrained: _t, ...training } = data.training;
    const [first] = tablesOf(activityReportDocument({ ...data, training }), 'training');
    expect(first.rows.length).toBe(2);
  });

  it('cost per activity: one row per destination, totalled to the CP paid, with the spending left out stated with its amount and reason', () => {
    const data = financialReportFixture();
    const [table] = tablesOf(financialSummaryDocument(data), 'cost_per_activity');
    expect(table.title).toBe('Coût par activité, par destination');
    expect(table.totalLabel).toBe('Total des CP payés');
    expect(table.rows.map((r) => r[0])).toEqual(['Formation', 'Support']);
    const notes = squash((table.notes ?? []).join('\n'));
    expect(notes).toContain('Chaque euro est rattaché à une seule destination');
    expect(notes).toContain('aucun coût par patient ni par consultation');
    const support = data.costPerActivity[1].costCents;
    const euros = (cents: number) => `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(cents / 100).replace(/[\s\u202f]/g, ' ')} €`;
    expect(notes).toContain(`Dépenses ${data.year} non réparties : ${squash(euros(support.n!))} (Support — ne sert aucune réalisation mesurée (fonctions support) : non répartie).`);
    expect(notes).toContain(`Dépenses ${data.year - 2} non réparties : ${squash(euros(support.n2!))}`);
  });

  it('a previous year not in the tool says why, under the key figures, the three-year comparison and the cost per activity', () => {
    const data = { ...financialReportFixture(), missingYears: [{ year: 2023, reason: 'exercice non ouvert dans l’outil' }] };
    const doc = financialSummaryDocument(data);
    for (const key of ['key_figures', 'three_years', 'cost_per_activity']) {
      for (const table of tablesOf(doc, key)) expect(table.notes).withContext(key).toContain('2023 : exercice non ouvert dans l’outil — pas de chiffres pour cette année.');
    }
    // Without a missing year, no such note.
    const complete = financialSummaryDocument(financialReportFixture());
    expect(tablesOf(complete, 'key_figures').flatMap((t) => t.notes ?? []).some((n) => n.includes('exercice non ouvert'))).toBeFalse();
  });
});
