import type { RequestHandler } from 'express';
import { CSRF_COOKIE, CSRF_HEADER, csrfCookieOptions, parseCookies } from '../http/cookies.js';
import { CsrfError } from '../errors/http-errors.js';
import { newToken, tokensEqual } from '../features/auth/tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection with Angular's convention: the server sets an `XSRF-TOKEN` cookie (readable by
 * scripts of this origin only), and every state-changing request must echo it in `X-XSRF-TOKEN`.
 * With a session, the token must be the one bound to that session; without one (sign-in), the
 * header must match the cookie (double submit; the cookie is SameSite=Strict).
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  const cookieToken = parseCookies(req.headers.cookie)[CSRF_COOKIE];
  const expected = req.session?.csrfToken ?? cookieToken;

  if (!SAFE_METHODS.has(req.method)) {
    const header = req.get(CSRF_HEADER);
    if (!header || !expected || !tokensEqual(header, expected)) throw new CsrfError();
  }

  // Hand out (or repair) the cookie so the next state-changing request can echo it.
  if (req.session) {
    if (cookieToken !== req.session.csrfToken) res.cookie(CSRF_COOKIE, req.session.csrfToken, csrfCookieOptions(req));
  } else if (!cookieToken || cookieToken.length > 100) {
    res.cookie(CSRF_COOKIE, newToken(), csrfCookieOptions(req));
  }
  next();
};
