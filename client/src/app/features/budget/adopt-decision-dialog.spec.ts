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
    // The general assembly's adopted deliberations of the BI's year and the year before (the server filters them), latest first.
    const meeting = { id: 1, bodyName: 'Assemblée générale', heldOn: '2026-11-19', quorumReached: true };
    const deliberation = (id: number, number: string, adoptedOn: string, title: string) => ({ id, number, title, adoptedOn, votesFor: 9, votesAgainst: 0, abstentions: 1, minutesSha256: null, meeting });
    backend
      .expectOne('/api/governance/assembly-deliberations?from=2026-01-01&to=2027-12-31')
      .flush([deliberation(20, '2026-02', '2026-03-26', 'Comptes 2025'), deliberation(21, '2026-05', '2026-11-19', 'Budget initial de l’exercice 2027')]);
    await fixture.whenStable();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Adopter' }))).click();
    expect(closed).toBeUndefined(); // the deliberation is required
    expect(fixture.nativeElement.textContent).toContain('Choisissez la délibération de l’assemblée générale.');
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual(['n° 2026-05 du 19/11/2026 — Budget initial de l’exercice 2027', 'n° 2026-02 du 26/03/2026 — Comptes 2025']);
    await select.clickOptions({ text: /2026-05/ });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Adopter' }))).click();
    expect(closed).toBe(21);
  });

  it('says where to record the deliberation when there is none', async () => {
    const fixture = await open({ ...bi, kind: 'amending', code: 'BR1' });
    backend.expectOne('/api/governance/assembly-deliberations?from=2027-01-01&to=2027-12-31').flush([]);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Aucune délibération adoptée par l’assemblée générale en 2027. Enregistrez d’abord la séance et sa délibération dans Gouvernance.');
  });
});
