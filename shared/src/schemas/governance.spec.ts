import { expectFrenchMessages, schemaTable } from '../../spec/schema-table.js';
import { CreateDeliverable, CreateGovernanceDeliberation, CreateGovernanceMeeting, CreateGovernanceMember, GovernanceYearQuery, UpdateGovernanceDeliberation, UpdateGovernanceMember } from './governance.js';

const member = { name: 'CNRS', category: 'public_body', rightsBp: 700, from: '2019-01-01' };
const deliberation = { number: '2025-07', meetingId: 3, adoptedOn: '2025-11-19', title: 'Budget initial 2026', votesFor: 8, votesAgainst: 0, abstentions: 1 };
const YEAR_RULE = 'Le numéro commence par l’année de la délibération (AAAA-NN).';
const NUMBER_RULE = 'Le numéro s’écrit AAAA-NN, par exemple 2025-07.';

describe('governance member schemas', () => {
  schemaTable(
    CreateGovernanceMember,
    [
      { name: 'a member without end date (null)', input: member, output: { ...member, to: null } },
      { name: 'a member who left, trimmed name', input: { ...member, name: ' CNRS ', to: '2024-12-31' }, output: { ...member, to: '2024-12-31' } },
      { name: 'all the votes (10 000 bp)', input: { ...member, rightsBp: 10_000 }, output: { ...member, rightsBp: 10_000, to: null } },
    ],
    [
      { name: 'more than 100 %', input: { ...member, rightsBp: 10_001 }, issues: [['rightsBp', 'Les droits de vote : 10 000 points de base (100 %) au plus.']] },
      { name: 'a negative share', input: { ...member, rightsBp: -1 }, issues: [['rightsBp', 'Les droits de vote ne peuvent pas être négatifs.']] },
      { name: 'a share in decimals', input: { ...member, rightsBp: 12.5 }, issues: [['rightsBp', 'Les droits de vote : nombre entier de points de base attendu.']] },
      { name: 'an end before the start', input: { ...member, to: '2018-12-31' }, issues: [['to', 'La date de fin doit suivre la date de début.']] },
      { name: 'an unknown category', input: { ...member, category: 'private' }, issues: [['category', 'Catégorie inconnue.']] },
      { name: 'a blank name', input: { ...member, name: ' ' }, issues: [['name', 'Le nom du membre est obligatoire.']] },
    ],
  );
  it('needs the version on an update, and speaks French', () => {
    expect(UpdateGovernanceMember.safeParse({ rightsBp: 800 }).success).toBeFalse();
    expect(UpdateGovernanceMember.parse({ rightsBp: 800, version: 2 })).toEqual({ rightsBp: 800, version: 2 });
    expectFrenchMessages(CreateGovernanceMember, { empty: {}, wrongTypes: { name: 1, category: 2, rightsBp: 'x', from: 3 }, extra: { ...member, x: 1 } });
  });
});

describe('governance deliberation schemas', () => {
  schemaTable(
    CreateGovernanceDeliberation,
    [
      { name: 'a deliberation numbered in its year', input: deliberation, output: deliberation },
      { name: 'a three-digit number', input: { ...deliberation, number: '2025-107' }, output: { ...deliberation, number: '2025-107' } },
    ],
    [
      { name: 'a number of another year', input: { ...deliberation, number: '2024-07' }, issues: [['number', YEAR_RULE]] },
      { name: 'a malformed number (one message, not two)', input: { ...deliberation, number: '25-7' }, issues: [['number', NUMBER_RULE]] },
      { name: 'negative votes', input: { ...deliberation, votesAgainst: -2 }, issues: [['votesAgainst', 'Les voix contre ne peut pas être négatif.']] },
      { name: 'no meeting', input: { ...deliberation, meetingId: undefined }, issues: [['meetingId', 'La séance est obligatoire.']] },
    ],
  );
  it('checks the year of the number on an update only when both are sent', () => {
    expect(UpdateGovernanceDeliberation.safeParse({ number: '2024-01', version: 1 }).success).toBeTrue();
    expect(UpdateGovernanceDeliberation.safeParse({ number: '2024-01', adoptedOn: '2025-01-10', version: 1 }).error?.issues.map((i) => i.message)).toEqual([YEAR_RULE]);
  });
});

describe('governance meeting and deliverable schemas', () => {
  const meeting = { bodyId: 1, heldOn: '2025-03-26', kind: 'ordinary', quorumReached: true };
  schemaTable(
    CreateGovernanceMeeting,
    [{ name: 'a meeting without attendance list', input: meeting, output: { ...meeting, attendees: [], notes: null } }],
    [
      {
        name: 'a member listed twice',
        input: { ...meeting, attendees: [{ memberId: 1, attendance: 'present' }, { memberId: 1, attendance: 'represented' }] },
        issues: [['attendees', 'Un membre ne figure qu’une fois parmi les présents ou représentés.']],
      },
      { name: 'an unknown kind', input: { ...meeting, kind: 'secret' }, issues: [['kind', 'Nature de séance inconnue (ordinaire ou extraordinaire).']] },
    ],
  );
  const deliverable = { expectedResult: 'training', title: 'Module repérage', kind: 'module', dueOn: '2025-05-31', status: 'planned' };
  schemaTable(
    CreateDeliverable,
    [
      { name: 'a deliverable without link', input: deliverable, output: { ...deliverable, linkUrl: null } },
      { name: 'an empty link, as null', input: { ...deliverable, linkUrl: '' }, output: { ...deliverable, linkUrl: null } },
      { name: 'an https link', input: { ...deliverable, linkUrl: 'https://cn2r.fr/x' }, output: { ...deliverable, linkUrl: 'https://cn2r.fr/x' } },
    ],
    [
      { name: 'a javascript: link', input: { ...deliverable, linkUrl: 'javascript:alert(1)' }, issues: [['linkUrl', 'Le lien commence par http:// ou https://.']] },
      { name: 'an unknown expected result', input: { ...deliverable, expectedResult: 'research' }, issues: [['expectedResult', 'Résultat attendu inconnu.']] },
      { name: 'an unknown status', input: { ...deliverable, status: 'done' }, issues: [['status', 'État inconnu (prévu, en cours ou livré).']] },
    ],
  );
  it('reads an optional year in the query', () => {
    expect(GovernanceYearQuery.parse({ year: '2025' })).toEqual({ year: 2025 });
    expect(GovernanceYearQuery.parse({})).toEqual({});
    expect(GovernanceYearQuery.safeParse({ year: '1999' }).success).toBeFalse();
  });
});
