import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@cn2r/shared';
import { AuthService } from './auth-service';

/** Users whose role is listed may enter; the others go home with « Accès refusé ». */
export function roleGuard(...roles: readonly Role[]): CanActivateFn {
  return () => {
    const auth = inject(AuthService);
    if (auth.hasRole(...roles)) return true;
    const router = inject(Router);
    if (!auth.isSignedIn()) return router.createUrlTree(['/connexion']);
    inject(MatSnackBar).open('Accès refusé', 'Fermer', { duration: 5000, panelClass: 'snackbar-error' });
    return router.createUrlTree(['/']);
  };
}
