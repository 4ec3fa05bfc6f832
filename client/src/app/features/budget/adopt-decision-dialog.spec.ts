import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { BudgetDecision } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { AdoptDecisionDialog } from './adopt-decision-dialog';

const bi: BudgetDecision = {
  id: 7,
  year: 2027,
  kind: 'initial',
  code: 'BI',
  decidedOn: '2026-11-19',
  reference: null,
  rationale: null,
  status: 'draft',
  adoptedAt: null,
  deliberation: null,
  entries: [{ lineId: 1, aeDeltaCents: 100, cpDeltaCents: 100 }],
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  version: 3,
};

describe('AdoptDecisionDialog', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let closed: number | undefined;

  async function open(decision: BudgetDecision) {
    closed = undefined;
    TestBed.configureTestingModule({
      providers: [...provideTestApp(), { provide: MAT_DIALOG_DATA, useValue: decision }, { provide: MatDialogRef, useValue: { close: (id: number) => (closed = id) } }],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AdoptDecisionDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    return fixture;
  }

  it('offers the general assembly’s adopted deliberations of the BI’s year and the year before, and closes with the one chosen', async () => {
    const fixture = await open(bi);
    for (const year of [2026, 2027]) {
      backend.expectOne(`/api/governance/meetings?year=${year}`).flush(
        year === 2026
          ? [
              { id: 1, bodyKind: 'general_assembly', bodyName: 'Assemblée générale', heldOn: '2026-11-19' },
              { id: 2, bodyKind: 'board', bodyName: 'Conseil d’administration', heldOn: '2026-06-18' },
            ]
          : [],
      );
      backend.expectOne(`/api/governance/deliberations?year=${year}`).flush(
        year === 2026
          ? [
              { id: 21, number: '2026-05', meetingId: 1, adoptedOn: '2026-11-19', title: 'Budget initial de l’exercice 2027', adopted: true },
              { id: 22, number: '2026-04', meetingId: 2, adoptedOn: '2026-06-18', title: 'Programme de formation', adopted: true },
              { id: 23, number: '2026-06', meetingId: 1, adoptedOn: '2026-11-19', title: 'Motion rejetée', adopted: false },
            ]
          : [],
      );
    }
    await fixture.whenStable();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Adopter' }))).click();
    expect(closed).toBeUndefined(); // the deliberation is required
    expect(fixture.nativeElement.textContent).toContain('Choisissez la délibération de l’assemblée générale.');
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual(['n° 2026-05 du 19/11/2026 — Budget initial de l’exercice 2027']);
    await select.clickOptions({ text: /2026-05/ });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Adopter' }))).click();
    expect(closed).toBe(21);
  });

  it('says where to record the deliberation when there is none', async () => {
    const fixture = await open({ ...bi, kind: 'amending', code: 'BR1' });
    backend.expectOne('/api/governance/meetings?year=2027').flush([]);
    backend.expectOne('/api/governance/deliberations?year=2027').flush([]);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Aucune délibération adoptée par l’assemblée générale en 2027. Enregistrez d’abord la séance et sa délibération dans Gouvernance.');
  });
});
