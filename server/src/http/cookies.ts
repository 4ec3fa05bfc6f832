import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'cn2r_session';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header by itself. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

/** Parses a Cookie header; the first value of a name wins, malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A value that is not valid percent-encoding is ignored, like a missing cookie.
    }
  }
  return cookies;
}

/** `Secure` follows the request: true behind HTTPS (with TRUST_PROXY behind a proxy). */
export function sessionCookieOptions(req: Request, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: maxAgeMs };
}

export function csrfCookieOptions(req: Request): CookieOptions {
  return { httpOnly: false, sameSite: 'strict', secure: req.secure, path: '/' };
}
