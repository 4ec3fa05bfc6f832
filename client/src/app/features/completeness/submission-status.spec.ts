import { SubmissionStatus } from '@cn2r/shared';
import { isOverdue, statusView } from './submission-status';

describe('statusView', () => {
  it('gives every status a French word and an icon, never only a colour', () => {
    for (const status of SubmissionStatus.options) {
      const view = statusView(status);
      expect(view.label).withContext(status).toMatch(/\S/);
      expect(view.icon).withContext(status).toMatch(/^[a-z_]+$/);
    }
    expect(statusView('returned')).toEqual({ label: 'Renvoyée pour correction', icon: 'undo', tone: 'attention' });
  });

  it('is overdue past the due date until the form is sent', () => {
    expect(isOverdue({ status: 'draft', dueOn: '2026-04-30' }, '2026-05-01')).toBeTrue();
    expect(isOverdue({ status: 'draft', dueOn: '2026-04-30' }, '2026-04-30')).toBeFalse();
    expect(isOverdue({ status: 'submitted', dueOn: '2026-04-30' }, '2026-05-01')).toBeFalse();
    expect(isOverdue({ status: 'returned', dueOn: null }, '2026-05-01')).toBeFalse();
  });
});
