import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth-service';

/** Signed-in users only; others go to /connexion?retour=<the page they asked for>. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthService).isSignedIn()) return true;
  const retour = state.url && state.url !== '/' ? state.url : undefined;
  return inject(Router).createUrlTree(['/connexion'], { queryParams: retour ? { retour } : {} });
};
