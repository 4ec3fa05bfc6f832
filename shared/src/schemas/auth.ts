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

/** A link sent by e-mail to choose a password: after « Mot de passe oublié ? », or an invitation. */
export const PASSWORD_TOKEN_PURPOSES = ['reset', 'invitation'] as const;
export type PasswordTokenPurpose = (typeof PASSWORD_TOKEN_PURPOSES)[number];
/** How long a reset link stays valid (minutes). */
export const PASSWORD_RESET_MINUTES = 30;
/** How long an invitation link stays valid (days). */
export const INVITATION_DAYS = 7;

/** The link's token (the `jeton` of `/mot-de-passe/nouveau?jeton=`): 43 URL-safe characters. */
export const PasswordToken = z
  .string({ error: 'Lien attendu.' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'Ce lien est incomplet : copiez-le en entier depuis le courriel, ou demandez un nouveau lien.' });

/** « Mot de passe oublié ? »: the address of the account. */
export const PasswordResetRequest = z.strictObject({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** The answer of a reset request: the same sentence whether the address has an account or not. */
export const PasswordResetAccepted = z.object({ message: z.string() });
export type PasswordResetAccepted = z.infer<typeof PasswordResetAccepted>;

/** A link's token, to check it before showing the form. */
export const PasswordTokenCheck = z.strictObject({ token: PasswordToken });
export type PasswordTokenCheck = z.infer<typeof PasswordTokenCheck>;

/** A valid link: what it is for, the account's address partly masked, and until when it is valid. */
export const PasswordTokenInfo = z.object({
  purpose: z.enum(PASSWORD_TOKEN_PURPOSES),
  email: z.string(),
  expiresAt: z.string(),
});
export type PasswordTokenInfo = z.infer<typeof PasswordTokenInfo>;

/** The new password chosen through a link. */
export const PasswordResetConfirm = z.strictObject({ token: PasswordToken, password: NewPassword });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;
