import { describeChanges, staleMessage } from './changes-description';

describe('describeChanges', () => {
  const before = { id: 1, label: 'Déplacements', envelope: 'fonctionnement', fundingSourceId: 2, version: 1 };

  it('names each changed field with its old and new value', () => {
    const after = { ...before, label: 'Missions', fundingSourceId: 3, version: 2 };
    expect(describeChanges(before, after, { label: 'libellé', envelope: 'enveloppe', fundingSourceId: 'financement' }, { fundingSourceId: (v) => `S${v}` })).toBe(
      'libellé : « Déplacements » → « Missions » ; financement : « S2 » → « S3 »',
    );
  });

  it('says when the row is gone, or when nothing shown changed', () => {
    expect(describeChanges(before, null, { label: 'libellé' })).toBe('elle a été supprimée entre-temps');
    expect(describeChanges(before, { ...before, version: 3 }, { label: 'libellé' })).toBe(
      'aucun des champs affichés n’a changé (une autre modification a eu lieu)',
    );
  });

  it('writes the sentence of the snackbar', () => {
    expect(staleMessage('La ligne FONC-01', 'libellé : « A » → « B »')).toBe(
      'La ligne FONC-01 a été modifiée par quelqu’un d’autre entre-temps (libellé : « A » → « B »). Les données ont été rechargées : reprenez votre modification.',
    );
  });
});
