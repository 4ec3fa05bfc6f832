import type { RequestHandler } from 'express';
import { AppError } from '../errors/http-errors.js';

/**
 * Paths (under /api) of the routes that take a file as their raw body, declared with `upload` in
 * the route table: the only ones exempt. A spec checks that this list and the table agree.
 */
export const RAW_UPLOAD_PATHS: readonly RegExp[] = [/^\/units\/[^/]+\/campaigns\/[^/]+\/import\/?$/];

export const isRawUploadPath = (path: string): boolean => RAW_UPLOAD_PATHS.some((pattern) => pattern.test(path));

/** A state-changing request with a body must say it is JSON (but on a raw-upload path); anything else is refused with a 415. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json') && !isRawUploadPath(req.path)) {
    throw new AppError(415, 'unsupported_media_type');
  }
  next();
};
