import { ROLE_VALUES } from '../labels.js';
import { CAPABILITIES, CAPABILITY_NAMES, can, describeCapability, isPublic, limitedToOwnUnits, rolesFor, type Capability } from './capabilities.js';

/**
 * The access rights written out by hand, role by role: A = admin, U = unit lead (own units when
 * `own`), F = finance, B = board, `*` = anyone, signed in or not. A change to the map must change
 * this table too.
 */
const expected: Record<Capability, string> = {
  'session.open': '*',
  'health.read': '*',
  'api.docs': '*',
  'account.self': 'A U F B',
  'home.read': 'A U F B',
  'api.docs.link': 'A',
  'users.manage': 'A',
  'security.manage': 'A',
  'units.read': 'A U F B',
  'units.manage': 'A',
  'audit.read': 'A',
  'mail.read': 'A',
  'catalogue.read': 'A U F B',
  'catalogue.manage': 'A',
  'campaigns.read': 'A U F B',
  'campaigns.manage': 'A',
  'forms.read': 'A U(own) F B',
  'forms.readPending': 'A U(own)',
  'forms.write': 'A U(own)',
  'forms.review': 'A',
  'counts.readUnmasked': 'A U(own)',
  'completeness.read': 'A U(own)',
  'dashboards.unit': 'A U(own)',
  'dashboards.network': 'A',
  'dashboards.finance': 'A F B',
  'dashboards.board': 'A B',
  'dashboards.map': 'A U F B',
  'careOffer.read': 'A U F B',
  'careOffer.propose': 'A U(own)',
  'careOffer.review': 'A',
  'careOffer.openData': '*',
  'budget.read': 'A F B',
  'budget.write': 'A F',
  'staff.read': 'A F B',
  'staff.readIndividual': 'A F',
  'staff.write': 'A F',
  'governance.read': 'A U F B',
  'governance.write': 'A B',
  'deliverables.write': 'A',
  'reports.activity.read': 'A B',
  'reports.financial.read': 'A F B',
  'reports.write': 'A B',
};

const letter = { admin: 'A', unit_lead: 'U', finance: 'F', board: 'B' } as const;

function written(capability: Capability): string {
  if (isPublic(capability)) return '*';
  return ROLE_VALUES.filter((role) => can(role, capability))
    .map((role) => letter[role] + (limitedToOwnUnits(role, capability) ? '(own)' : ''))
    .join(' ');
}

describe('capability map', () => {
  it('names exactly the capabilities of the table', () => {
    expect(([...CAPABILITY_NAMES] as string[]).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const capability of Object.keys(expected) as Capability[]) {
    it(`${capability}: ${expected[capability]}`, () => {
      expect(written(capability)).toBe(expected[capability]);
    });
  }

  it('gives nobody signed in and the system actor the public capabilities only', () => {
    for (const capability of CAPABILITY_NAMES) {
      expect(can(null, capability)).withContext(capability).toBe(isPublic(capability));
      expect(can('system', capability)).withContext(capability).toBe(isPublic(capability));
      expect(can(undefined, capability)).withContext(capability).toBe(isPublic(capability));
    }
  });

  it('limits no role but the unit lead to their units', () => {
    for (const capability of CAPABILITY_NAMES) {
      for (const role of ['admin', 'finance', 'board'] as const) expect(limitedToOwnUnits(role, capability)).withContext(`${role} ${capability}`).toBeFalse();
    }
    expect(limitedToOwnUnits('unit_lead', 'forms.review')).toBeFalse();
  });

  it('lists the holders in the order of the roles, every role for a public capability', () => {
    expect(rolesFor('reports.financial.read')).toEqual(['admin', 'finance', 'board']);
    expect(rolesFor('session.open')).toEqual([...ROLE_VALUES]);
  });

  it('holds no capability twice for a role, nor an empty list of holders, and labels every one', () => {
    for (const [name, rule] of Object.entries(CAPABILITIES)) {
      expect(rule.label.length).withContext(name).toBeGreaterThan(0);
      if (rule.holders !== 'anyone') {
        expect(rule.holders.length).withContext(name).toBeGreaterThan(0);
        expect(new Set(rule.holders).size).withContext(name).toBe(rule.holders.length);
      }
    }
  });

  it('describes a rule in French, with the unit limit', () => {
    expect(describeCapability('health.read')).toBe('public');
    expect(describeCapability('forms.write', (r) => ({ admin: 'Coordination', unit_lead: 'Responsable de centre', finance: 'Finances', board: 'Bureau' })[r])).toBe(
      'forms.write — saisir, importer et transmettre les valeurs d’un centre : Coordination, Responsable de centre (ses centres seulement)',
    );
  });
});
