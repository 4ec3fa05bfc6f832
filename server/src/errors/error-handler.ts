import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { defaultErrorMessages, type ApiErrorBody, type FieldError } from '@cn2r/shared';
import { z } from 'zod';
import { AppError } from './http-errors.js';

export function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(corps)',
    message: issue.code === 'unrecognized_keys' ? `Champ(s) non attendu(s) : ${issue.keys.join(', ')}.` : issue.message,
  }));
}

function send(res: Parameters<ErrorRequestHandler>[2], status: number, error: ApiErrorBody['error']): void {
  res.status(status).json({ error } satisfies ApiErrorBody);
}

/** 404 in the JSON shape for any /api path no route answered. */
export const apiNotFound: RequestHandler = (req, res) => {
  // req.path is relative to the /api mount point: name the path the client asked for.
  send(res, 404, { code: 'not_found', message: `Aucune route ${req.method} ${req.baseUrl}${req.path}.` });
};

/**
 * The one error middleware, registered last. Known errors keep their status; zod failures are
 * 422 with field paths; body-parser and PostgreSQL constraint errors are mapped; anything else is
 * a 500 with an id that is logged, never a stack trace.
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
    const message = fields.length === 1 ? `${fields[0].path} : ${fields[0].message}` : defaultErrorMessages.validation_failed;
    send(res, 422, { code: 'validation_failed', message, fields });
    return;
  }
  // body-parser (express.json) errors carry a `type` and a client status.
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    send(res, 400, { code: 'bad_request', message: 'Le corps de la requête n’est pas un JSON valide.' });
    return;
  }
  if (type === 'entity.too.large') {
    send(res, 413, { code: 'payload_too_large', message: defaultErrorMessages.payload_too_large });
    return;
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    send(res, 415, { code: 'unsupported_media_type', message: 'Encodage non pris en charge : UTF-8 attendu.' });
    return;
  }
  // The router fails to decode a path parameter with a broken escape (`/units/%E0%A4%A`).
  if (err instanceof URIError && (err as { status?: number }).status === 400) {
    send(res, 400, { code: 'bad_request', message: 'L’adresse demandée est mal formée : un caractère encodé (%) n’est pas valide.' });
    return;
  }
  const pgCode = (err as { code?: string }).code;
  if (pgCode === '23505') {
    send(res, 409, { code: 'conflict', message: 'Un élément avec cette valeur existe déjà.' });
    return;
  }
  if (pgCode === '23503') {
    send(res, 422, { code: 'validation_failed', message: 'Cet élément renvoie à des données absentes, ou d’autres données en dépendent : l’opération est impossible.' });
    return;
  }
  if (pgCode === '23514' || pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
    send(res, 422, { code: 'validation_failed', message: 'Une valeur ne respecte pas les règles de la base de données.' });
    return;
  }
  const errorId = randomUUID();
  req.log?.error({ err, errorId }, 'erreur interne');
  send(res, 500, { code: 'internal', message: defaultErrorMessages.internal, errorId });
};
