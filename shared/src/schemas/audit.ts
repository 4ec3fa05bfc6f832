import * as z from 'zod';
import { IsoDate, Timestamp, paged, withoutControlCharacters } from './common.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  actorId: z.number().int().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = paged(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z
  .strictObject({
    actor: withoutControlCharacters(z.string().trim().max(254), 'single', 'L’auteur').optional().describe('Partie de l’e-mail de l’auteur'),
    action: withoutControlCharacters(z.string().trim().max(100), 'single', 'L’action').optional(),
    entityType: withoutControlCharacters(z.string().trim().max(100), 'single', 'Le type d’objet').optional(),
    entityId: withoutControlCharacters(z.string().trim().max(100), 'single', 'L’identifiant d’objet').optional(),
    from: IsoDate.optional().describe('Date de début incluse'),
    to: IsoDate.optional().describe('Date de fin incluse'),
    limit: z.coerce.number({ error: 'Nombre attendu.' }).int({ error: 'Nombre entier attendu.' }).min(1, { error: 'Au moins 1 ligne.' }).max(500, { error: '500 lignes au plus.' }).default(50),
    offset: z.coerce.number({ error: 'Nombre attendu.' }).int({ error: 'Nombre entier attendu.' }).min(0, { error: 'Décalage positif attendu.' }).max(10_000_000, { error: 'Décalage trop grand.' }).default(0),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: 'La date de fin doit suivre la date de début.', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;
