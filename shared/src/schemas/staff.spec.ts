import { schemaTable } from '../../spec/schema-table.js';
import { CreateInKindContribution, CreateStaffAssignment, PutStaffAllocations, PutStaffCeiling } from './staff.js';

const allocation = { fromOn: '2025-03-01', toOn: null, shareBp: 10_000, budgetLineId: 1, fundingSourceId: 2, missionArea: 'support' };
const assignment = { positionLabel: 'Psychiatre', startOn: '2025-03-01', endOn: null, quotiteBp: 10_000, annualCostCents: 12_000_000, migPost: 'psychiatrist', allocations: [allocation] };

describe('CreateStaffAssignment', () => {
  schemaTable(
    CreateStaffAssignment,
    [
      { name: 'an open-ended MIG H15 post at 100 %', input: assignment, output: assignment },
      { name: 'no MIG post, as null', input: { ...assignment, migPost: undefined }, output: { ...assignment, migPost: null } },
      { name: 'an 80 % post ending on its last day', input: { ...assignment, quotiteBp: 8_000, endOn: '2025-12-31' }, output: { ...assignment, quotiteBp: 8_000, endOn: '2025-12-31' } },
    ],
    [
      { name: 'an end before the start', input: { ...assignment, endOn: '2025-02-28' }, issues: [['endOn', 'La date de fin doit suivre la date de début.']] },
      { name: 'a quotité over 100 %', input: { ...assignment, quotiteBp: 10_001 }, issues: [['quotiteBp']] },
      { name: 'a quotité of 0', input: { ...assignment, quotiteBp: 0 }, issues: [['quotiteBp']] },
      { name: 'a cost in euros with decimals', input: { ...assignment, annualCostCents: 120_000.5 }, issues: [['annualCostCents']] },
      { name: 'a negative cost', input: { ...assignment, annualCostCents: -1 }, issues: [['annualCostCents']] },
      { name: 'an unknown MIG post', input: { ...assignment, migPost: 'surgeon' }, issues: [['migPost']] },
      { name: 'a share in percent with decimals', input: { ...assignment, allocations: [{ ...allocation, shareBp: 33.33 }] }, issues: [['allocations.0.shareBp']] },
      { name: 'a 31 February', input: { ...assignment, allocations: [{ ...allocation, fromOn: '2025-02-31' }] }, issues: [['allocations.0.fromOn', 'Cette date n’existe pas.']] },
    ],
  );
});

describe('PutStaffAllocations, PutStaffCeiling, CreateInKindContribution', () => {
  schemaTable(PutStaffAllocations, [{ name: 'a set with its version', input: { allocations: [allocation], version: 3 }, output: { allocations: [allocation], version: 3 } }], [
    { name: 'no version', input: { allocations: [allocation] }, issues: [['version', 'La version lue est obligatoire.']] },
  ]);
  schemaTable(PutStaffCeiling, [{ name: 'a first ceiling of 12,5 ETPT', input: { ceilingEtptBp: 125_000 }, output: { ceilingEtptBp: 125_000 } }], [
    { name: 'a negative ceiling', input: { ceilingEtptBp: -1 }, issues: [['ceilingEtptBp']] },
  ]);
  const premises = { year: 2025, label: 'Locaux', contributor: 'CHU de Lille', kind: 'premises', valuationMethod: 'Surface × loyer de marché', amountCents: 3_000_000 };
  schemaTable(CreateInKindContribution, [{ name: 'premises valued at market rent', input: premises, output: premises }], [
    { name: 'an amount with a fraction of a cent', input: { ...premises, amountCents: 1.5 }, issues: [['amountCents']] },
    { name: 'no valuation method', input: { ...premises, valuationMethod: ' ' }, issues: [['valuationMethod', 'La méthode de valorisation est obligatoire.']] },
  ]);
});
