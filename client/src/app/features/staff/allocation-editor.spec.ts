import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { FormArray } from '@angular/forms';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { BudgetLine, FundingSource } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { AllocationEditor, type AllocationRow, allocationRow, toAllocationInputs } from './allocation-editor';

const line = (id: number, code: string, fundingSourceId: number, missionArea: BudgetLine['missionArea']): BudgetLine => ({
  id,
  year: 2026,
  code,
  label: `Ligne ${code}`,
  envelope: 'personnel',
  missionArea,
  fundingSourceId,
  createdAt: '2025-12-01T09:00:00.000Z',
  updatedAt: '2025-12-01T09:00:00.000Z',
  version: 1,
});
const source = (id: number, code: string, funder: string): FundingSource => ({
  id,
  code,
  label: code,
  funder,
  nature: 'mig',
  inKind: false,
  notifications: [],
  createdAt: '2025-12-01T09:00:00.000Z',
  updatedAt: '2025-12-01T09:00:00.000Z',
  version: 1,
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AllocationEditor],
  template: `<app-allocation-editor [rows]="rows" startOn="2026-01-01" [endOn]="endOn()" [lines]="lines" [fundingSources]="sources" />`,
})
class Host {
  readonly rows = new FormArray<AllocationRow>([
    allocationRow({ fromOn: '2026-01-01', toOn: null, shareBp: 10_000, budgetLineId: 1, fundingSourceId: 1, missionArea: 'support' }),
  ]);
  readonly endOn = signal<string | null>(null);
  readonly lines = [line(1, 'MIG-PSY', 1, 'support'), line(2, 'ESR-RECH', 2, 'recherche')];
  readonly sources = [source(1, 'MIG-H15', 'DGOS'), source(2, 'ESR', 'Ministère de la recherche')];
}

describe('AllocationEditor', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let loader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideTestApp()] });
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  const text = () => (fixture.nativeElement.textContent as string).replace(/\s+/g, ' ').replace(/\u00A0/g, ' ');
  const periodRows = () =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('.periods tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').replace(/\u00A0/g, ' ').trim()).join(' '),
    );
  const inputs = (control: string) => loader.getAllHarnesses(MatInputHarness.with({ selector: `[formControlName=${control}]` }));
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  it('shows one period at 100 % and says the split is complete', async () => {
    expect(periodRows()).toEqual(['À partir du 01/01/2026 100 %']);
    expect(text()).toContain('La ventilation couvre l’affectation à 100 % chaque jour.');
  });

  it('splits between two funders from 1 July: end the row the day before, add two rows, totals live', async () => {
    const [to] = await inputs('toOn');
    await to.setValue('30/06/2026');
    await settle();
    expect(periodRows()).toEqual(['Du 01/01/2026 au 30/06/2026 100 %', 'À partir du 01/07/2026 0 % — à corriger']);
    expect(text()).toContain('À partir du 01/07/2026, aucune part n’est affectée (0 % au lieu de 100 %).');

    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une ligne/ }))).click();
    await settle();
    // The new row starts the day after the last end.
    expect(toAllocationInputs(host.rows)[1].fromOn).toBe('2026-07-01');
    const shares = await inputs('share');
    await shares[1].setValue('60');
    await settle();
    expect(periodRows()[1]).toBe('À partir du 01/07/2026 60 % — à corriger');
    expect(text()).toContain('À partir du 01/07/2026, les parts totalisent 60 % au lieu de 100 %.');

    // Choosing a line brings its funder and mission area.
    const lineSelects = await loader.getAllHarnesses(MatSelectHarness.with({ selector: '[formControlName=budgetLineId]' }));
    await lineSelects[1].open();
    await lineSelects[1].clickOptions({ text: /ESR-RECH/ });
    await settle();
    expect(host.rows.at(1).getRawValue()).toEqual(jasmine.objectContaining({ budgetLineId: 2, fundingSourceId: 2, missionArea: 'recherche' }));

    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une ligne/ }))).click();
    await settle();
    const row3 = host.rows.at(2);
    row3.controls.fromOn.setValue(new Date(2026, 6, 1));
    row3.controls.share.setValue('40');
    row3.controls.budgetLineId.setValue(1);
    row3.controls.fundingSourceId.setValue(1);
    row3.controls.missionArea.setValue('support');
    await settle();
    expect(periodRows()).toEqual(['À partir du 01/01/2026 100 %']);
    expect(host.rows.valid).toBeTrue();
    expect(toAllocationInputs(host.rows)).toEqual([
      { fromOn: '2026-01-01', toOn: '2026-06-30', shareBp: 10_000, budgetLineId: 1, fundingSourceId: 1, missionArea: 'support' },
      { fromOn: '2026-07-01', toOn: null, shareBp: 6_000, budgetLineId: 2, fundingSourceId: 2, missionArea: 'recherche' },
      { fromOn: '2026-07-01', toOn: null, shareBp: 4_000, budgetLineId: 1, fundingSourceId: 1, missionArea: 'support' },
    ]);
    expect(text()).toContain('La ventilation couvre l’affectation à 100 % chaque jour.');
  });

  it('names an overlap above 100 % with its dates', async () => {
    host.rows.push(allocationRow({ fromOn: '2026-03-01', toOn: '2026-03-31', shareBp: 2_500, budgetLineId: 2, fundingSourceId: 2, missionArea: 'recherche' }));
    await settle();
    expect(periodRows()).toEqual(['Du 01/01/2026 au 28/02/2026 100 %', 'Du 01/03/2026 au 31/03/2026 125 % — à corriger', 'À partir du 01/04/2026 100 %']);
    expect(text()).toContain('Du 01/03/2026 au 31/03/2026, les parts totalisent 125 % au lieu de 100 %.');
  });

  it('says in French why a share or a date is refused', async () => {
    const [share] = await inputs('share');
    await share.setValue('33,333');
    await share.blur();
    await settle();
    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Part (%)' }));
    expect(await field.getTextErrors()).toEqual(['Deux décimales au plus pour un pourcentage (par exemple 33,33 %).']);
    await share.setValue('120');
    await settle();
    expect(await field.getTextErrors()).toEqual(['Pourcentage entre 0 et 100 attendu.']);
    await share.setValue('0');
    await settle();
    expect(await field.getTextErrors()).toEqual(['La part doit être strictement positive.']);
    // An invalid share counts for nothing in the totals.
    expect(periodRows()).toEqual(['À partir du 01/01/2026 0 % — à corriger']);

    const [from] = await inputs('fromOn');
    await from.setValue('');
    await from.blur();
    await settle();
    const fromField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Du' }));
    expect(await fromField.getTextErrors()).toEqual(['Ce champ est obligatoire.']);
  });

  it('removes a row, never the last one, and names shares outside an assignment that ended', async () => {
    host.rows.push(allocationRow({ fromOn: '2026-01-01', toOn: null, shareBp: 5_000, budgetLineId: 2, fundingSourceId: 2, missionArea: 'recherche' }));
    await settle();
    expect(periodRows()).toEqual(['À partir du 01/01/2026 150 % — à corriger']);
    const remove = await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Retirer la ventilation"]' }));
    expect(remove.length).toBe(2);
    await remove[1].click();
    await settle();
    expect(host.rows.length).toBe(1);
    const [last] = await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Retirer la ventilation"]' }));
    expect(await last.isDisabled()).toBeTrue();

    host.endOn.set('2026-06-30');
    await settle();
    expect(periodRows()).toEqual(['Du 01/01/2026 au 30/06/2026 100 %']);
    expect(text()).toContain('À partir du 01/07/2026, des parts totalisant 100 % sont affectées hors de la période de l’affectation (du 01/01/2026 au 30/06/2026).');
  });
});
