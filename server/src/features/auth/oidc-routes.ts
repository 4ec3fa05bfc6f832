import type { Request, Response } from 'express';
import { OidcSettings, type OidcErrorCode } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import { parseCookies } from '../../http/cookies.js';
import { answerSignIn, clientInfoOf } from './auth-routes.js';
import { isPending, type AuthService, type ClientInfo, type SignInUser } from './auth-service.js';
import { OIDC_FLOW_MINUTES, type OidcService } from './oidc-service.js';

/**
 * The browser's handle on a sign-in under way at the provider. SameSite=Lax, not Strict: the
 * provider's redirect back is a top-level navigation from another site, which must carry it.
 */
export const OIDC_FLOW_COOKIE = 'cn2r_oidc_flow';
const FLOW_COOKIE_PATH = '/api/auth/oidc';

export function registerOidcRoutes(api: ApiRouter, oidc: OidcService, auth: AuthService): void {
  const tag = 'Authentification';

  api.add(
    {
      method: 'get',
      path: '/auth/oidc/config',
      tag,
      summary: 'La connexion par le fournisseur d’identité est-elle proposée, et le texte de son bouton',
      access: 'session.open',
      response: { status: 200, description: 'Le bouton « Se connecter avec … » de la page de connexion', schema: OidcSettings },
    },
    () => oidc.publicSettings(),
  );

  api.add(
    {
      method: 'get',
      path: '/auth/oidc',
      tag,
      summary: 'Se connecter avec le fournisseur d’identité : redirige vers lui (code d’autorisation, PKCE S256, state, nonce)',
      description: `Pose un cookie de ${OIDC_FLOW_MINUTES} minutes qui désigne la connexion en cours. Si le fournisseur n’est pas configuré ou ne répond pas, redirige vers /connexion?erreur=fournisseur-indisponible.`,
      access: 'session.open',
      response: { status: 302, description: 'Redirection vers le fournisseur d’identité', raw: true },
    },
    async ({ req, res }) => {
      const begun = await oidc.begin();
      if (!begun.ok) {
        req.log.error({ reason: begun.code, detail: begun.detail }, 'Connexion par le fournisseur d’identité impossible');
        backToSignIn(res, begun.code);
        return;
      }
      res.cookie(OIDC_FLOW_COOKIE, begun.flowToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: FLOW_COOKIE_PATH,
        maxAge: OIDC_FLOW_MINUTES * 60_000,
      });
      res.redirect(302, begun.authorizationUrl);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/auth/oidc/callback',
      tag,
      summary: 'Retour du fournisseur d’identité : vérifie state, échange le code, vérifie le jeton d’identité, ouvre la session',
      description:
        'Seuls les comptes créés auparavant par l’administrateur sont acceptés : celui déjà lié à la personne, sinon le compte actif de son adresse e-mail (alors lié). Succès : cookie de session et redirection vers « / ». Échec : redirection vers /connexion?erreur=<code>.',
      access: 'session.open',
      response: { status: 302, description: 'Redirection vers l’application ou la page de connexion', raw: true },
    },
    async ({ req, res }) => {
      const flowToken = parseCookies(req.headers.cookie)[OIDC_FLOW_COOKIE];
      res.clearCookie(OIDC_FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
      const client = clientInfoOf(req);
      const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      const outcome = await oidc.finish(flowToken, search, client);
      if (!outcome.ok) {
        req.log.warn({ reason: outcome.code, detail: outcome.detail }, 'Connexion par le fournisseur d’identité refusée');
        backToSignIn(res, outcome.code);
        return;
      }
      await openOidcSession(auth, req, res, outcome.user, client);
    },
  );
}

/**
 * The person is signed in through the provider: the same outcome as the password form (session
 * cookies, or the pending sign-in when a second factor is to give), then the application — or the
 * sign-in page's code step. The one place that turns an identity-provider sign-in into a session.
 */
async function openOidcSession(auth: AuthService, req: Request, res: Response, user: SignInUser, client: ClientInfo): Promise<void> {
  const outcome = await auth.completeSignIn(user, client, { method: 'oidc' });
  answerSignIn(req, res, outcome);
  res.redirect(302, isPending(outcome) ? '/connexion?etape=second-facteur' : '/');
}

function backToSignIn(res: Response, code: OidcErrorCode): void {
  res.redirect(302, `/connexion?erreur=${encodeURIComponent(code)}`);
}
