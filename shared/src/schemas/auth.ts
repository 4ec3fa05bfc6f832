import * as z from 'zod';
import { PASSWORD_MIN_LENGTH } from '../labels.js';
import { Role } from '../roles.js';
import { withoutControlCharacters } from './common.js';

export { PASSWORD_MIN_LENGTH } from '../labels.js';

export const Email = z
  .string({ error: 'Adresse e-mail attendue.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Adresse e-mail trop longue.' })
  .pipe(z.email({ error: 'Adresse e-mail invalide.' }));

export const NewPassword = withoutControlCharacters(
  z
    .string({ error: 'Mot de passe attendu.' })
    .min(PASSWORD_MIN_LENGTH, { error: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.` })
    .max(256, { error: 'Le mot de passe doit compter 256 caractères au plus.' }),
  'single',
  'Le mot de passe',
);

export const LoginRequest = z.strictObject({
  email: Email,
  password: withoutControlCharacters(
    z.string({ error: 'Mot de passe attendu.' }).min(1, { error: 'Le mot de passe est obligatoire.' }).max(256, { error: 'Mot de passe trop long.' }),
    'single',
    'Le mot de passe',
  ),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UnitRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

/** The signed-in user, as `GET /api/auth/me` and `POST /api/auth/login` return it. */
export const Me = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  units: z.array(UnitRef),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: withoutControlCharacters(
      z.string({ error: 'Mot de passe actuel attendu.' }).min(1, { error: 'Le mot de passe actuel est obligatoire.' }).max(256),
      'single',
      'Le mot de passe actuel',
    ),
    newPassword: NewPassword,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    error: 'Le nouveau mot de passe doit être différent de l’actuel.',
    path: ['newPassword'],
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
