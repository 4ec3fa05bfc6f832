import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { BudgetLine, FiscalYear, FundingSource } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { AssignmentDialog, type AssignmentDialogData } from './assignment-dialog';

@Component({ template: '' })
class Host {}

const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 };
const fiscalYear = (year: number, status: FiscalYear['status']): FiscalYear => ({ year, status, ...stamp });
const line = (id: number, year: number, code: string): BudgetLine => ({
  id,
  year,
  code,
  label: `Ligne ${code}`,
  envelope: 'personnel',
  missionArea: 'support',
  fundingSourceId: 1,
  ...stamp,
});
const source: FundingSource = { id: 1, code: 'MIG-H15', label: 'MIG H15', funder: 'DGOS', nature: 'mig', inKind: false, notifications: [], valuations: [], ...stamp };

describe('AssignmentDialog, a new assignment', () => {
  it('loads the lines of every open fiscal year, offers each row those of its year, and starts the split with the assignment', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Host);
    const data: AssignmentDialogData = { memberId: 3, memberName: 'Sandrine Lefèvre', assignment: null };
    TestBed.inject(MatDialog).open(AssignmentDialog, { data });
    fixture.detectChanges();

    backend.expectOne('/api/budget/funding-sources').flush([source]);
    backend.expectOne('/api/budget/fiscal-years').flush([fiscalYear(2024, 'closed'), fiscalYear(2025, 'open'), fiscalYear(2026, 'open')]);
    // Only the open years' lines: a closed year takes no new allocation.
    backend.expectNone((r) => r.url === '/api/budget/lines' && r.params.get('year') === '2024');
    backend.expectOne((r) => r.url === '/api/budget/lines' && r.params.get('year') === '2025').flush([line(10, 2025, 'MIG-AUXILIAIRE')]);
    backend.expectOne((r) => r.url === '/api/budget/lines' && r.params.get('year') === '2026').flush([line(20, 2026, 'MIG-AUXILIAIRE'), line(21, 2026, 'MAD-JUSTICE')]);
    fixture.detectChanges();
    await fixture.whenStable();

    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const start = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="startOn"]' }));
    await start.setValue('01/03/2025');
    await start.blur();
    fixture.detectChanges();
    await fixture.whenStable();

    // The split's first row follows the assignment's start…
    const from = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="fromOn"]' }));
    expect(await from.getValue()).toBe('01/03/2025');
    // …and offers the lines of 2025 only.
    const lineSelect = await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName="budgetLineId"]' }));
    await lineSelect.open();
    expect((await lineSelect.getOptions()).length).toBe(1);
    expect(await (await lineSelect.getOptions())[0].getText()).toContain('MIG-AUXILIAIRE');
    backend.verify();
  });
});
