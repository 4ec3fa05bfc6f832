import { anIndicator } from './catalogue-fixtures.spec';
import {
  createsRevision,
  defaultEffectiveFrom,
  indicatorChanges,
  indicatorFields,
  longFrenchDate,
  meaningChanges,
  revisionNotice,
} from './indicator-changes';

describe('indicator changes', () => {
  const original = anIndicator({ valueCount: 48 });

  it('keeps only what differs, the disaggregation compared by id', () => {
    const edited = { ...indicatorFields(original), label: 'File active (patients)', dimensionId: 3, minValue: 0 };
    expect(indicatorChanges(original, edited)).toEqual({ label: 'File active (patients)' });
    expect(indicatorChanges(original, { ...edited, dimensionId: null })).toEqual({ label: 'File active (patients)', dimensionId: null });
  });

  it('tells a change of meaning from a change of wording', () => {
    expect(meaningChanges({ label: 'x', sortOrder: 2, required: false, expectedResult: 'network', activeTo: '2026-12-31' })).toEqual([]);
    expect(meaningChanges({ label: 'x', definition: 'y', periodType: 'year' })).toEqual(['definition', 'periodType']);
  });

  it('creates a revision only when values exist and the meaning changes', () => {
    expect(createsRevision(original, { definition: 'Autre chose' })).toBeTrue();
    expect(createsRevision(original, { label: 'Autre libellé' })).toBeFalse();
    expect(createsRevision(anIndicator({ valueCount: 0 }), { definition: 'Autre chose' })).toBeFalse();
  });

  it('starts a new revision on 1 January of next year by default', () => {
    expect(defaultEffectiveFrom('2026-11-23')).toBe('2027-01-01');
    expect(defaultEffectiveFrom('2026-01-01')).toBe('2027-01-01');
  });

  it('writes dates the French way', () => {
    expect(longFrenchDate('2027-01-01')).toBe('1er janvier 2027');
    expect(longFrenchDate('2026-08-15')).toBe('15 août 2026');
  });

  it('says what the revision does before it is made', () => {
    expect(revisionNotice(original, '2027-01-01')).toBe(
      'Cet indicateur a 48 valeurs : modifier sa définition crée une révision 2 à partir du 1er janvier 2027 ; ' +
        'les valeurs déjà saisies restent attachées à la révision 1.',
    );
    expect(revisionNotice(anIndicator({ valueCount: 1, revision: 2 }), null)).toContain(
      'a 1 valeur : modifier sa définition crée une révision 3 à partir de la date choisie ci-dessous ; les valeurs déjà saisies restent attachées à la révision 2.',
    );
  });
});
