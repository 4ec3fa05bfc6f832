import { ChangePasswordRequest, LoginRequest, Me } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfCookieOptions, parseCookies, sessionCookieOptions } from '../../http/cookies.js';
import type { AuthService } from './auth-service.js';
import { newToken, sha256 } from './tokens.js';

export function registerAuthRoutes(api: ApiRouter, auth: AuthService): void {
  const tag = 'Authentification';

  api.add(
    {
      method: 'post',
      path: '/auth/login',
      tag,
      summary: 'Se connecter (e-mail et mot de passe) ; pose le cookie de session et un nouveau jeton XSRF-TOKEN',
      description:
        'Échecs comptés sur une fenêtre glissante (LOGIN_WINDOW_MINUTES, 15 min) ; refus en 429 avec l’en-tête Retry-After. ' +
        'Par compte et par adresse IP : 5 échecs au plus (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS), puis ce couple seul est refusé, même avec le bon mot de passe. ' +
        'Par adresse IP, tous comptes confondus : après 10 échecs (LOGIN_ADDRESS_FAILURES_BEFORE_DELAY), chaque tentative attend depuis le dernier échec un délai qui double (1 s, 2 s, 4 s … 60 s au plus : LOGIN_ADDRESS_FIRST_DELAY_SECONDS, LOGIN_ADDRESS_MAX_DELAY_SECONDS), sans blocage définitif. ' +
        'Par compte, toutes adresses confondues : après 20 échecs (LOGIN_MAX_FAILURES_PER_ACCOUNT), les adresses qui ont déjà échoué sur ce compte sont refusées ; une adresse sans échec sur le compte garde son essai, si bien que le vrai titulaire se connecte pendant une attaque venue d’ailleurs. ' +
        'Une adresse IPv6 compte pour son préfixe /64. La réponse est la même pour un compte inconnu et un mot de passe faux.',
      access: 'session.open',
      body: LoginRequest,
      response: { status: 200, description: 'L’utilisateur connecté', schema: Me },
      errors: [429],
    },
    async ({ req, res, body }) => {
      const previous = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      const signedIn = await auth.login(body, {
        ip: req.ip ?? 'inconnue',
        userAgent: req.get('user-agent') ?? null,
        requestId: req.requestId,
        previousSessionIdHash: previous ? sha256(previous) : undefined,
      });
      res.cookie(SESSION_COOKIE, signedIn.sessionToken, sessionCookieOptions(req, signedIn.maxAgeMs));
      res.cookie(CSRF_COOKIE, signedIn.csrfToken, csrfCookieOptions(req));
      return signedIn.me;
    },
  );

  api.add(
    {
      method: 'post',
      path: '/auth/logout',
      tag,
      summary: 'Se déconnecter (la session est supprimée côté serveur)',
      access: 'account.self',
      response: { status: 204, description: 'Déconnecté' },
    },
    async ({ req, res, actor }) => {
      await auth.logout(actor, req.session!.idHash);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.cookie(CSRF_COOKIE, newToken(), csrfCookieOptions(req));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/auth/me',
      tag,
      summary: 'L’utilisateur connecté, son rôle et ses centres',
      access: 'account.self',
      response: { status: 200, description: 'L’utilisateur connecté', schema: Me },
    },
    ({ actor }) => auth.me(actor.userId!),
  );

  api.add(
    {
      method: 'post',
      path: '/auth/password',
      tag,
      summary: 'Changer son propre mot de passe (les autres sessions sont fermées)',
      access: 'account.self',
      body: ChangePasswordRequest,
      response: { status: 204, description: 'Mot de passe changé' },
    },
    ({ req, actor, body }) => auth.changePassword(actor, req.session!.idHash, body),
  );
}
