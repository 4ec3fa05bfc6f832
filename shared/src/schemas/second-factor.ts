import * as z from 'zod';
import { Me } from './auth.js';
import { IdParams, Timestamp, withoutControlCharacters } from './common.js';

/** How many recovery codes a user receives, each usable once. */
export const RECOVERY_CODE_COUNT = 10;
/** At most this many days a browser may skip the code. */
export const REMEMBER_DEVICE_MAX_DAYS = 30;
/** Wrong codes a pending sign-in tolerates; the next one ends it. */
export const SECOND_FACTOR_MAX_FAILURES = 5;

/** A TOTP code of the authenticator app: six digits (spaces ignored). */
export const TotpCode = z
  .string({ error: 'Code attendu.' })
  .max(20, { error: 'Le code doit compter 6 chiffres.' })
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: 'Le code doit compter 6 chiffres.' }));

/** A recovery code: 12 letters or digits, grouped `xxxx-xxxx-xxxx` (dashes, spaces and case ignored). */
export const RecoveryCode = z
  .string({ error: 'Code de secours attendu.' })
  .max(40, { error: 'Code de secours invalide : 12 lettres ou chiffres attendus.' })
  .transform((value) => value.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{12}$/, { error: 'Code de secours invalide : 12 lettres ou chiffres attendus.' }));

/** What a client needs to add the account to an authenticator app. */
export const SecondFactorEnrolment = z.object({
  secret: z.string().describe('Le secret en base32, à saisir à la main si le QR code ne peut pas être lu'),
  otpauthUri: z.string().describe('L’URI otpauth:// que le QR code encode'),
  qrSvg: z.string().describe('Le QR code, en SVG'),
});
export type SecondFactorEnrolment = z.infer<typeof SecondFactorEnrolment>;

/**
 * The answer to a sign-in whose first factor passed but which needs a second one: `code` (the
 * user has a second factor) or `enrolment` (the policy requires one and the user has none yet: the
 * enrolment to show, confirmed by the first code). The pending sign-in lives 5 minutes in an
 * HttpOnly cookie.
 */
export const SecondFactorChallenge = z.object({
  secondFactor: z.enum(['code', 'enrolment']),
  enrolment: SecondFactorEnrolment.nullable(),
});
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallenge>;

/** `POST /api/auth/login`: the signed-in user, or the second factor still to give. */
export const LoginResponse = z.union([Me, SecondFactorChallenge]);
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Whether a sign-in answer asks for the second factor. */
export const needsSecondFactor = (answer: LoginResponse): answer is SecondFactorChallenge => 'secondFactor' in answer;

/** `GET /api/auth/second-factor`: the pending sign-in of this browser, if any. */
export const PendingSignIn = z.object({ challenge: SecondFactorChallenge.nullable() });
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/** `POST /api/auth/second-factor`: a code of the app or a recovery code, and whether to remember this browser. */
export const SecondFactorSignInRequest = z
  .strictObject({
    code: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
    rememberDevice: z.boolean({ error: '« Se souvenir de cet appareil » : vrai ou faux attendu.' }).default(false),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    error: 'Saisissez le code de l’application ou un code de secours.',
    path: ['code'],
  });
export type SecondFactorSignInRequest = z.input<typeof SecondFactorSignInRequest>;

/** The signed-in user, and the recovery codes when the sign-in confirmed an enrolment (shown once). */
export const SecondFactorSignInResponse = z.object({ me: Me, recoveryCodes: z.array(z.string()).nullable() });
export type SecondFactorSignInResponse = z.infer<typeof SecondFactorSignInResponse>;

/** Confirms an enrolment with the first code of the app. */
export const SecondFactorConfirmRequest = z.strictObject({ code: TotpCode });
export type SecondFactorConfirmRequest = z.input<typeof SecondFactorConfirmRequest>;

/** Proof of presence for disabling or regenerating: a current code or the password. */
export const SecondFactorProof = z
  .strictObject({
    code: TotpCode.optional(),
    password: withoutControlCharacters(z.string({ error: 'Mot de passe attendu.' }).min(1, { error: 'Le mot de passe est obligatoire.' }).max(256, { error: 'Mot de passe trop long.' }), 'single', 'Le mot de passe').optional(),
  })
  .refine((v) => v.code !== undefined || v.password !== undefined, {
    error: 'Saisissez un code de l’application ou votre mot de passe.',
    path: ['code'],
  });
export type SecondFactorProof = z.input<typeof SecondFactorProof>;

/** Ten new recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** A browser that skips the code until `expiresAt`. */
export const RememberedDevice = z.object({
  id: z.number().int(),
  label: z.string().nullable().describe('Le navigateur (User-Agent) au moment de l’enregistrement'),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp,
  current: z.boolean().describe('Ce navigateur-ci'),
});
export type RememberedDevice = z.infer<typeof RememberedDevice>;

/** `GET /api/account/second-factor`: the signed-in user's second factor. */
export const SecondFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: Timestamp.nullable(),
  /** The policy requires it for this user's role (then it cannot be disabled). */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  devices: z.array(RememberedDevice),
});
export type SecondFactorStatus = z.infer<typeof SecondFactorStatus>;

/** The administrator's setting: a second factor required for the admin and finance roles. */
export const SecondFactorPolicy = z.strictObject({
  requiredForAdminAndFinance: z.boolean({ error: 'Vrai ou faux attendu.' }),
});
export type SecondFactorPolicy = z.infer<typeof SecondFactorPolicy>;

/** Users who have a second factor, for the administrator. */
export const SecondFactorUsers = z.object({
  users: z.array(z.object({ userId: z.number().int(), enabledAt: Timestamp })),
});
export type SecondFactorUsers = z.infer<typeof SecondFactorUsers>;

export const DeviceParams = IdParams;
