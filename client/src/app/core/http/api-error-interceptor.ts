import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from '../auth/auth-service';
import { apiErrorMessage, toApiError } from './api-error';
import { HANDLED_ERRORS } from './handled-errors';

/** Calls whose 401 is an expected answer, not an expired session. */
const AUTH_PROBES = ['/api/auth/me', '/api/auth/login', '/api/auth/second-factor'];

function isAuthProbe(url: string): boolean {
  const path = url.split('?')[0];
  return AUTH_PROBES.some((probe) => path === probe || path.endsWith(probe));
}

/**
 * The one place that turns API errors into French messages in a snackbar.
 * A 401 outside the sign-in calls means the session is over: forget the user, go to /connexion.
 */
export const apiErrorInterceptor: HttpInterceptorFn = (req, next) => {
  const snackBar = inject(MatSnackBar);
  const router = inject(Router);
  const auth = inject(AuthService);

  return next(req).pipe(
    catchError((response: unknown) => {
      if (!(response instanceof HttpErrorResponse)) return throwError(() => response);
      const error = toApiError(response);
      const handledByCaller = req.context.get(HANDLED_ERRORS).includes(error.status);

      if (error.status === 401 && isAuthProbe(req.url)) {
        // GET /api/auth/me → signed out; POST /api/auth/login and /api/auth/second-factor → the page shows the message.
        return throwError(() => response);
      }

      if (error.status === 401) {
        const wasSignedIn = auth.user() !== null;
        auth.clear();
        const current = router.url;
        if (!current.startsWith('/connexion')) {
          const retour = current && current !== '/' ? current : undefined;
          void router.navigate(['/connexion'], { queryParams: retour ? { retour } : {} });
        }
        if (wasSignedIn && !handledByCaller) {
          snackBar.open(apiErrorMessage(error), 'Fermer', { duration: 8000, panelClass: 'snackbar-error' });
        }
        return throwError(() => response);
      }

      if (!handledByCaller) {
        snackBar.open(apiErrorMessage(error), 'Fermer', {
          duration: error.status >= 500 || error.status === 0 ? 15000 : 8000,
          panelClass: 'snackbar-error',
        });
      }
      return throwError(() => response);
    }),
  );
};
