import type { RequestHandler } from 'express';
import { AppError } from '../errors/http-errors.js';

/** A state-changing request with a body must say it is JSON; anything else is refused with a 415. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type');
  }
  next();
};
