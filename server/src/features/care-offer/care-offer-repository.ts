import type { Knex } from 'knex';
import type { CareOffer, CareOfferCare, CareOfferQuery, CreateCareOffer } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface Row {
  id: number;
  name: string;
  kind: CareOffer['kind'];
  address: string;
  commune_insee: string;
  commune: string;
  latitude: string | number;
  longitude: string | number;
  public: CareOffer['public'];
  care: string;
  access: CareOffer['access'];
  phone: string | null;
  website: string | null;
  unit_id: number;
  unit_name: string;
  region: string;
  checked_on: string;
  status: CareOffer['status'];
  return_message: string | null;
  published_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

const toEntry = (r: Row): CareOffer => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  address: r.address,
  communeInsee: r.commune_insee,
  commune: r.commune,
  latitude: Number(r.latitude),
  longitude: Number(r.longitude),
  public: r.public,
  care: r.care ? (r.care.split(',') as CareOfferCare[]) : [],
  access: r.access,
  phone: r.phone,
  website: r.website,
  unitId: r.unit_id,
  unitName: r.unit_name,
  region: r.region,
  checkedOn: r.checked_on,
  status: r.status,
  returnMessage: r.return_message,
  publishedAt: r.published_at === null ? null : iso(r.published_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

const toColumns = (f: CreateCareOffer) => ({
  name: f.name,
  kind: f.kind,
  address: f.address,
  commune_insee: f.communeInsee,
  commune: f.commune,
  latitude: f.latitude,
  longitude: f.longitude,
  public: f.public,
  care: f.care.join(','),
  access: f.access,
  phone: f.phone,
  website: f.website,
  unit_id: f.unitId,
  checked_on: f.checkedOn,
});

/** Who sees what: every published entry; besides, the proposals and withdrawn entries of these units (null: all of them). */
export interface Visibility {
  readonly unpublishedOf: readonly number[] | null;
}

export class CareOfferRepository {
  private base(db: Db) {
    return db('care_offers as c').join('units as u', 'u.id', 'c.unit_id').select('c.*', 'u.name as unit_name', 'u.region');
  }

  async list(db: Db, query: CareOfferQuery, visibility: Visibility): Promise<CareOffer[]> {
    const q = this.base(db);
    if (visibility.unpublishedOf !== null) {
      const own = visibility.unpublishedOf;
      q.where((w) => {
        w.where('c.status', 'published');
        if (own.length > 0) w.orWhereIn('c.unit_id', own);
      });
    }
    if (query.kind?.length) q.whereIn('c.kind', query.kind);
    if (query.public) q.whereIn('c.public', query.public === 'all' ? ['all'] : [query.public, 'all']);
    if (query.care?.length) q.where((w) => query.care!.forEach((c) => w.orWhereRaw(`(',' || c.care || ',') LIKE ?`, [`%,${c},%`])));
    if (query.region) q.where('u.region', query.region);
    if (query.status) q.where('c.status', query.status);
    if (query.unitId) q.where('c.unit_id', query.unitId);
    const rows: Row[] = await q.orderBy('u.region').orderBy('c.commune').orderBy('c.name').orderBy('c.id');
    return rows.map(toEntry);
  }

  async find(db: Db, id: number): Promise<CareOffer | undefined> {
    const row: Row | undefined = await this.base(db).where('c.id', id).first();
    return row && toEntry(row);
  }

  async insert(db: Db, fields: CreateCareOffer): Promise<number> {
    const [{ id }] = await db('care_offers').insert({ ...toColumns(fields), status: 'proposed' }).returning('id');
    return id;
  }

  /** Updates the fields and/or the status when the version still matches; false when stale. */
  async update(db: Db, id: number, version: number, changes: Record<string, unknown>): Promise<boolean> {
    const count = await db('care_offers')
      .where({ id, version })
      .update({ ...changes, updated_at: db.fn.now(), version: version + 1 });
    return count === 1;
  }

  updateFields(db: Db, id: number, version: number, fields: CreateCareOffer): Promise<boolean> {
    return this.update(db, id, version, toColumns(fields));
  }

  /** Published entries checked in `from`…`to`, counted by referencing unit and year. */
  async publishedCountsByUnitAndYear(db: Db, from: number, to: number): Promise<{ unitId: number; year: number; count: number }[]> {
    const rows = await db('care_offers')
      .where('status', 'published')
      .andWhere('checked_on', '>=', `${from}-01-01`)
      .andWhere('checked_on', '<=', `${to}-12-31`)
      .select('unit_id', db.raw(`CAST(EXTRACT(YEAR FROM checked_on) AS integer) AS year`))
      .count<{ unit_id: number; year: number; count: string | number }[]>('* as count')
      .groupBy('unit_id', db.raw('EXTRACT(YEAR FROM checked_on)'));
    return rows.map((r) => ({ unitId: r.unit_id, year: Number(r.year), count: Number(r.count) }));
  }

  /** Published entries checked in `year`, counted by kind and by the referencing unit's region. */
  async yearSummary(db: Db, year: number): Promise<{ byKind: Map<string, number>; byRegion: Map<string, number>; total: number }> {
    const rows: { kind: string; region: string; n: string | number }[] = await db('care_offers as c')
      .join('units as u', 'u.id', 'c.unit_id')
      .where('c.status', 'published')
      .andWhere('c.checked_on', '>=', `${year}-01-01`)
      .andWhere('c.checked_on', '<=', `${year}-12-31`)
      .groupBy('c.kind', 'u.region')
      .select('c.kind', 'u.region', db.raw('COUNT(*) AS n'));
    const byKind = new Map<string, number>();
    const byRegion = new Map<string, number>();
    let total = 0;
    for (const r of rows) {
      const n = Number(r.n);
      byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + n);
      byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + n);
      total += n;
    }
    return { byKind, byRegion, total };
  }

  /** The entry's audit trail, oldest first; `before` and `after` are the entry as read (JSON). */
  async history(db: Db, id: number): Promise<{ at: Date | string; action: string; actor_email: string | null; reason: string | null; before: unknown; after: unknown }[]> {
    const rows = await db('audit_log').where({ entity_type: 'care_offer', entity_id: String(id) }).orderBy('at').orderBy('id').select('at', 'action', 'actor_email', 'reason', 'before', 'after');
    // jsonb comes back parsed from PostgreSQL; as text from some drivers.
    const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
    return rows.map((r) => ({ ...r, before: json(r.before), after: json(r.after) }));
  }
}
