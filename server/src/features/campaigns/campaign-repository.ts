import type { Knex } from 'knex';
import type { Campaign, CampaignExtension, CampaignPeriod, CampaignStatus } from '@cn2r/shared';
import { parsePeriod } from '../../../../shared/src/collection/periods.js';

type Db = Knex | Knex.Transaction;

interface CampaignDbRow {
  id: number;
  year: number;
  label: string;
  status: CampaignStatus;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface PeriodDbRow {
  campaign_id: number;
  period: string;
  opens_on: string;
  due_on: string;
}

interface ExtensionDbRow {
  campaign_id: number;
  unit_id: number;
  period: string;
  due_on: string;
  reason: string | null;
}

const toPeriod = (row: PeriodDbRow): CampaignPeriod => ({ period: row.period, opensOn: row.opens_on, dueOn: row.due_on });
const toExtension = (row: ExtensionDbRow): CampaignExtension => ({ unitId: row.unit_id, period: row.period, dueOn: row.due_on, reason: row.reason });

/** Chronological order: by last day, the shorter period first (…, 2026-12, 2026-Q4, 2026). */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1;
  return pa.start === pb.start ? 0 : pa.start > pb.start ? -1 : 1;
}

export class CampaignRepository {
  async list(db: Db): Promise<Campaign[]> {
    return this.assemble(db, await db<CampaignDbRow>('campaigns').orderBy('year', 'desc'));
  }

  async findById(db: Db, id: number): Promise<Campaign | undefined> {
    const row = await db<CampaignDbRow>('campaigns').where({ id }).first();
    return row && (await this.assemble(db, [row]))[0];
  }

  async findByYear(db: Db, year: number): Promise<Campaign | undefined> {
    const row = await db<CampaignDbRow>('campaigns').where({ year }).first();
    return row && (await this.assemble(db, [row]))[0];
  }

  async insert(db: Db, fields: { year: number; label: string }): Promise<number> {
    const [row] = await db('campaigns').insert({ year: fields.year, label: fields.label }).returning('id');
    return row.id as number;
  }

  /** Updates (and bumps the version) when the version still matches; false when someone changed the row meanwhile. */
  async update(db: Db, id: number, version: number, fields: { label?: string; status?: CampaignStatus }): Promise<boolean> {
    const count = await db('campaigns')
      .where({ id, version })
      .update({
        ...(fields.label !== undefined && { label: fields.label }),
        ...(fields.status !== undefined && { status: fields.status }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      });
    return count === 1;
  }

  async replacePeriods(db: Db, campaignId: number, periods: readonly CampaignPeriod[]): Promise<void> {
    await db('campaign_periods').where({ campaign_id: campaignId }).delete();
    if (periods.length === 0) return;
    await db('campaign_periods').insert(periods.map((p) => ({ campaign_id: campaignId, period: p.period, opens_on: p.opensOn, due_on: p.dueOn })));
  }

  /** The periods among these that some unit has started (a submission row exists, whatever its status). */
  async periodsWithSubmissions(db: Db, periods: readonly string[]): Promise<string[]> {
    if (periods.length === 0) return [];
    return db('submissions').whereIn('period', [...periods]).distinct('period').orderBy('period').pluck('period');
  }

  async findExtension(db: Db, campaignId: number, unitId: number, period: string): Promise<CampaignExtension | undefined> {
    const row = await db<ExtensionDbRow>('campaign_extensions').where({ campaign_id: campaignId, unit_id: unitId, period }).first();
    return row && toExtension(row);
  }

  async upsertExtension(db: Db, campaignId: number, extension: CampaignExtension): Promise<void> {
    await db('campaign_extensions')
      .insert({ campaign_id: campaignId, unit_id: extension.unitId, period: extension.period, due_on: extension.dueOn, reason: extension.reason })
      .onConflict(['campaign_id', 'unit_id', 'period'])
      .merge(['due_on', 'reason']);
  }

  async deleteExtension(db: Db, campaignId: number, unitId: number, period: string): Promise<number> {
    return db('campaign_extensions').where({ campaign_id: campaignId, unit_id: unitId, period }).delete();
  }

  async deleteExtensionsOfPeriods(db: Db, campaignId: number, periods: readonly string[]): Promise<void> {
    if (periods.length === 0) return;
    await db('campaign_extensions').where({ campaign_id: campaignId }).whereIn('period', [...periods]).delete();
  }

  private async assemble(db: Db, rows: CampaignDbRow[]): Promise<Campaign[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const periods = await db<PeriodDbRow>('campaign_periods').whereIn('campaign_id', ids);
    const extensions = await db<ExtensionDbRow>('campaign_extensions').whereIn('campaign_id', ids).orderBy('unit_id');
    return rows.map((row) => ({
      id: row.id,
      year: row.year,
      label: row.label,
      status: row.status,
      periods: periods
        .filter((p) => p.campaign_id === row.id)
        .sort((a, b) => comparePeriods(a.period, b.period))
        .map(toPeriod),
      extensions: extensions
        .filter((e) => e.campaign_id === row.id)
        .sort((a, b) => a.unit_id - b.unit_id || comparePeriods(a.period, b.period))
        .map(toExtension),
      updatedAt: new Date(row.updated_at).toISOString(),
      version: row.version,
    }));
  }
}
