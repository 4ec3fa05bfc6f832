import { ActivityReportData, FinancialReportData } from '@cn2r/shared';
import { WORKED_EXAMPLE, activityReportFixture, financialReportFixture } from './annual-report-fixture.js';

describe('annual report fixtures', () => {
  it('fit the shared model, for the network and at 20 times its size', () => {
    for (const units of [10, 200]) {
      expect(() => ActivityReportData.parse(activityReportFixture({ units }))).not.toThrow();
      expect(() => FinancialReportData.parse(financialReportFixture({ units }))).not.toThrow();
    }
  });

  it('are deterministic', () => {
    expect(JSON.stringify(activityReportFixture())).toBe(JSON.stringify(activityReportFixture()));
  });

  it('keep the consistency rules: ten CRP and the CN2R, options adding up to their indicator, events equal to new patients', () => {
    const data = activityReportFixture();
    expect(data.units.length).toBe(11);
    for (const indicator of data.networkActivity) {
      for (const unit of indicator.byUnit) {
        if (unit.options.length > 0) expect(unit.options.reduce((a, o) => a + (o.value ?? 0), 0)).withContext(`${indicator.code} ${unit.unitCode}`).toBe(unit.n!);
      }
    }
    const events = data.networkActivity.find((i) => i.code === 'ACT_EVT')!;
    const news = data.networkActivity.find((i) => i.code === 'ACT_NEW')!;
    expect(events.n).toBe(news.n);
    expect(events.disaggregation!.sensitive).toBeTrue();
    expect(events.byUnit.some((u) => u.options.some((o) => o.value !== null && o.value >= 1 && o.value <= 4))).withContext('small sensitive counts to suppress').toBeTrue();
  });

  it('carry the MIG H15 lines and the worked example of docs/domain/money.md', () => {
    const { migH15 } = financialReportFixture();
    expect(migH15.lines.map((l) => l.fundedCents)).toEqual([12_000_000, 6_000_000, 6_000_000, 4_000_000]);
    const spent = migH15.lines.reduce((a, l) => a + (l.spentCents ?? 0), 0);
    expect(spent).toBe(WORKED_EXAMPLE.totalCents);
    expect(migH15.notifiedCents - spent).toBe(WORKED_EXAMPLE.unspentCents);
  });
});
