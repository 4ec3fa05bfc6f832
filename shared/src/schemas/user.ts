import * as z from 'zod';
import { Role } from '../roles.js';
import { Email, NewPassword, UnitRef } from './auth.js';
import { Timestamp, paged, requiredText, withoutControlCharacters } from './common.js';

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  units: z.array(UnitRef),
  active: z.boolean(),
  /** Linked to a person of the identity provider (they signed in through it once). */
  oidcLinked: z.boolean(),
  /** Signs in through the identity provider only: the e-mail and password form refuses the account. */
  localPasswordDisabled: z.boolean(),
  lastLoginAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserList = paged(User);
export type UserList = z.infer<typeof UserList>;

const UnitIds = z
  .array(z.number({ error: 'Identifiant de centre attendu.' }).int().positive(), { error: 'Liste de centres attendue.' })
  .max(100, { error: '100 centres au plus.' });

const unitScopeRule = (v: { role?: Role; unitIds?: number[] }) =>
  v.role !== 'unit_lead' || v.unitIds === undefined || v.unitIds.length > 0;
const unitScopeError = { error: 'Un responsable de centre doit être rattaché à au moins un centre.', path: ['unitIds'] };

export const CreateUser = z
  .strictObject({
    email: Email,
    displayName: requiredText('Le nom affiché', 120),
    role: Role,
    unitIds: UnitIds.default([]),
    /** Without a password, the account gets an invitation by e-mail to choose its own (7 days). */
    password: NewPassword.optional(),
  })
  .refine((v) => v.role !== 'unit_lead' || v.unitIds.length > 0, unitScopeError);
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .strictObject({
    displayName: requiredText('Le nom affiché', 120).optional(),
    role: Role.optional(),
    unitIds: UnitIds.optional(),
    active: z.boolean({ error: 'Valeur oui/non attendue.' }).optional(),
    localPasswordDisabled: z.boolean({ error: 'Valeur oui/non attendue.' }).optional(),
    version: z.number({ error: 'Version attendue.' }).int().positive(),
  })
  .refine(unitScopeRule, unitScopeError);
export type UpdateUser = z.infer<typeof UpdateUser>;

export const ResetPassword = z.strictObject({ password: NewPassword });
export type ResetPassword = z.infer<typeof ResetPassword>;

export const UserQuery = z.strictObject({
  search: withoutControlCharacters(z.string().trim().max(100), 'single', 'La recherche').optional(),
  role: Role.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type UserQuery = z.infer<typeof UserQuery>;
