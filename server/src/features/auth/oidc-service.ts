import type { Knex } from 'knex';
import * as client from 'openid-client';
import type { OidcErrorCode, OidcSettings } from '@cn2r/shared';
import type { OidcConfig } from '../../config.js';
import { recordAudit } from '../audit/audit-log.js';
import { UserRepository, type UserRecord } from '../users/user-repository.js';
import type { Actor } from './actor.js';
import type { ClientInfo, SignInUser } from './auth-service.js';
import { newToken, sha256, tokensEqual } from './tokens.js';

/** How long the person has to sign in at the provider and come back. */
export const OIDC_FLOW_MINUTES = 5;

/** The scopes asked of the provider: the identity and the e-mail address the account is found by. */
const SCOPE = 'openid email';

/** A refusal: the reason for the sign-in page, and details for the server log (never shown). */
export interface OidcRefusal {
  readonly ok: false;
  readonly code: OidcErrorCode;
  readonly detail?: string;
}

export type OidcBegin = { readonly ok: true; readonly authorizationUrl: string; readonly flowToken: string } | OidcRefusal;

/** The sign-in through the provider succeeded: the account whose session is to be opened. */
export type OidcOutcome = { readonly ok: true; readonly user: SignInUser } | OidcRefusal;

interface FlowRow {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  expires_at: Date | string;
}

const refused = (code: OidcErrorCode, detail?: string): OidcRefusal => ({ ok: false, code, detail });

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Sign-in through an OpenID Connect identity provider (ProConnect, a hospital's), with
 * openid-client: the authorization code flow with PKCE (S256), a state and a nonce, the ID token
 * checked by openid-client (signature, issuer, audience, expiry, nonce).
 *
 * Only accounts the administrator created beforehand sign in: the one already linked to the
 * person's subject (`sub`), or else the active one with the e-mail address the provider gives,
 * which is then linked to the subject (audited). The flow's secrets (state, nonce, PKCE verifier)
 * stay on the server (`oidc_sign_in_flows`), found by the hash of a five-minute cookie, and are
 * deleted when the provider sends the person back: a callback cannot be played twice.
 *
 * The provider's discovery document is read at first use and kept; when it cannot be read, the
 * sign-in page says the provider is unavailable and the next attempt tries again.
 */
export class OidcService {
  private readonly users = new UserRepository();
  private configuration?: Promise<client.Configuration>;

  constructor(
    private readonly db: Knex,
    private readonly settings: OidcConfig | undefined,
  ) {}

  /** What the sign-in page shows. */
  publicSettings(): OidcSettings {
    return this.settings ? { enabled: true, buttonLabel: `Se connecter avec ${this.settings.label}` } : { enabled: false, buttonLabel: null };
  }

  /** Starts a sign-in: the provider's authorization address, and the token of the flow's cookie. */
  async begin(): Promise<OidcBegin> {
    if (!this.settings) return refused('fournisseur-indisponible', 'OIDC_ISSUER non renseigné');
    let configuration: client.Configuration;
    try {
      configuration = await this.discover();
    } catch (error) {
      return refused('fournisseur-indisponible', `découverte de ${this.settings.issuer} impossible : ${describe(error)}`);
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const flowToken = newToken();
    await this.db.transaction(async (trx) => {
      await trx('oidc_sign_in_flows').where('expires_at', '<', new Date()).delete();
      await trx('oidc_sign_in_flows').insert({
        id_hash: sha256(flowToken),
        state,
        nonce,
        code_verifier: codeVerifier,
        expires_at: new Date(Date.now() + OIDC_FLOW_MINUTES * 60_000),
      });
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return { ok: true, authorizationUrl: url.href, flowToken };
  }

  /**
   * The provider sent the person back (`search`: the callback's query string, with its `?`), with
   * the browser's flow cookie: checks the state, exchanges the code (PKCE verifier), checks the ID
   * token, and finds the account.
   */
  async finish(flowToken: string | undefined, search: string, who: ClientInfo): Promise<OidcOutcome> {
    if (!this.settings) return refused('fournisseur-indisponible', 'OIDC_ISSUER non renseigné');
    const params = new URLSearchParams(search);
    // The flow is used once, whatever the outcome.
    const flow = flowToken ? await this.takeFlow(flowToken) : undefined;
    if (!flow) return refused('etat-invalide', flowToken ? 'connexion inconnue, déjà utilisée ou expirée' : 'pas de cookie de connexion');
    const state = params.get('state');
    if (!state || !tokensEqual(state, flow.state)) return refused('etat-invalide', 'le paramètre state ne correspond pas');
    const providerError = params.get('error');
    if (providerError) {
      return refused(providerError === 'access_denied' ? 'annulee' : 'echec-fournisseur', `erreur du fournisseur : ${providerError} ${params.get('error_description') ?? ''}`.trim());
    }

    let claims: { sub: string; email?: unknown; email_verified?: unknown };
    try {
      const configuration = await this.discover();
      const currentUrl = new URL(this.settings.redirectUri);
      currentUrl.search = params.toString();
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.code_verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return refused('echec-fournisseur', 'pas de jeton d’identité');
      claims = idToken;
      if (typeof idToken.email !== 'string') {
        // Many providers give the e-mail through the userinfo endpoint only.
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        claims = { sub: idToken.sub, email: info.email, email_verified: info.email_verified };
      }
    } catch (error) {
      return refused('echec-fournisseur', describe(error));
    }
    return this.accountOf(claims, who);
  }

  /** The account of the person the provider vouched for, linked to their subject the first time. */
  private async accountOf(claims: { sub: string; email?: unknown; email_verified?: unknown }, who: ClientInfo): Promise<OidcOutcome> {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const linked = await this.users.findByOidcSubject(this.db, claims.sub);
    if (linked) {
      if (!linked.active) return this.refuse('compte-desactive', claims.sub, email, who, linked);
      return { ok: true, user: linked };
    }
    if (!email) return this.refuse('compte-inconnu', claims.sub, email, who);
    if (claims.email_verified === false) return this.refuse('email-non-verifie', claims.sub, email, who);
    const user = await this.users.findByEmail(this.db, email);
    if (!user) return this.refuse('compte-inconnu', claims.sub, email, who);
    if (!user.active) return this.refuse('compte-desactive', claims.sub, email, who, user);
    if (user.oidcSubject !== null) return this.refuse('compte-deja-lie', claims.sub, email, who, user);

    const done = await this.db
      .transaction(async (trx) => {
        if (!(await this.users.linkOidcSubject(trx, user.id, claims.sub))) return false;
        await recordAudit(trx, actorOf(user, who.requestId), {
          action: 'user.oidc_linked',
          entityType: 'user',
          entityId: user.id,
          after: { oidcSubject: claims.sub, email, ip: who.ip },
        });
        return true;
      })
      // The subject was linked to another account meanwhile (unique): refused like a linked account.
      .catch((error: unknown) => {
        if ((error as { code?: unknown }).code === '23505') return false;
        throw error;
      });
    // Linked meanwhile by another sign-in (two tabs): that one decides.
    if (!done) return refused('compte-deja-lie', 'lié entre-temps');
    return { ok: true, user };
  }

  /** A refusal once the provider has vouched for the person: audited, with what the provider said. */
  private async refuse(code: OidcErrorCode, subject: string, email: string | null, who: ClientInfo, user?: UserRecord): Promise<OidcRefusal> {
    await this.db.transaction((trx) =>
      recordAudit(
        trx,
        { userId: null, email: email ?? `sujet ${subject}`, displayName: 'Fournisseur d’identité', role: 'system', unitIds: [], requestId: who.requestId },
        { action: 'auth.oidc_refused', entityType: 'user', entityId: user?.id ?? null, after: { reason: code, oidcSubject: subject, email, ip: who.ip } },
      ),
    );
    return refused(code, `sujet ${subject}, e-mail ${email ?? 'absent'}`);
  }

  /** Deletes the flow of the cookie and returns it, unless it has expired. */
  private async takeFlow(flowToken: string): Promise<FlowRow | undefined> {
    const [row] = (await this.db('oidc_sign_in_flows').where({ id_hash: sha256(flowToken) }).delete().returning('*')) as FlowRow[];
    return row && new Date(row.expires_at).getTime() > Date.now() ? row : undefined;
  }

  /** The provider's configuration, discovered once; a failed discovery is tried again next time. */
  private discover(): Promise<client.Configuration> {
    const settings = this.settings!;
    this.configuration ??= (async () => {
      const issuer = new URL(settings.issuer);
      // Plain HTTP only for a provider on this machine (development, tests); HTTPS otherwise.
      const local = issuer.protocol === 'http:' && LOCAL_HOSTS.has(issuer.hostname);
      const metadata = { client_secret: settings.clientSecret, [client.clockTolerance]: settings.clockToleranceSeconds };
      const discovered = await client.discovery(issuer, settings.clientId, metadata, undefined, {
        timeout: 10,
        ...(local && { execute: [client.allowInsecureRequests] }),
      });
      // The client secret travels in the Authorization header when the provider takes it there
      // (client_secret_basic), else in the token request's body (client_secret_post).
      const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
      const basic = !methods || methods.includes('client_secret_basic');
      const auth = basic ? client.ClientSecretBasic(settings.clientSecret) : client.ClientSecretPost(settings.clientSecret);
      const configuration = new client.Configuration(discovered.serverMetadata(), settings.clientId, metadata, auth);
      configuration.timeout = 10;
      if (local) client.allowInsecureRequests(configuration);
      return configuration;
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }
}

function actorOf(user: UserRecord, requestId: string): Actor {
  return { userId: user.id, email: user.email, displayName: user.displayName, role: user.role, unitIds: [], requestId };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
    return code ? `${String(code)} : ${error.message}` : error.message;
  }
  return String(error);
}
