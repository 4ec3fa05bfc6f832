import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * HTTP statuses the caller handles itself (a 409 on a form, 422 field errors put on the
 * controls): the error interceptor shows no snackbar for them. The error still reaches the caller.
 */
export const HANDLED_ERRORS = new HttpContextToken<readonly number[]>(() => []);

/** `http.post(url, body, { context: handles(409, 422) })` */
export function handles(...statuses: number[]): HttpContext {
  return new HttpContext().set(HANDLED_ERRORS, statuses);
}
