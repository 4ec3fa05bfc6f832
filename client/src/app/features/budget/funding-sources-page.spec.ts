import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { type FundingSource, type InKindValuation, type Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aFiscalYear } from './budget-execution.fixture';
import { FundingSourcesPage } from './funding-sources-page';

const stamp = { createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z', version: 1 };
const mig: FundingSource = {
  id: 1,
  code: 'MIG-H15',
  label: 'MIG H15',
  funder: 'DGOS',
  nature: 'mig',
  inKind: false,
  notifications: [{ year: 2026, amountCents: 28_000_000, reference: 'Circulaire 2026', version: 1 }],
  valuations: [],
  ...stamp,
};
const armees = (valuation: InKindValuation): FundingSource => ({
  id: 2,
  code: 'MIN-ARMEES',
  label: 'Armées',
  funder: 'Ministère des Armées',
  nature: 'seconded_staff',
  inKind: true,
  notifications: [],
  valuations: [valuation],
  ...stamp,
});

describe('FundingSourcesPage', () => {
  let fixture: ComponentFixture<FundingSourcesPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController | undefined;

  async function open(role: Role, sources: FundingSource[]) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    fixture = TestBed.createComponent(FundingSourcesPage);
    fixture.componentRef.setInput('annee', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush([aFiscalYear(2026)]);
    backend.expectOne({ method: 'GET', url: '/api/budget/funding-sources' }).flush(sources);
    await fixture.whenStable();
  }

  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const rows = async () => (await (await loader.getHarness(MatTableHarness)).getCellTextByIndex()).map((row) => row.map(squash));

  afterEach(() => backend?.verify());

  it('shows an in-kind source’s valuation from the staff records, read-only: nothing to type', async () => {
    await open('finance', [mig, armees({ year: 2026, valueCents: 21_000_000, valueMasked: null, headcount: 2, etpt: '2,00' })]);
    expect((await rows()).map((r) => r.slice(0, 6))).toEqual([
      ['MIG-H15', 'MIG H15', 'DGOS', 'Mission d’intérêt général (MIG)', '280 000,00 €', 'Circulaire 2026'],
      [
        'MIN-ARMEES',
        'Armées',
        'Ministère des Armées',
        'Mise à disposition de personnel (en nature)',
        '210 000,00 €',
        'Valorisation issue des fiches de personnel mis à disposition (2 personnes, 2,00 ETPT)',
      ],
    ]);
    // A notified amount is typed for the cash source only.
    const notify = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Montant notifié' }));
    expect(notify.length).toBe(1);
    expect(await (await notify[0].host()).getAttribute('aria-label')).toBe('Montant notifié 2026 de MIG-H15');
  });

  it('withholds the valuation of fewer than 3 people from the board', async () => {
    await open('board', [mig, armees({ year: 2026, valueCents: null, valueMasked: 'fewer_than_3_people', headcount: 2, etpt: '2,00' })]);
    const armeesRow = (await rows())[1];
    expect(armeesRow[4]).toBe('Non communiqué (moins de 3 personnes)');
    expect(armeesRow.join(' ')).not.toContain('€');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Montant notifié|Modifier/ }))).toEqual([]);
  });
});
