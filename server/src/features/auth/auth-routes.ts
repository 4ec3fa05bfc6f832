import type { Request, Response } from 'express';
import { ChangePasswordRequest, LoginRequest, LoginResponse, Me, PendingSignIn, SecondFactorSignInRequest, SecondFactorSignInResponse } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import {
  CSRF_COOKIE,
  DEVICE_COOKIE,
  PENDING_SIGN_IN_COOKIE,
  SESSION_COOKIE,
  csrfCookieOptions,
  deviceCookieOptions,
  parseCookies,
  pendingSignInCookieOptions,
  sessionCookieOptions,
} from '../../http/cookies.js';
import { isPending, type AuthService, type ClientInfo, type SignedIn, type SignInOutcome } from './auth-service.js';
import { newToken, sha256 } from './tokens.js';

/** What a sign-in needs to know of the request: address, browser, the previous session and the remembered device. */
export function clientInfoOf(req: Request): ClientInfo {
  const cookies = parseCookies(req.headers.cookie);
  const previous = cookies[SESSION_COOKIE];
  return {
    ip: req.ip ?? 'inconnue',
    userAgent: req.get('user-agent') ?? null,
    requestId: req.requestId,
    previousSessionIdHash: previous ? sha256(previous) : undefined,
    deviceToken: cookies[DEVICE_COOKIE] || undefined,
  };
}

function setSessionCookies(req: Request, res: Response, signedIn: SignedIn): void {
  res.cookie(SESSION_COOKIE, signedIn.sessionToken, sessionCookieOptions(req, signedIn.maxAgeMs));
  res.cookie(CSRF_COOKIE, signedIn.csrfToken, csrfCookieOptions(req));
  res.clearCookie(PENDING_SIGN_IN_COOKIE, { path: '/api/auth' });
  if (signedIn.device) res.cookie(DEVICE_COOKIE, signedIn.device.token, deviceCookieOptions(req, signedIn.device.maxAgeMs));
}

/**
 * Sets the cookies of a sign-in's outcome and returns the body to answer with: the session's
 * cookies and the user, or the pending sign-in's cookie and the second factor to ask. Every way
 * of signing in (password, identity provider) answers through here.
 */
export function answerSignIn(req: Request, res: Response, outcome: SignInOutcome): LoginResponse {
  if (isPending(outcome)) {
    res.cookie(PENDING_SIGN_IN_COOKIE, outcome.pendingToken, pendingSignInCookieOptions(req, outcome.maxAgeMs));
    return outcome.challenge;
  }
  setSessionCookies(req, res, outcome);
  return outcome.me;
}

export function registerAuthRoutes(api: ApiRouter, auth: AuthService): void {
  const tag = 'Authentification';

  api.add(
    {
      method: 'post',
      path: '/auth/login',
      tag,
      summary: 'Se connecter (e-mail et mot de passe) ; pose le cookie de session et un nouveau jeton XSRF-TOKEN, ou demande le second facteur',
      description:
        'Échecs comptés sur une fenêtre glissante (LOGIN_WINDOW_MINUTES, 15 min) ; refus en 429 avec l’en-tête Retry-After. ' +
        'Par compte et par adresse IP : 5 échecs au plus (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS), puis ce couple seul est refusé, même avec le bon mot de passe. ' +
        'Par adresse IP, tous comptes confondus : après 10 échecs (LOGIN_ADDRESS_FAILURES_BEFORE_DELAY), chaque tentative attend depuis le dernier échec un délai qui double (1 s, 2 s, 4 s … 60 s au plus : LOGIN_ADDRESS_FIRST_DELAY_SECONDS, LOGIN_ADDRESS_MAX_DELAY_SECONDS), sans blocage définitif. ' +
        'Par compte, toutes adresses confondues : après 20 échecs (LOGIN_MAX_FAILURES_PER_ACCOUNT), les adresses qui ont déjà échoué sur ce compte sont refusées ; une adresse sans échec sur le compte garde son essai, si bien que le vrai titulaire se connecte pendant une attaque venue d’ailleurs. ' +
        'Une adresse IPv6 compte pour son préfixe /64. La réponse est la même pour un compte inconnu et un mot de passe faux. ' +
        'Quand un second facteur est demandé (le compte en a un, ou la politique l’exige pour son rôle), la réponse est `{ secondFactor, enrolment }` et un cookie ' +
        'HttpOnly de connexion en attente (5 minutes) est posé : la connexion se termine par `POST /api/auth/second-factor`.',
      access: 'session.open',
      body: LoginRequest,
      response: { status: 200, description: 'L’utilisateur connecté, ou le second facteur à donner', schema: LoginResponse },
      errors: [429],
    },
    async ({ req, res, body }) => answerSignIn(req, res, await auth.login(body, clientInfoOf(req))),
  );

  api.add(
    {
      method: 'get',
      path: '/auth/second-factor',
      tag,
      summary: 'La connexion en attente du second facteur dans ce navigateur, s’il y en a une',
      access: 'session.open',
      response: { status: 200, description: 'Le second facteur à donner, ou null', schema: PendingSignIn },
    },
    async ({ req }) => ({ challenge: await auth.pendingChallenge(parseCookies(req.headers.cookie)[PENDING_SIGN_IN_COOKIE]) }),
  );

  api.add(
    {
      method: 'post',
      path: '/auth/second-factor',
      tag,
      summary: 'Terminer la connexion avec le code de l’application (ou un code de secours) ; peut retenir ce navigateur 30 jours',
      description:
        'Demande la connexion en attente (cookie posé par la connexion). Un code faux : 422 nommant le champ, avec les essais restants ; au cinquième, ' +
        'la connexion en attente est abandonnée (401). Pour un enrôlement exigé par la politique, le premier code le confirme et la réponse porte les ' +
        'codes de secours, montrés une seule fois.',
      access: 'session.open',
      body: SecondFactorSignInRequest,
      response: { status: 200, description: 'L’utilisateur connecté, et les codes de secours d’un enrôlement', schema: SecondFactorSignInResponse },
    },
    async ({ req, res, body }) => {
      const pendingToken = parseCookies(req.headers.cookie)[PENDING_SIGN_IN_COOKIE];
      const signedIn = await auth.completeSecondFactor(pendingToken, body, clientInfoOf(req));
      setSessionCookies(req, res, signedIn);
      return { me: signedIn.me, recoveryCodes: signedIn.recoveryCodes ? [...signedIn.recoveryCodes] : null };
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
