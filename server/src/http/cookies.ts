import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'cn2r_session';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header by itself. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
/** A sign-in waiting for its second factor (5 minutes). */
export const PENDING_SIGN_IN_COOKIE = 'cn2r_pending_sign_in';
/** A browser the user asked to remember: it skips the second factor until the token expires. */
export const DEVICE_COOKIE = 'cn2r_device';

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

/** The pending sign-in: HttpOnly, sent to the sign-in routes only. */
export function pendingSignInCookieOptions(req: Request, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth', maxAge: maxAgeMs };
}

/**
 * The remembered device: HttpOnly, `Lax` so that the return from an identity provider (a
 * top-level navigation from another site) still carries it. It only spares the code to a user
 * who has just proved their identity otherwise.
 */
export function deviceCookieOptions(req: Request, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/api', maxAge: maxAgeMs };
}
