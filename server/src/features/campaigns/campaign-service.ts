import type { Knex } from 'knex';
import { campaignStatusLabels, type Campaign, type CampaignPeriod, type CampaignStatus, type CreateCampaign, type PutExtension, type UpdateCampaign, formatMessage } from '@cn2r/shared';
import { dueDateOf, parsePeriod, periodsOfYear } from '../../../../shared/src/collection/periods.js';
import { formExpectation } from '../../../../shared/src/collection/expected-forms.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import { UnitRepository } from '../units/unit-repository.js';
import { CampaignRepository, comparePeriods } from './campaign-repository.js';

type Db = Knex | Knex.Transaction;

/** Days after a quarter's or a month's last day before its report is due. */
export const PERIOD_DUE_DAYS = 30;
/**
 * Days after 31 December before the year's report is due: 60, i.e. 1 March of the following year
 * (29 February when that year is a leap year). The yearly figures (event types, trainings,
 * research) come after the last quarter, itself due on 30 January: a month more for them.
 */
export const YEAR_DUE_DAYS = 60;

/** Status changes an administrator may make, and the audit action of each. */
const TRANSITIONS: Partial<Record<CampaignStatus, Partial<Record<CampaignStatus, string>>>> = {
  draft: { open: 'campaign.opened' },
  open: { closed: 'campaign.closed' },
  closed: { open: 'campaign.reopened' },
};

/**
 * Yearly collection campaigns: the periods collected, each with its opening and due dates, and
 * the later deadlines granted to one unit for one period (extensions).
 */
export class CampaignService {
  private readonly campaigns = new CampaignRepository();
  private readonly indicators = new IndicatorRepository();
  private readonly units = new UnitRepository();

  constructor(private readonly db: Knex) {}

  list(): Promise<Campaign[]> {
    return this.campaigns.list(this.db);
  }

  async get(id: number): Promise<Campaign> {
    const campaign = await this.campaigns.findById(this.db, id);
    if (!campaign) throw new NotFoundError(formatMessage('campaigns.not_found'));
    return campaign;
  }

  /**
   * One campaign per year, in draft. Without `periods`: the four quarters and the year, and the
   * twelve months when an indicator active during the year reports monthly; each opens on its first
   * day, and is due PERIOD_DUE_DAYS (the year: YEAR_DUE_DAYS) days after its last day.
   */
  create(actor: Actor, input: CreateCampaign): Promise<Campaign> {
    return this.db.transaction(async (trx) => {
      if (await this.campaigns.findByYear(trx, input.year)) {
        throw new ConflictError(formatMessage('campaigns.year_taken', { year: input.year }), [{ path: 'year', message: formatMessage('campaigns.year_taken_field') }]);
      }
      const periods = input.periods ? checkedPeriods(input.periods, input.year) : await this.defaultPeriods(trx, input.year);
      const id = await this.campaigns.insert(trx, { year: input.year, label: input.label ?? `Campagne ${input.year}` });
      await this.campaigns.replacePeriods(trx, id, periods);
      const after = (await this.campaigns.findById(trx, id))!;
      await recordAudit(trx, actor, { action: 'campaign.created', entityType: 'campaign', entityId: id, after });
      return after;
    });
  }

  /**
   * Label, status (draft → open → closed, and closed → open again) and periods. The periods are
   * the whole new list: a period that some unit has started (a submission exists) cannot be
   * removed (409), but its dates may change; the extensions of a removed period go with it.
   */
  update(actor: Actor, id: number, input: UpdateCampaign): Promise<Campaign> {
    const { version, periods, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.campaigns.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('campaigns.not_found'));
      if (before.version !== version) throw ConflictError.staleVersion('campaigns.campaign_stale');

      let action = 'campaign.updated';
      if (changes.status !== undefined && changes.status !== before.status) {
        const transition = TRANSITIONS[before.status]?.[changes.status];
        if (!transition) {
          const message = formatMessage('campaigns.illegal_transition', { from: campaignStatusLabels[before.status], to: campaignStatusLabels[changes.status] });
          throw new ConflictError(message, [{ path: 'status', message }]);
        }
        action = transition;
      }

      if (!(await this.campaigns.update(trx, id, version, changes))) throw ConflictError.staleVersion('campaigns.campaign_stale');

      if (periods) {
        const next = checkedPeriods(periods, before.year);
        const kept = new Set(next.map((p) => p.period));
        const removed = before.periods.map((p) => p.period).filter((p) => !kept.has(p));
        const started = await this.campaigns.periodsWithSubmissions(trx, removed);
        if (started.length > 0) {
          const message = formatMessage('campaigns.periods_started', { periods: started });
          throw new ConflictError(message, [{ path: 'periods', message }]);
        }
        await this.campaigns.deleteExtensionsOfPeriods(trx, id, removed);
        await this.campaigns.replacePeriods(trx, id, next);
      }

      const after = (await this.campaigns.findById(trx, id))!;
      await recordAudit(trx, actor, { action, entityType: 'campaign', entityId: id, before, after });
      return after;
    });
  }

  /** Grants (or changes) a later deadline to one unit for one period of the campaign. */
  putExtension(actor: Actor, id: number, unitId: number, period: string, input: PutExtension): Promise<Campaign> {
    return this.db.transaction(async (trx) => {
      const campaign = await this.campaigns.findById(trx, id);
      if (!campaign) throw new NotFoundError(formatMessage('campaigns.not_found'));
      const campaignPeriod = campaign.periods.find((p) => p.period === period);
      if (!campaignPeriod) throw new NotFoundError(formatMessage('campaigns.period_not_in_campaign', { period, year: campaign.year }));
      const unit = await this.units.findById(trx, unitId);
      if (!unit) throw new NotFoundError(formatMessage('units.not_found'));
      const expectation = formExpectation(period, unit, await this.indicators.dueCatalogue(trx));
      if (expectation === 'unit_closed') {
        throw ValidationError.field('unitId', formatMessage('campaigns.unit_closed_in_period', { unit: unit.name, period }));
      }
      if (expectation === 'nothing_due') {
        throw ValidationError.field('unitId', formatMessage('campaigns.nothing_due_in_period', { unit: unit.name, period }));
      }
      if (input.dueOn <= campaignPeriod.dueOn) {
        throw ValidationError.field('dueOn', formatMessage('campaigns.extension_before_due', { dueOn: campaignPeriod.dueOn }));
      }
      const before = await this.campaigns.findExtension(trx, id, unitId, period);
      const extension = { unitId, period, dueOn: input.dueOn, reason: input.reason };
      await this.campaigns.upsertExtension(trx, id, extension);
      await recordAudit(trx, actor, { action: 'campaign.extension_set', entityType: 'campaign', entityId: id, before: before ?? null, after: extension });
      return (await this.campaigns.findById(trx, id))!;
    });
  }

  removeExtension(actor: Actor, id: number, unitId: number, period: string): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.campaigns.findExtension(trx, id, unitId, period);
      if (!before) throw new NotFoundError(formatMessage('campaigns.extension_not_found'));
      await this.campaigns.deleteExtension(trx, id, unitId, period);
      await recordAudit(trx, actor, { action: 'campaign.extension_removed', entityType: 'campaign', entityId: id, before });
    });
  }

  private async defaultPeriods(db: Db, year: number): Promise<CampaignPeriod[]> {
    const monthly = await this.indicators.anyActiveWithPeriodType(db, 'month', `${year}-01-01`, `${year}-12-31`);
    const codes = [...(monthly ? periodsOfYear(year, 'month') : []), ...periodsOfYear(year, 'quarter'), ...periodsOfYear(year, 'year')];
    return codes
      .map((code) => {
        const p = parsePeriod(code);
        return { period: code, opensOn: p.start, dueOn: dueDateOf(code, p.type === 'year' ? YEAR_DUE_DAYS : PERIOD_DUE_DAYS) };
      })
      .sort((a, b) => comparePeriods(a.period, b.period));
  }
}

/** The periods of a request, checked: all of the campaign's year, each once. */
function checkedPeriods(periods: readonly CampaignPeriod[], year: number): CampaignPeriod[] {
  const outside = periods.filter((p) => parsePeriod(p.period).year !== year);
  if (outside.length > 0) {
    throw ValidationError.field('periods', formatMessage('campaigns.periods_outside_year', { year, periods: outside.map((p) => p.period) }));
  }
  const seen = new Set<string>();
  for (const p of periods) {
    if (seen.has(p.period)) throw ValidationError.field('periods', formatMessage('campaigns.period_twice', { period: p.period }));
    seen.add(p.period);
  }
  return [...periods];
}
