import { can } from '@cn2r/shared';
import { NAV_LINKS, navLinksFor } from './nav-links';

describe('navLinksFor', () => {
  const paths = (role: Parameters<typeof navLinksFor>[0]) => navLinksFor(role).map((link) => link.path);

  it('gives an admin every page: the budget, the catalogue and campaigns after the units, administration last', () => {
    expect(paths('admin')).toEqual(['/', '/centres', '/saisie', '/completude', '/budget', '/personnels', '/rapports', '/gouvernance', '/offre-de-soins', '/catalogue', '/campagnes', '/mon-compte', '/utilisateurs', '/journal', '/courriels', '/api/docs']);
  });

  it('gives a unit lead the shared pages, the data entry, the completeness and the governance records', () => {
    expect(paths('unit_lead')).toEqual(['/', '/centres', '/saisie', '/completude', '/gouvernance', '/offre-de-soins', '/mon-compte']);
  });

  it('gives finance and the board the shared pages, the budget and the annual reports', () => {
    for (const role of ['finance', 'board'] as const) {
      expect(paths(role)).withContext(role).toEqual(['/', '/centres', '/budget', '/personnels', '/rapports', '/gouvernance', '/offre-de-soins', '/mon-compte']);
    }
  });

  it('gives nothing to a signed-out visitor', () => {
    expect(navLinksFor(null)).toEqual([]);
  });

  it('declares a capability of the shared map on every link, and shows a link exactly to the roles holding it', () => {
    for (const link of NAV_LINKS) {
      for (const role of ['admin', 'unit_lead', 'finance', 'board'] as const) {
        expect(navLinksFor(role).includes(link)).withContext(`${link.path} ${role}`).toBe(can(role, link.capability));
      }
    }
    expect(NAV_LINKS.find((link) => link.path === '/budget')?.capability).toBe('budget.read');
    expect(NAV_LINKS.find((link) => link.path === '/saisie')?.capability).toBe('forms.write');
  });
});
