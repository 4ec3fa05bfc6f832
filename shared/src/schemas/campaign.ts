import * as z from 'zod';
import { IsoDate, Timestamp, optionalText, requiredText } from './common.js';

export const CampaignStatus = z.enum(['draft', 'open', 'closed']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;
export const campaignStatusLabels: Record<CampaignStatus, string> = { draft: 'En préparation', open: 'Ouverte', closed: 'Clôturée' };

const PeriodCode = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: 'Période attendue : AAAA, AAAA-Tn (AAAA-Q1…Q4) ou AAAA-MM.' });
export { PeriodCode };

export const CampaignPeriod = z.object({ period: z.string(), opensOn: z.string(), dueOn: z.string() });
export type CampaignPeriod = z.infer<typeof CampaignPeriod>;

export const CampaignExtension = z.object({ unitId: z.number().int(), period: z.string(), dueOn: z.string(), reason: z.string().nullable() });
export type CampaignExtension = z.infer<typeof CampaignExtension>;

export const Campaign = z.object({
  id: z.number().int(),
  year: z.number().int(),
  label: z.string(),
  status: CampaignStatus,
  periods: z.array(CampaignPeriod),
  extensions: z.array(CampaignExtension),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;

const PeriodInput = z
  .strictObject({ period: PeriodCode, opensOn: IsoDate, dueOn: IsoDate })
  .refine((p) => p.dueOn >= p.opensOn, { error: 'L’échéance doit suivre l’ouverture.', path: ['dueOn'] });

export const CreateCampaign = z
  .strictObject({
    year: z.number({ error: 'Année attendue.' }).int().min(2018).max(2100),
    label: optionalText('Le libellé', 200),
    /** Omitted: every quarter and the year, each open from its first day and due 30 days after its end. */
    periods: z.array(PeriodInput).min(1).max(20).optional(),
  })
  .refine((c) => !c.periods || c.periods.every((p) => p.period.startsWith(String(c.year))), {
    error: 'Toutes les périodes doivent appartenir à l’année de la campagne.',
    path: ['periods'],
  });
export type CreateCampaign = z.infer<typeof CreateCampaign>;

export const UpdateCampaign = z.strictObject({
  label: requiredText('Le libellé', 200).optional(),
  status: CampaignStatus.optional(),
  periods: z.array(PeriodInput).min(1).max(20).optional(),
  version: z.number({ error: 'Version attendue.' }).int().positive(),
});
export type UpdateCampaign = z.infer<typeof UpdateCampaign>;

export const PutExtension = z.strictObject({ dueOn: IsoDate, reason: optionalText('Le motif', 500, 'multi') });
export type PutExtension = z.infer<typeof PutExtension>;

export const CampaignParams = z.object({ id: z.coerce.number().int().positive() });
export const ExtensionParams = z.object({
  id: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
  period: PeriodCode,
});
