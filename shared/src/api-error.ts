import * as z from 'zod';
import './zod-config.js';
import { ERROR_CODES } from './labels.js';

/** Stable machine-readable error codes of the API. The message beside each is French. */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  path: z.string().describe('Chemin du champ en faute, par exemple « email » ou « unitIds.0 »'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** The one JSON shape of every error answer. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(FieldError).optional(),
    errorId: z.string().optional().describe('Identifiant à communiquer au support (erreurs 500)'),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export { defaultErrorMessages } from './labels.js';
