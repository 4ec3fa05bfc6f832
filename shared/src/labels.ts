/**
 * Constants and French labels without any zod: the client's initial bundle (shell, guards,
 * interceptor) imports these from '@cn2r/shared/labels' and so does not carry the validation
 * library, which loads with the feature pages that validate forms.
 */
import { frenchErrorMessages } from './messages/errors.js';

export const ROLE_VALUES = ['admin', 'unit_lead', 'finance', 'board'] as const;
export type RoleValue = (typeof ROLE_VALUES)[number];

export const roleLabels: Record<RoleValue, string> = {
  admin: 'Coordination CN2R (administrateur)',
  unit_lead: 'Responsable de centre',
  finance: 'Finances',
  board: 'Bureau / gouvernance',
};

export const UNIT_KIND_VALUES = ['crp', 'cn2r'] as const;
export type UnitKindValue = (typeof UNIT_KIND_VALUES)[number];

export const unitKindLabels: Record<UnitKindValue, string> = {
  crp: 'Centre régional du psychotraumatisme',
  cn2r: 'CN2R (centre national)',
};

export const PASSWORD_MIN_LENGTH = 12;

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'too_many_attempts',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCodeValue = (typeof ERROR_CODES)[number];

/**
 * Default French messages, used when the server gives none and by the client for network errors:
 * those of the message catalogue (messages/errors.ts), one per error code.
 */
export const defaultErrorMessages = Object.fromEntries(ERROR_CODES.map((code) => [code, frenchErrorMessages[code]()])) as Record<ErrorCodeValue, string>;
