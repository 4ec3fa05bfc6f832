import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CanActivateFn, Router } from '@angular/router';
import type { Capability } from '@cn2r/shared';
import { AuthService } from './auth-service';

/** Users whose role holds the capability (shared map) may enter; the others go home with « Accès refusé ». */
export function capabilityGuard(capability: Capability): CanActivateFn {
  return () => {
    const auth = inject(AuthService);
    if (auth.can(capability)) return true;
    const router = inject(Router);
    if (!auth.isSignedIn()) return router.createUrlTree(['/connexion']);
    inject(MatSnackBar).open('Accès refusé', 'Fermer', { duration: 5000, panelClass: 'snackbar-error' });
    return router.createUrlTree(['/']);
  };
}
