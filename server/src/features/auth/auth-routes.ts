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
        'Limité par compte et par adresse IP : au-delà, 429 avec l’en-tête Retry-After. La réponse est la même pour un compte inconnu et un mot de passe faux.',
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
