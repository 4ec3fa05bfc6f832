import { activityReportDocument } from './activity-report-document.js';
import { activityReportFixture } from './annual-report-fixture.js';
import { buildActivityReportWorkbook } from './build-activity-report-workbook.js';

const tablesOf = (data: ReturnType<typeof activityReportFixture>) => activityReportDocument(data).sections.find((s) => s.key === 'governance')!.tables;

describe('activity report, governance section', () => {
  it('lists the members with their votes, the meetings with attendance and quorum, and the deliberations with the vote', () => {
    const tables = tablesOf(activityReportFixture());
    expect(tables.map((t) => t.title)).toEqual(['Membres du groupement', 'Réunions des instances', 'Délibérations', 'Équipe du groupement (ETPT par catégorie)']);
    expect(tables[0].rows[0]).toEqual(['Ministère chargé de la santé', 'État', 1_000]);
    expect(tables[1].rows[0]).toEqual(['Assemblée générale ordinaire', '24/03/2026', 8, 1, 'Atteint']);
    expect(tables[2].rows).toEqual([
      ['2026-01', '24/03/2026', 'Approbation du compte financier 2025', 9, 0, 0],
      ['2026-02', '26/11/2026', 'Budget initial 2027', 8, 0, 1],
    ]);
  });

  it('rebuilds a snapshot stored before the governance records with the layout it was built with (two columns, no deliberations)', async () => {
    const legacy = activityReportFixture();
    const governance = legacy.governance as unknown as Record<string, unknown>;
    delete governance['deliberations'];
    governance['members'] = legacy.governance.members.map(({ name, kind }) => ({ name, kind }));
    governance['meetings'] = legacy.governance.meetings.map(({ body, label, date }) => ({ body, label, date }));
    const tables = tablesOf(legacy);
    expect(tables.map((t) => t.title)).toEqual(['Membres du groupement', 'Réunions des instances', 'Équipe du groupement (ETPT par catégorie)']);
    expect(tables[0].columns.map((c) => c.header)).toEqual(['Membre', 'Nature']);
    expect(tables[1].rows[0]).toEqual(['Assemblée générale ordinaire', '24/03/2026']);
    expect((await buildActivityReportWorkbook(legacy)).length).toBeGreaterThan(0);
  });
});
