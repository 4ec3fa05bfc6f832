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

const line = (id: number, code: string, fundingSourceId: number, missionArea: BudgetLine['missionArea'], year = 2026): BudgetLine => ({
  id,
  year,
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
  valuations: [],
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
  readonly lines = [line(1, 'MIG-PSY', 1, 'support'), line(2, 'ESR-RECH', 2, 'recherche'), line(3, 'MIG-PSY', 1, 'support', 2025), line(4, 'MIG-PSY', 1, 'support', 2027)];
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

  it('offers each row only the lines of the fiscal year of its first day, and flags a line of another year or an end past 31 December', async () => {
    const lineSelects = () => loader.getAllHarnesses(MatSelectHarness.with({ selector: '[formControlName=budgetLineId]' }));
    const optionsOf = async (select: MatSelectHarness) => {
      await select.open();
      const texts = await Promise.all((await select.getOptions()).map((option) => option.getText()));
      await select.close();
      return texts;
    };
    const lineField = async (index: number) => (await loader.getAllHarnesses(MatFormFieldHarness.with({ floatingLabelText: 'Ligne budgétaire' })))[index];

    // A row from 1 January 2026: the 2026 lines only, not those of 2025 or 2027.
    expect(await optionsOf((await lineSelects())[0])).toEqual(['2026 · ESR-RECH — Ligne ESR-RECH', '2026 · MIG-PSY — Ligne MIG-PSY']);
    expect(await (await lineField(0)).getTextHints()).toEqual(['Lignes de l’exercice 2026']);

    // Cut at 31 December, the next row starts on 1 January 2027: the 2027 line only.
    const [to] = await inputs('toOn');
    await to.setValue('31/12/2026');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une ligne/ }))).click();
    await settle();
    expect(await optionsOf((await lineSelects())[1])).toEqual(['2027 · MIG-PSY — Ligne MIG-PSY']);
    await (await lineSelects())[1].clickOptions({ text: /2027 · MIG-PSY/ });
    await settle();
    expect(host.rows.at(1).controls.budgetLineId.value).toBe(4);

    // Ending the first row in 2027 crosses 31 December: said on its end date, as the server would refuse it.
    await to.setValue('31/03/2027');
    await to.blur();
    await settle();
    const toField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Au (inclus)' }));
    expect(await toField.getTextErrors()).toEqual(['Une ventilation ne couvre qu’un exercice : coupez-la au 31/12/2026.']);
    await to.setValue('31/12/2026');
    await settle();
    expect(await toField.getTextErrors()).toEqual([]);

    // Moving the second row back into 2026 keeps its 2027 line: flagged on the line, with the 2026 lines offered.
    const [, from2] = await inputs('fromOn');
    await from2.setValue('01/12/2026');
    await from2.blur();
    await settle();
    expect(await (await lineField(1)).getTextErrors()).toEqual(['La ligne 2027 · MIG-PSY n’appartient pas à l’exercice 2026 : choisissez une ligne 2026.']);
    expect(host.rows.valid).toBeFalse();
    expect(await optionsOf((await lineSelects())[1])).toEqual(['2026 · ESR-RECH — Ligne ESR-RECH', '2026 · MIG-PSY — Ligne MIG-PSY']);
    await (await lineSelects())[1].clickOptions({ text: /2026 · ESR-RECH/ });
    await settle();
    expect(await (await lineField(1)).getTextErrors()).toEqual([]);
    expect(host.rows.at(1).controls.budgetLineId.errors).toBeNull();

    // No start date yet: no line to choose, and it says why.
    await from2.setValue('');
    await settle();
    expect(await optionsOf((await lineSelects())[1])).toEqual(['Saisissez d’abord la date de début']);
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
