import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, ErrorCode, FieldError } from '@cn2r/shared';
import { ERROR_CODES, defaultErrorMessages } from '@cn2r/shared/labels';

export const NETWORK_ERROR_MESSAGE = 'Le serveur est injoignable. Vérifiez votre connexion.';

/** What the client knows about a failed API call, in French. */
export interface ApiError {
  readonly status: number;
  readonly code: ErrorCode | null;
  readonly message: string;
  readonly fields: readonly FieldError[];
  readonly errorId: string | null;
}

const statusCodes: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_attempts',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isFieldError = (value: unknown): value is FieldError =>
  isRecord(value) && typeof value['path'] === 'string' && typeof value['message'] === 'string';

/**
 * The shape check of the shared `ApiErrorBody`, written out by hand: this runs in the initial
 * bundle, which does not load zod (it comes with the pages that validate forms).
 */
export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (!isRecord(body) || !isRecord(body['error'])) return false;
  const { code, message, fields, errorId } = body['error'];
  return (
    typeof code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(code) &&
    typeof message === 'string' &&
    (fields === undefined || (Array.isArray(fields) && fields.every(isFieldError))) &&
    (errorId === undefined || typeof errorId === 'string')
  );
}

/** Reads the API's error body `{ error: { code, message, fields?, errorId? } }`, whatever came back. */
export function toApiError(response: HttpErrorResponse): ApiError {
  if (response.status === 0) {
    return { status: 0, code: null, message: NETWORK_ERROR_MESSAGE, fields: [], errorId: null };
  }
  if (isApiErrorBody(response.error)) {
    const { code, message, fields, errorId } = response.error.error;
    return {
      status: response.status,
      code,
      message: message || defaultErrorMessages[code],
      fields: fields ?? [],
      errorId: errorId ?? null,
    };
  }
  // Not our JSON (a proxy page, an HTML 502…): fall back on the status.
  const code = statusCodes[response.status] ?? (response.status >= 500 ? 'internal' : 'bad_request');
  return { status: response.status, code, message: defaultErrorMessages[code], fields: [], errorId: null };
}

/** The sentence shown to the user; a 500 carries its error id, to quote to the support team. */
export function apiErrorMessage(error: ApiError): string {
  return error.errorId ? `${error.message} (identifiant de l’erreur : ${error.errorId})` : error.message;
}

/**
 * A 409 because the row changed since the client read it (optimistic concurrency): the server
 * names the `version` field. Other 409s (a code or an e-mail already used) name their own field.
 */
export function isStaleVersion(error: ApiError): boolean {
  return error.status === 409 && error.fields.some((field) => field.path === 'version');
}
