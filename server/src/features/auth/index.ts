/**
 * Sign-in, sign-out, the current session and the actor every service receives. Needs the
 * database and the config (session length, login throttle). Session and throttle timestamps use
 * the real clock on purpose: security windows are not moved by the injected `Clock`.
 * A new identity provider plugs in here, next to AuthService.
 */
export { registerAuthRoutes, answerSignIn, clientInfoOf } from './auth-routes.js';
export { registerOidcRoutes } from './oidc-routes.js';
export { OidcService } from './oidc-service.js';
export { registerSecondFactorRoutes } from './second-factor-routes.js';
export { AuthService, isPending, type ClientInfo, type SignedIn, type SignInOutcome, type SecondFactorPending } from './auth-service.js';
export { SecondFactorService } from './second-factor-service.js';
export { systemActor, canAccessUnit, type Actor } from './actor.js';
export { hashPassword, verifyPassword, NO_PASSWORD_HASH } from './password-hasher.js';
export { PasswordLinkService } from './password-links.js';
export { registerPasswordLinkRoutes } from './password-link-routes.js';
export { assertStrongPassword, MIN_PASSWORD_SCORE } from './password-strength.js';
