import { expectFrenchMessages, schemaTable } from '../../spec/schema-table.js';
import { CreateUser, ResetPassword, UpdateUser, UserQuery } from './user.js';

const LEAD_NEEDS_UNIT = 'Un responsable de centre doit être rattaché à au moins un centre.';
const password = 'mot-de-passe-2026';
const user = { email: 'Marie.Curie@CN2R.fr', displayName: ' Marie Curie ', role: 'finance', password };
const parsed = { email: 'marie.curie@cn2r.fr', displayName: 'Marie Curie', role: 'finance', unitIds: [], password };

describe('CreateUser', () => {
  schemaTable(
    CreateUser,
    [
      { name: 'a finance account, e-mail lower-cased, units defaulting to none', input: user, output: parsed },
      { name: 'a unit lead with one unit', input: { ...user, role: 'unit_lead', unitIds: [3] }, output: { ...parsed, role: 'unit_lead', unitIds: [3] } },
      { name: 'an administrator (units given are kept by the schema; the server drops them)', input: { ...user, role: 'admin', unitIds: [1] }, output: { ...parsed, role: 'admin', unitIds: [1] } },
      { name: 'no password: the account is invited by e-mail', input: { ...user, password: undefined }, output: { ...parsed, password: undefined } },
    ],
    [
      { name: 'a unit lead without unitIds', input: { ...user, role: 'unit_lead' }, issues: [['unitIds', LEAD_NEEDS_UNIT]] },
      { name: 'a unit lead with an empty unitIds', input: { ...user, role: 'unit_lead', unitIds: [] }, issues: [['unitIds', LEAD_NEEDS_UNIT]] },
      { name: 'a password of 11 characters', input: { ...user, password: 'x'.repeat(11) }, issues: [['password', 'Le mot de passe doit compter au moins 12 caractères.']] },
      { name: 'an invalid e-mail', input: { ...user, email: 'marie' }, issues: [['email', 'Adresse e-mail invalide.']] },
      { name: 'a blank display name', input: { ...user, displayName: ' ' }, issues: [['displayName', 'Le nom affiché est obligatoire.']] },
      { name: 'a display name over 120 characters', input: { ...user, displayName: 'n'.repeat(121) }, issues: [['displayName', 'Le nom affiché : 120 caractères au plus.']] },
      { name: 'unit ids that are not positive integers, each named', input: { ...user, role: 'unit_lead', unitIds: ['1', -1, 2.5] }, issues: [['unitIds.0', 'Identifiant de centre attendu.'], ['unitIds.1', 'Identifiant de centre attendu.'], ['unitIds.2', 'Identifiant de centre attendu.']] },
      { name: 'unit ids that are not a list', input: { ...user, unitIds: 3 }, issues: [['unitIds', 'Liste de centres attendue.']] },
      { name: 'more than 100 units', input: { ...user, role: 'unit_lead', unitIds: Array.from({ length: 101 }, (_, i) => i + 1) }, issues: [['unitIds', '100 centres au plus.']] },
      { name: 'an unknown role', input: { ...user, role: 'root' }, issues: [['role']] },
      { name: 'a password hash smuggled in', input: { ...user, passwordHash: '$argon2id$...' }, issues: [['']] },
    ],
  );

  it('words every message in French, the role included', () => {
    expectFrenchMessages(CreateUser, {
      'role missing': { ...user, role: undefined },
      'role unknown': { ...user, role: 'root' },
      'lead without units': { ...user, role: 'unit_lead' },
    });
  });
});

describe('UpdateUser', () => {
  schemaTable(
    UpdateUser,
    [
      { name: 'a deactivation with the version', input: { active: false, version: 2 }, output: { active: false, version: 2 } },
      { name: 'a change to unit lead with units', input: { role: 'unit_lead', unitIds: [1, 2], version: 1 }, output: { role: 'unit_lead', unitIds: [1, 2], version: 1 } },
      { name: 'a change to unit lead leaving units out (the server checks the stored ones)', input: { role: 'unit_lead', version: 1 }, output: { role: 'unit_lead', version: 1 } },
      { name: 'a new display name, trimmed', input: { displayName: ' Nouveau ', version: 5 }, output: { displayName: 'Nouveau', version: 5 } },
    ],
    [
      { name: 'a unit lead with an empty unitIds', input: { role: 'unit_lead', unitIds: [], version: 1 }, issues: [['unitIds', LEAD_NEEDS_UNIT]] },
      { name: 'a missing version', input: { active: true }, issues: [['version', 'Version attendue.']] },
      { name: 'active given as text', input: { active: 'oui', version: 1 }, issues: [['active', 'Valeur oui/non attendue.']] },
      { name: 'an e-mail change (not allowed)', input: { email: 'autre@cn2r.fr', version: 1 }, issues: [['']] },
      { name: 'a password in an update', input: { password, version: 1 }, issues: [['']] },
      { name: 'an unknown role', input: { role: 'superadmin', version: 1 }, issues: [['role']] },
    ],
  );

  it('words every message in French, the role included', () => {
    expectFrenchMessages(UpdateUser, { 'role unknown': { role: 'superadmin', version: 1 }, 'version missing': {} });
  });
});

describe('ResetPassword', () => {
  schemaTable(
    ResetPassword,
    [{ name: 'a password of 12 characters or more', input: { password }, output: { password } }],
    [
      { name: 'a short password', input: { password: 'court' }, issues: [['password', 'Le mot de passe doit compter au moins 12 caractères.']] },
      { name: 'no password', input: {}, issues: [['password', 'Mot de passe attendu.']] },
    ],
  );
});

describe('UserQuery', () => {
  schemaTable(
    UserQuery,
    [
      { name: 'no filter', input: {}, output: {} },
      { name: 'every filter, active as a boolean', input: { search: ' marie ', role: 'board', active: 'false' }, output: { search: 'marie', role: 'board', active: false } },
      { name: 'active=true', input: { active: 'true' }, output: { active: true } },
    ],
    [
      { name: 'active=oui', input: { active: 'oui' }, issues: [['active']] },
      { name: 'an unknown role', input: { role: 'root' }, issues: [['role']] },
      { name: 'an unknown filter', input: { page: '2' }, issues: [['']] },
    ],
  );

  it('words every message in French', () => {
    expectFrenchMessages(UserQuery, { 'active unknown': { active: 'oui' }, 'role unknown': { role: 'root' }, 'search too long': { search: 'x'.repeat(101) } });
  });
});
