import { changedFields } from './changed-fields';

describe('changedFields', () => {
  const original = { id: 4, name: 'CRP Grand Est', region: 'Grand Est', closedOn: null, tags: [1, 2], version: 5 };

  it('keeps only the fields whose value differs from the record as read', () => {
    expect(changedFields(original, { name: 'CRP Grand Est', region: 'Alsace', closedOn: null })).toEqual({ region: 'Alsace' });
  });

  it('compares arrays by content', () => {
    expect(changedFields(original, { tags: [1, 2] })).toEqual({});
    expect(changedFields(original, { tags: [2, 1] })).toEqual({ tags: [2, 1] });
  });

  it('keeps a value that was empty and one that is emptied', () => {
    expect(changedFields(original, { closedOn: '2026-12-31', region: '' })).toEqual({ closedOn: '2026-12-31', region: '' });
  });
});
