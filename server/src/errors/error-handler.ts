import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { formatMessage, type ApiErrorBody, type FieldError } from '@cn2r/shared';
import { z } from 'zod';
import { AppError } from './http-errors.js';

export function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(corps)',
    message: issue.code === 'unrecognized_keys' ? formatMessage('validation.unknown_fields', { keys: issue.keys }) : issue.message,
  }));
}

function send(res: Parameters<ErrorRequestHandler>[2], status: number, error: ApiErrorBody['error']): void {
  res.status(status).json({ error } satisfies ApiErrorBody);
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The field a unique-constraint violation (PostgreSQL 23505) is about, as an API field path, or
 * null when the error does not say. PostgreSQL's `detail` names the key columns, untranslated
 * whatever the server's language: « Key (year, code)=(2026, FCT-1) already exists. » (« La clé
 * « (year, code)=(2026, FCT-1) » existe déjà. » in French). The field is the key's last plain
 * column (the earlier ones scope it: the year of a line, the dimension of an option), in
 * camelCase like the API's fields: `code`, `email`, `period`, `indicatorId`.
 */
export function uniqueViolationField(err: { detail?: unknown }): string | null {
  if (typeof err.detail !== 'string') return null;
  const key = /\((.*?)\)=\(/.exec(err.detail)?.[1];
  if (key === undefined) return null;
  const columns = key.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const plain = columns.filter((c) => /^[a-z_][a-z0-9_]*$/.test(c));
  return plain.length > 0 ? camelCase(plain[plain.length - 1]) : null;
}

/** 404 in the JSON shape for any /api path no route answered. */
export const apiNotFound: RequestHandler = (req, res) => {
  // req.path is relative to the /api mount point: name the path the client asked for.
  send(res, 404, { code: 'not_found', message: formatMessage('request.no_route', { method: req.method, path: `${req.baseUrl}${req.path}` }) });
};

/**
 * The one error middleware, registered last. Known errors keep their status; zod failures are
 * 422 with field paths; body-parser and PostgreSQL constraint errors are mapped (a unique key to a
 * 409 naming its field); anything else is a 500 with an id that is logged, never a stack trace.
 * Messages come from the catalogue (shared/src/messages.ts).
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    req.log?.error({ err }, 'erreur après l’envoi des en-têtes');
    res.end();
    return;
  }
  if (err instanceof AppError) {
    if (err.headers) res.set(err.headers);
    send(res, err.status, { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
    return;
  }
  if (err instanceof z.ZodError) {
    const fields = zodFields(err);
    const message = fields.length === 1 ? formatMessage('validation.field', fields[0]) : formatMessage('validation_failed');
    send(res, 422, { code: 'validation_failed', message, fields });
    return;
  }
  // body-parser (express.json) errors carry a `type` and a client status.
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    send(res, 400, { code: 'bad_request', message: formatMessage('request.invalid_json') });
    return;
  }
  if (type === 'entity.too.large') {
    send(res, 413, { code: 'payload_too_large', message: formatMessage('payload_too_large') });
    return;
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    send(res, 415, { code: 'unsupported_media_type', message: formatMessage('request.unsupported_encoding') });
    return;
  }
  // The router fails to decode a path parameter with a broken escape (`/units/%E0%A4%A`).
  if (err instanceof URIError && (err as { status?: number }).status === 400) {
    send(res, 400, { code: 'bad_request', message: formatMessage('request.malformed_path') });
    return;
  }
  const pgCode = (err as { code?: string }).code;
  if (pgCode === '23505') {
    const field = uniqueViolationField(err as { detail?: unknown });
    if (field === null) send(res, 409, { code: 'conflict', message: formatMessage('database.unique_violation_unknown') });
    else {
      send(res, 409, {
        code: 'conflict',
        message: formatMessage('database.unique_violation', { field }),
        fields: [{ path: field, message: formatMessage('database.unique_violation_field') }],
      });
    }
    return;
  }
  if (pgCode === '23503') {
    send(res, 422, { code: 'validation_failed', message: formatMessage('database.foreign_key_violation') });
    return;
  }
  if (pgCode === '23514' || pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
    send(res, 422, { code: 'validation_failed', message: formatMessage('database.check_violation') });
    return;
  }
  // A NUL or a broken byte sequence that slipped past the schemas (which refuse control characters).
  if (pgCode === '22021' || pgCode === '22P05') {
    send(res, 422, { code: 'validation_failed', message: formatMessage('database.invalid_text') });
    return;
  }
  const errorId = randomUUID();
  req.log?.error({ err, errorId }, 'erreur interne');
  send(res, 500, { code: 'internal', message: formatMessage('internal'), errorId });
};
