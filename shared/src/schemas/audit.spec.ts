import { expectFrenchMessages, schemaTable } from '../../spec/schema-table.js';
import { AuditQuery } from './audit.js';

describe('AuditQuery', () => {
  schemaTable(
    AuditQuery,
    [
      { name: 'no filter: limit 50, offset 0', input: {}, output: { limit: 50, offset: 0 } },
      { name: 'limit and offset from query text, coerced to numbers', input: { limit: '10', offset: '20' }, output: { limit: 10, offset: 20 } },
      { name: 'the bounds of limit', input: { limit: '500', offset: '0' }, output: { limit: 500, offset: 0 } },
      { name: 'a one-day range (from = to)', input: { from: '2026-02-02', to: '2026-02-02' }, output: { from: '2026-02-02', to: '2026-02-02', limit: 50, offset: 0 } },
      { name: 'text filters, trimmed', input: { actor: ' admin ', action: 'unit.', entityType: 'unit', entityId: ' 12 ' }, output: { actor: 'admin', action: 'unit.', entityType: 'unit', entityId: '12', limit: 50, offset: 0 } },
      { name: 'only a start date', input: { from: '2026-01-01' }, output: { from: '2026-01-01', limit: 50, offset: 0 } },
    ],
    [
      { name: 'a limit that is not a number', input: { limit: 'abc' }, issues: [['limit', 'Nombre attendu.']] },
      { name: 'a limit of 0', input: { limit: '0' }, issues: [['limit']] },
      { name: 'a limit over 500', input: { limit: '501' }, issues: [['limit']] },
      { name: 'a decimal limit', input: { limit: '2.5' }, issues: [['limit']] },
      { name: 'a negative offset', input: { offset: '-1' }, issues: [['offset']] },
      { name: 'a start after the end, named on `to`', input: { from: '2026-02-02', to: '2026-02-01' }, issues: [['to', 'La date de fin doit suivre la date de début.']] },
      { name: 'a date that does not exist', input: { from: '2026-02-30' }, issues: [['from', 'Cette date n’existe pas.']] },
      { name: 'a date in another format', input: { to: '01/02/2026' }, issues: [['to', 'Date attendue au format AAAA-MM-JJ.']] },
      { name: 'an unknown parameter', input: { sort: 'at' }, issues: [['']] },
    ],
  );

  it('words every message in French, lengths included', () => {
    expectFrenchMessages(AuditQuery, {
      'limit text': { limit: 'abc' },
      'dates reversed': { from: '2026-02-02', to: '2026-02-01' },
      'actor too long': { actor: 'x'.repeat(255) },
      'action too long': { action: 'x'.repeat(101) },
      'actor repeated (?actor=a&actor=b)': { actor: ['a', 'b'] },
    });
  });
});
