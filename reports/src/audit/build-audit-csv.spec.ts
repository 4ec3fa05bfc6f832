import type { AuditEntry } from '@cn2r/shared';
import { buildAuditCsv } from './build-audit-csv.js';

const HEADER = 'N°;Date et heure (Paris);Auteur;Action;Type d’entité;Identifiant;Avant;Après;Motif;Requête\r\n';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1,
  at: '2026-01-15T12:00:00.000Z',
  actorId: 3,
  actorEmail: 'admin@cn2r.fr',
  action: 'unit.updated',
  entityType: 'unit',
  entityId: '7',
  before: null,
  after: null,
  reason: null,
  requestId: 'req-0001',
  ...overrides,
});

async function build(entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>): Promise<string> {
  let text = '';
  for await (const chunk of buildAuditCsv(entries)) text += chunk;
  return text;
}

const lines = (csv: string) => csv.split('\r\n').slice(1, -1);

describe('buildAuditCsv', () => {
  it('starts with the byte-order mark and the French header, even with no entry', async () => {
    expect(await build([])).toBe('\uFEFF' + HEADER);
  });

  it('writes one line per entry, in the order given, each with every column', async () => {
    const csv = await build([entry({ id: 5 }), entry({ id: 9, actorEmail: null, actorId: null, entityId: null, requestId: null })]);
    expect(csv.startsWith('\uFEFF' + HEADER)).toBeTrue();
    expect(csv.endsWith('\r\n')).toBeTrue();
    expect(lines(csv)).toEqual(['5;15/01/2026 13:00:00;admin@cn2r.fr;unit.updated;unit;7;;;;req-0001', '9;15/01/2026 13:00:00;;unit.updated;unit;;;;;']);
  });

  const times: [utc: string, paris: string][] = [
    ['2026-01-15T12:00:00.000Z', '15/01/2026 13:00:00'],
    ['2026-07-01T22:30:00.000Z', '02/07/2026 00:30:00'],
    ['2026-12-31T23:00:00.000Z', '01/01/2027 00:00:00'],
    // The spring change: 01:59:59 winter time, then 03:00:00 summer time.
    ['2026-03-29T00:59:59.000Z', '29/03/2026 01:59:59'],
    ['2026-03-29T01:00:00.000Z', '29/03/2026 03:00:00'],
    // The autumn change: 02:30 happens twice.
    ['2026-10-25T00:30:00.000Z', '25/10/2026 02:30:00'],
    ['2026-10-25T01:30:00.000Z', '25/10/2026 02:30:00'],
  ];
  for (const [utc, paris] of times) {
    it(`writes ${utc} in Paris time as ${paris}`, async () => {
      expect(lines(await build([entry({ at: utc })]))[0].split(';')[1]).toBe(paris);
    });
  }

  it('writes before and after as JSON, quoted and with quotes doubled', async () => {
    const csv = await build([entry({ before: { name: 'A;B', n: 1 }, after: { name: 'C "D"', tags: ['x'] } })]);
    const line = lines(csv)[0];
    expect(line).toContain(';"{""name"":""A;B"",""n"":1}";');
    expect(line).toContain(';"{""name"":""C \\""D\\"""",""tags"":[""x""]}";');
  });

  it('neutralises formulas in text columns and quotes line breaks in the reason', async () => {
    const csv = await build([entry({ actorEmail: '=cmd|calc', action: '@SUM(A1)', entityId: '+33', reason: 'premier\r\nsecond; troisième' })]);
    const body = csv.slice(('\uFEFF' + HEADER).length);
    expect(body).toBe(`1;15/01/2026 13:00:00;'=cmd|calc;'@SUM(A1);unit;'+33;;;"premier\r\nsecond; troisième";req-0001\r\n`);
  });

  it('reads an async source lazily: the header comes before the first entry is fetched', async () => {
    const fetched: number[] = [];
    async function* source(): AsyncGenerator<AuditEntry> {
      for (const id of [1, 2, 3]) {
        fetched.push(id);
        yield entry({ id });
      }
    }
    const csv = buildAuditCsv(source());
    const first = await csv.next();
    expect(first.value).toBe('\uFEFF' + HEADER);
    expect(fetched).toEqual([]);
    const second = await csv.next();
    expect((second.value as string).startsWith('1;')).toBeTrue();
    expect(fetched).toEqual([1]);
    let rest = '';
    for await (const chunk of csv) rest += chunk;
    expect(rest.split('\r\n').filter(Boolean).map((l) => l.split(';')[0])).toEqual(['2', '3']);
  });
});
