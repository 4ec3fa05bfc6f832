import { navLinksFor } from './nav-links';

describe('navLinksFor', () => {
  const paths = (role: Parameters<typeof navLinksFor>[0]) => navLinksFor(role).map((link) => link.path);

  it('gives an admin every page, administration last', () => {
    expect(paths('admin')).toEqual(['/', '/centres', '/mon-compte', '/utilisateurs', '/journal', '/api/docs']);
  });

  it('gives the other roles the shared pages only', () => {
    for (const role of ['unit_lead', 'finance', 'board'] as const) {
      expect(paths(role)).withContext(role).toEqual(['/', '/centres', '/mon-compte']);
    }
  });

  it('gives nothing to a signed-out visitor', () => {
    expect(navLinksFor(null)).toEqual([]);
  });
});
