import { activityReportFixture, financialReportFixture } from './annual-report-fixture.js';
import { buildActivityReportPdf } from './build-activity-report-pdf.js';
import { buildFinancialSummaryPdf } from './build-financial-summary-pdf.js';
import { SMALL_CELL_NOTE } from './annual-document.js';
import { pdfPagesText } from './pdf-text.js';
import { pdfText } from './write-annual-pdf.js';
import { financialSummaryDocument } from './financial-summary-document.js';

describe('buildFinancialSummaryPdf', () => {
  let bytes: Buffer;
  let pages: string[];
  beforeAll(async () => {
    bytes = await buildFinancialSummaryPdf(financialReportFixture());
    pages = pdfPagesText(bytes);
  });

  it('opens with a title page and a table of contents listing every section with its page', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages[0]).toContain('Bilan financier 2026');
    expect(pages[0]).toContain('Assemblée générale — exercice 2026');
    expect(pages[1]).toContain('Sommaire');
    const mig = pages.findIndex((p, i) => i > 1 && p.startsWith('Suivi de la MIG H15'));
    expect(mig).toBeGreaterThan(1);
    expect(pages[1]).toMatch(new RegExp(`Suivi de la MIG H15 \\| ${mig + 1}\\b`));
  });

  it('shows the MIG H15 follow-up in French figures: lines, totals from cents, unspent balance', () => {
    const page = pages.find((p) => p.startsWith('Suivi de la MIG H15'))!;
    expect(page).toContain('Psychiatre (1 ETP) | 1 | 0,84 | 120\u00A0000,00\u00A0€ | 100\u00A0602,74\u00A0€ | 19\u00A0397,26\u00A0€ | 83,8\u00A0%');
    expect(page).toContain('Total | 3 | 2,64 | 280\u00A0000,00\u00A0€ | 248\u00A0154,76\u00A0€ | 31\u00A0845,24\u00A0€ | 88,6\u00A0%');
    expect(page).toContain('Reliquat à justifier ou à reporter | 31\u00A0845,24\u00A0€');
    expect(page).toContain('Le reliquat sera justifié');
  });

  it('numbers the pages and never writes a narrow no-break space (missing from Roboto)', () => {
    expect(pages.at(-1)).toContain(`Page ${pages.length} sur ${pages.length}`);
    expect(pages.join('\n')).not.toContain('\u202F');
    expect(pages.join('\n')).not.toContain('\uFFFD');
    expect(pdfText('1\u202F234')).toBe('1\u00A0234');
  });

  it('dates the document from the snapshot, with no random id: the same bytes twice', async () => {
    const text = bytes.toString('latin1');
    expect(text).toContain('(D:20270315093000Z)');
    expect(Buffer.compare(await buildFinancialSummaryPdf(financialReportFixture()), bytes)).toBe(0);
  });

  it('declares its language and title, and has the sections as bookmarks', () => {
    const text = bytes.toString('latin1');
    expect(text).toContain('/Lang (fr-FR)');
    expect(text).toContain('/DisplayDocTitle true');
    expect(text).toMatch(/\/Outlines \d+ 0 R/);
    expect((text.match(/\/Title \(/g) ?? []).length).toBeGreaterThan(5);
  });

  it('never ends a page with a table title: the title keeps with its table', () => {
    const titles = new Set(financialSummaryDocument(financialReportFixture()).sections.flatMap((s) => s.tables.map((t) => t.title).filter((t): t is string => !!t)));
    for (const [i, page] of pages.entries()) {
      const lines = page.split('\n').filter((line) => line.trim() !== '' && !/Page \d+ sur \d+/.test(line));
      expect(titles.has(lines.at(-1)!)).withContext(`page ${i + 1} : ${lines.at(-1)}`).toBeFalse();
    }
  });

  it('prints a negative amount with the minus sign (U+2212), never a hyphen', () => {
    const page = pages.find((p) => p.startsWith('États budgétaires'))!;
    expect(page).toMatch(/Solde budgétaire \(négatif : déficit\) \| [\d\u00A0]+,\d\d\u00A0€ \| \u2212[\d\u00A0]+,\d\d\u00A0€/);
    expect(pages.join('\n')).not.toMatch(/(^| )-\d/m);
  });

  it('draws the charts as vector graphics (axis labels in euros)', () => {
    const page = pages.find((p) => p.startsWith('Comparaison sur trois ans'))!;
    expect(page).toContain('M€');
  });
});

describe('buildActivityReportPdf', () => {
  let bytes: Buffer;
  let pages: string[];
  beforeAll(async () => {
    bytes = await buildActivityReportPdf(activityReportFixture());
    pages = pdfPagesText(bytes);
  });

  it('has the sections of the outline, the narrative and the per-unit tables', () => {
    const all = pages.join('\n');
    for (const title of ['Chiffres clés et faits marquants', 'Résultats attendus par le financeur', 'Complétude et ponctualité de la collecte', 'Perspectives', 'Annexes par centre']) {
      expect(pages.some((p) => p.startsWith(title))).withContext(title).toBeTrue();
    }
    expect(all).toContain('référentiel de formation des intervenants');
    expect(all).toContain('CRP Provence-Alpes-Côte d’Azur');
    expect(all).toContain('Cartographie de l’offre de soins');
  });

  it('prints whole counts without decimals in the annexes, beside a median with its half (« 883 », « 85,5 »)', async () => {
    const data = activityReportFixture();
    const median = data.annexes[0].rows.find((r) => r.indicatorCode === 'ACT_WAIT_D')!;
    const withHalf = { ...data, annexes: [{ ...data.annexes[0], rows: data.annexes[0].rows.map((r) => (r === median ? { ...r, n: 85.5 } : r)) }, ...data.annexes.slice(1)] };
    const annexLines = pdfPagesText(await buildActivityReportPdf(withHalf))
      .filter((p) => p.includes('Annexes par centre'))
      .flatMap((p) => p.split('\n'));
    expect(annexLines.some((line) => line.endsWith('| 85,5'))).withContext('the half of a median').toBeTrue();
    const count = data.annexes[0].rows.find((r) => r.indicatorCode === 'ACT_FA' && r.optionLabel === null)!;
    expect(annexLines.some((line) => line.endsWith(`| ${pdfText(count.n!.toLocaleString('fr-FR'))}`))).withContext('a count').toBeTrue();
    // No cell ends in « ,0 »: a whole value is written as a whole number.
    expect(annexLines.filter((line) => /(\| |^)\d[\d\u00A0]*,0( \||$)/.test(line))).toEqual([]);
  });

  it('hides sensitive counts of 1 to 4 as « < 5 » and states the rule', () => {
    const data = activityReportFixture();
    const small = (v: number | null) => v !== null && v >= 1 && v <= 4;
    const hidden =
      data.annexes.flatMap((a) => a.rows).filter((r) => r.sensitive && (small(r.n) || small(r.n1))).length +
      data.networkActivity.flatMap((i) => i.disaggregation?.options ?? []).filter((o) => o.sensitive && small(o.value)).length;
    expect(hidden).toBeGreaterThan(0);
    const all = pages.join('\n');
    expect(all.match(/(^|\| )< 5$/gm)?.length).toBe(hidden);
    // Age bands are not sensitive: their small counts are printed.
    const age = data.annexes[0].rows.find((r) => r.indicatorCode === 'ACT_FA' && r.optionLabel === '0–5 ans')!;
    expect(all).toContain(`0–5 ans | — | ${age.n}`);
    expect(all).toContain(SMALL_CELL_NOTE.slice(0, 40));
  });

  it('regenerates byte for byte', async () => {
    expect(Buffer.compare(await buildActivityReportPdf(activityReportFixture()), bytes)).toBe(0);
  });
});

describe('annual documents: what edition they are', () => {
  it('marks the live draft « Projet — document de travail » on its cover and in every page footer', async () => {
    const pages = pdfPagesText(await buildFinancialSummaryPdf({ ...financialReportFixture(), edition: { status: 'draft' } }));
    expect(pages[0]).toContain('Projet — document de travail');
    for (const page of pages.slice(1)) expect(page).toContain('Bilan financier 2026 — Projet — document de travail');
  });

  it('gives an official version its number on the cover and in the footers, with its generation date', async () => {
    const pages = pdfPagesText(await buildActivityReportPdf({ ...activityReportFixture(), edition: { status: 'official', number: 3 } }));
    expect(pages[0]).toContain('Version officielle n° 3');
    expect(pages[0]).toContain('Générée le');
    expect(pages.join('\n')).not.toContain('Projet — document de travail');
    for (const page of pages.slice(1)) expect(page).toContain('Rapport d’activité 2026 — Version officielle n° 3');
  });
});
