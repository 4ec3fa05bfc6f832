import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { App } from '../../app.js';
import { loadConfig, type OidcConfig } from '../../config.js';
import { freePort } from '../../testing/server-process.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { sha256 } from './tokens.js';
import { TEST_PASSWORD, TestClient, buildTestApp, createFixtureDatabase, type Fixtures } from '../../testing/test-app.js';

/** The people the test identity provider knows, by subject: the fixtures' addresses, and a stranger. */
const PEOPLE: Record<string, { email: string; email_verified?: boolean }> = {
  'agent-lead-a': { email: 'lead.a@test.local', email_verified: true },
  'agent-finance': { email: 'FINANCE@test.local', email_verified: true },
  'agent-board': { email: 'board@test.local', email_verified: true },
  'agent-inconnu': { email: 'personne@ailleurs.fr', email_verified: true },
  'agent-non-verifie': { email: 'admin@test.local', email_verified: false },
};

const CLIENT_ID = 'cn2r-pilotage';
const CLIENT_SECRET = 'secret-du-client-de-test-0123456789';
const REDIRECT_URI = 'http://127.0.0.1:4999/api/auth/oidc/callback';

/** The test provider's knobs: the ID token's lifetime, and a delay before the token endpoint answers. */
const knobs = { idTokenTtl: 3600, tokenDelayMs: 0 };

/** A tiny cookie jar for the provider's own cookies (its sign-in and consent pages). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

describe('sign-in through an OpenID Connect identity provider (a real oidc-provider)', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let app: App;
  let server: Server;
  let issuer: string;

  function oidcConfig(overrides: Partial<OidcConfig> = {}): OidcConfig {
    return { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, label: 'ProConnect', redirectUri: REDIRECT_URI, clockToleranceSeconds: 0, ...overrides };
  }

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [REDIRECT_URI],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      cookies: { keys: ['clef-des-cookies-du-fournisseur-de-test'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      ttl: { IdToken: () => knobs.idTokenTtl, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
      async findAccount(_ctx, sub) {
        const person = PEOPLE[sub];
        if (!person) return undefined;
        return { accountId: sub, claims: () => ({ sub, ...person }) };
      },
    });
    // The token endpoint's answer (its ID token minted) is held back: the token has expired on arrival.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && knobs.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, knobs.tokenDelayMs));
    });
    await new Promise<void>((resolve) => {
      server = provider.listen(port, '127.0.0.1', resolve);
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  beforeEach(() => {
    knobs.idTokenTtl = 3600;
    knobs.tokenDelayMs = 0;
    app = buildTestApp(db, { oidc: oidcConfig() });
  });

  /**
   * The browser's trip: our sign-in route, the provider's sign-in form (any subject, any password)
   * and consent, back to the callback address: returns the callback's path and query, not yet called.
   */
  async function signInAtProvider(browser: TestClient, subject: string): Promise<string> {
    const start = await browser.get('/api/auth/oidc');
    expect(start.status).toBe(302);
    let url = new URL(start.headers.location);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const jar = new CookieJar();
    for (let hop = 0; hop < 12; hop++) {
      if (url.href.startsWith(REDIRECT_URI)) return url.pathname + url.search;
      let res: Response;
      if (url.pathname.startsWith('/interaction/')) {
        const page = await fetch(url, { headers: { cookie: jar.header() } });
        jar.store(page);
        const prompt = /name="prompt" value="(\w+)"/.exec(await page.text())?.[1];
        if (!prompt) throw new Error(`no prompt on ${url.href}`);
        const form = new URLSearchParams({ prompt, ...(prompt === 'login' && { login: subject, password: 'peu-importe' }) });
        res = await fetch(url, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' } });
      } else {
        res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      }
      jar.store(res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} at ${url.href}: ${await res.text()}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects at the provider');
  }

  const sessionCookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('cn2r_session=') && !c.startsWith('cn2r_session=;'));

  it('tells the sign-in page whether to show the button, and its text', async () => {
    expect((await new TestClient(app.app).get('/api/auth/oidc/config')).body).toEqual({ enabled: true, buttonLabel: 'Se connecter avec ProConnect' });
    const off = buildTestApp(db);
    expect((await new TestClient(off.app).get('/api/auth/oidc/config')).body).toEqual({ enabled: false, buttonLabel: null });
    const start = await new TestClient(off.app).get('/api/auth/oidc');
    expect(start.status).toBe(302);
    expect(start.headers.location).toBe('/connexion?erreur=fournisseur-indisponible');
  });

  it('says the provider is unavailable when its discovery document cannot be read, without crashing', async () => {
    const closed = await freePort();
    const broken = buildTestApp(db, { oidc: oidcConfig({ issuer: `http://127.0.0.1:${closed}` }) });
    const start = await new TestClient(broken.app).get('/api/auth/oidc');
    expect(start.status).toBe(302);
    expect(start.headers.location).toBe('/connexion?erreur=fournisseur-indisponible');
    expect((await new TestClient(broken.app).get('/api/health')).status).toBe(200);
  });

  it('signs in an account created beforehand, found by its e-mail, links it to the subject, and audits both', async () => {
    await db.knex('users').where({ id: fx.users.leadA.id }).update({ oidc_subject: null });
    const linksBefore = await db.knex('audit_log').where({ action: 'user.oidc_linked', entity_id: String(fx.users.leadA.id) }).pluck('id');
    const browser = new TestClient(app.app);
    const callback = await signInAtProvider(browser, 'agent-lead-a');
    const back = await browser.get(callback);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/');
    const session = sessionCookieOf(back)!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('lead.a@test.local');
    // The XSRF-TOKEN cookie is the session's: a state-changing request goes through.
    expect((await browser.post('/api/auth/logout')).status).toBe(204);

    expect((await db.knex('users').where({ id: fx.users.leadA.id }).first()).oidc_subject).toBe('agent-lead-a');
    const linked = await db.knex('audit_log').where({ action: 'user.oidc_linked', entity_id: String(fx.users.leadA.id) }).whereNotIn('id', linksBefore);
    expect(linked.length).toBe(1);
    expect(linked[0].after).toEqual(jasmine.objectContaining({ oidcSubject: 'agent-lead-a', email: 'lead.a@test.local' }));
    const login = await db.knex('audit_log').where({ action: 'auth.login', entity_id: String(fx.users.leadA.id) }).orderBy('id', 'desc').first();
    expect(login.after.method).toBe('oidc');
  });

  it('finds a linked account by its subject, whatever address the provider gives later (the e-mail is matched without case)', async () => {
    const browser = new TestClient(app.app);
    // FINANCE@test.local: found by e-mail, case aside, then linked.
    expect((await browser.get(await signInAtProvider(browser, 'agent-finance'))).headers.location).toBe('/');
    expect((await browser.get('/api/auth/me')).body.email).toBe('finance@test.local');
    // The address at the provider changes: the subject still finds the account.
    PEOPLE['agent-finance'].email = 'nouvelle.adresse@ailleurs.fr';
    try {
      const again = new TestClient(app.app);
      expect((await again.get(await signInAtProvider(again, 'agent-finance'))).headers.location).toBe('/');
      expect((await again.get('/api/auth/me')).body.email).toBe('finance@test.local');
    } finally {
      PEOPLE['agent-finance'].email = 'FINANCE@test.local';
    }
  });

  it('refuses a person with no account: back to the sign-in page with « compte-inconnu », no session, an audit row', async () => {
    const browser = new TestClient(app.app);
    const sessions = await db.knex('sessions').count<{ n: number }[]>('* as n');
    const back = await browser.get(await signInAtProvider(browser, 'agent-inconnu'));
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/connexion?erreur=compte-inconnu');
    expect(sessionCookieOf(back)).toBeUndefined();
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    expect(await db.knex('sessions').count<{ n: number }[]>('* as n')).toEqual(sessions);
    const refused = await db.knex('audit_log').where({ action: 'auth.oidc_refused' }).orderBy('id', 'desc').first();
    expect(refused.after).toEqual(jasmine.objectContaining({ reason: 'compte-inconnu', oidcSubject: 'agent-inconnu', email: 'personne@ailleurs.fr' }));
    expect(await db.knex('users').where({ email: 'personne@ailleurs.fr' }).first()).toBeUndefined();
  });

  it('refuses an address the provider says is not verified, and a deactivated account', async () => {
    const browser = new TestClient(app.app);
    expect((await browser.get(await signInAtProvider(browser, 'agent-non-verifie'))).headers.location).toBe('/connexion?erreur=email-non-verifie');
    await db.knex('users').where({ id: fx.users.board.id }).update({ active: false });
    try {
      const back = await browser.get(await signInAtProvider(browser, 'agent-board'));
      expect(back.headers.location).toBe('/connexion?erreur=compte-desactive');
      expect(sessionCookieOf(back)).toBeUndefined();
    } finally {
      await db.knex('users').where({ id: fx.users.board.id }).update({ active: true });
    }
  });

  it('refuses to link an account already linked to another person of the provider (« compte-deja-lie »)', async () => {
    await db.knex('users').where({ id: fx.users.board.id }).update({ oidc_subject: 'quelquun-d-autre' });
    try {
      const browser = new TestClient(app.app);
      const back = await browser.get(await signInAtProvider(browser, 'agent-board'));
      expect(back.headers.location).toBe('/connexion?erreur=compte-deja-lie');
      expect(sessionCookieOf(back)).toBeUndefined();
      expect((await db.knex('users').where({ id: fx.users.board.id }).first()).oidc_subject).toBe('quelquun-d-autre');
      const refused = await db.knex('audit_log').where({ action: 'auth.oidc_refused', entity_id: String(fx.users.board.id) }).orderBy('id', 'desc').first();
      expect(refused.after.reason).toBe('compte-deja-lie');
    } finally {
      await db.knex('users').where({ id: fx.users.board.id }).update({ oidc_subject: null });
    }
  });

  it('refuses a callback whose state is not the one sent (and the sign-in under way is then spent)', async () => {
    const browser = new TestClient(app.app);
    const callback = await signInAtProvider(browser, 'agent-lead-a');
    const forged = callback.replace(/state=[^&]+/, 'state=un-autre-etat');
    expect(forged).not.toBe(callback);
    const back = await browser.get(forged);
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/connexion?erreur=etat-invalide');
    expect(sessionCookieOf(back)).toBeUndefined();
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    // The genuine callback afterwards finds nothing to finish.
    expect((await browser.get(callback)).headers.location).toBe('/connexion?erreur=etat-invalide');
  });

  it('refuses a callback without the browser’s sign-in cookie (another browser: login CSRF)', async () => {
    const browser = new TestClient(app.app);
    const callback = await signInAtProvider(browser, 'agent-lead-a');
    const victim = new TestClient(app.app);
    const back = await victim.get(callback);
    expect(back.headers.location).toBe('/connexion?erreur=etat-invalide');
    expect((await victim.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a replayed code: the same callback address a second time, even with the original cookie, even past our own check', async () => {
    const browser = new TestClient(app.app);
    const callback = await signInAtProvider(browser, 'agent-lead-a');
    const flowCookie = browser.agent.jar.getCookie('cn2r_oidc_flow', { domain: '127.0.0.1', path: '/api/auth/oidc/callback', secure: false, script: false });
    expect(flowCookie).toBeDefined();
    const flowRow = await db.knex('oidc_sign_in_flows').where({ id_hash: sha256(flowCookie!.value) }).first();
    expect(flowRow).toBeDefined();

    const first = await browser.get(callback);
    expect(first.headers.location).toBe('/');
    expect(await db.knex('oidc_sign_in_flows').where({ id_hash: flowRow.id_hash }).first()).toBeUndefined();

    // Again from the same browser (its cookie is gone), and from another one holding the original cookie.
    const replayer = new TestClient(app.app);
    const again = await browser.get(callback);
    const withCookie = await replayer.get(callback).set('Cookie', `cn2r_oidc_flow=${flowCookie!.value}`);
    for (const res of [again, withCookie]) {
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/connexion?erreur=etat-invalide');
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    // Had the sign-in under way survived, the provider itself refuses the code a second time.
    await db.knex('oidc_sign_in_flows').insert(flowRow);
    const pastOurCheck = await replayer.get(callback).set('Cookie', `cn2r_oidc_flow=${flowCookie!.value}`);
    expect(pastOurCheck.headers.location).toBe('/connexion?erreur=echec-fournisseur');
    expect(sessionCookieOf(pastOurCheck)).toBeUndefined();
    expect((await replayer.get('/api/auth/me')).status).toBe(401);
  });

  it('sets the sign-in cookie HttpOnly and Lax (it must come back on the provider’s redirect), scoped to these routes, five minutes', async () => {
    const start = await new TestClient(app.app).get('/api/auth/oidc');
    const flow = ([] as string[]).concat(start.headers['set-cookie'] ?? []).find((c) => c.startsWith('cn2r_oidc_flow='))!;
    expect(flow).toMatch(/HttpOnly/i);
    expect(flow).toMatch(/SameSite=Lax/i);
    expect(flow).toMatch(/Path=\/api\/auth\/oidc;/);
    expect(flow).toMatch(/Max-Age=300;/);
  });

  it('refuses an expired ID token (the provider’s token lasts 1 s and reaches us 2 s later; no clock tolerance)', async () => {
    knobs.idTokenTtl = 1;
    knobs.tokenDelayMs = 2100;
    const browser = new TestClient(app.app);
    const back = await browser.get(await signInAtProvider(browser, 'agent-lead-a'));
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/connexion?erreur=echec-fournisseur');
    expect(sessionCookieOf(back)).toBeUndefined();
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses the password form for an account whose local password the admin disabled, with the answer of a wrong password', async () => {
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    const before = await db.knex('users').where({ id: fx.users.leadB.id }).first();
    const updated = await admin.patch(`/api/users/${fx.users.leadB.id}`, { localPasswordDisabled: true, version: before.version });
    expect(updated.status).toBe(200);
    expect(updated.body.localPasswordDisabled).toBeTrue();
    const audit = await db.knex('audit_log').where({ action: 'user.updated', entity_id: String(fx.users.leadB.id) }).orderBy('id', 'desc').first();
    expect(audit.before.localPasswordDisabled).toBeFalse();
    expect(audit.after.localPasswordDisabled).toBeTrue();
    try {
      const right = await new TestClient(app.app).login(fx.users.leadB.email, TEST_PASSWORD);
      const wrong = await new TestClient(app.app).login(fx.users.admin.email, 'pas-le-bon-mot-de-passe');
      expect(right.status).toBe(401);
      expect(right.body).toEqual(wrong.body);
    } finally {
      await db.knex('users').where({ id: fx.users.leadB.id }).update({ local_password_disabled: false });
      await db.knex('login_attempts').delete();
    }
  });

  it('lets the admin see and undo the link to the provider (audited); an admin cannot lock themselves out', async () => {
    await db.knex('users').where({ id: fx.users.board.id }).update({ oidc_subject: 'agent-board' });
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    const read = await admin.get(`/api/users/${fx.users.board.id}`);
    expect(read.body.oidcLinked).toBeTrue();
    expect((await admin.delete(`/api/users/${fx.users.board.id}/oidc`)).status).toBe(204);
    expect((await admin.get(`/api/users/${fx.users.board.id}`)).body.oidcLinked).toBeFalse();
    const audit = await db.knex('audit_log').where({ action: 'user.oidc_unlinked', entity_id: String(fx.users.board.id) }).first();
    expect(audit.before).toEqual({ oidcSubject: 'agent-board' });

    const self = await admin.get(`/api/users/${fx.users.admin.id}`);
    const refused = await admin.patch(`/api/users/${fx.users.admin.id}`, { localPasswordDisabled: true, version: self.body.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toContain(jasmine.objectContaining({ path: 'localPasswordDisabled' }));
  });
});

describe('the identity provider settings (OIDC_*)', () => {
  const base = { OIDC_ISSUER: 'https://proconnect.example.gouv.fr/api/v2', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 'secret' };

  it('are off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OIDC_CLIENT_ID: 'client' }).oidc).toBeUndefined();
  });

  it('derive the callback address from PUBLIC_URL (a sub-path kept), unless OIDC_REDIRECT_URI says otherwise', () => {
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://pilotage.cn2r.fr/' }).oidc).toEqual({
      issuer: 'https://proconnect.example.gouv.fr/api/v2',
      clientId: 'client',
      clientSecret: 'secret',
      label: 'le fournisseur d’identité',
      redirectUri: 'https://pilotage.cn2r.fr/api/auth/oidc/callback',
      clockToleranceSeconds: 30,
    });
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://intranet.chu.fr/cn2r' }).oidc!.redirectUri).toBe('https://intranet.chu.fr/cn2r/api/auth/oidc/callback');
    const explicit = loadConfig({ ...base, PUBLIC_URL: 'https://a.fr', OIDC_REDIRECT_URI: 'https://b.fr/api/auth/oidc/callback', OIDC_LABEL: 'ProConnect', OIDC_CLOCK_TOLERANCE_SECONDS: '0' }).oidc!;
    expect(explicit.redirectUri).toBe('https://b.fr/api/auth/oidc/callback');
    expect(explicit.label).toBe('ProConnect');
    expect(explicit.clockToleranceSeconds).toBe(0);
  });

  it('refuse to start, in French, with the client id, the secret or the public address missing, or an address that is not one', () => {
    expect(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER, PUBLIC_URL: 'https://a.fr' })).toThrowError(/OIDC_CLIENT_ID et OIDC_CLIENT_SECRET sont alors obligatoires/);
    expect(() => loadConfig({ ...base })).toThrowError(/PUBLIC_URL .* ou OIDC_REDIRECT_URI est alors obligatoire/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'proconnect', PUBLIC_URL: 'https://a.fr' })).toThrowError(/OIDC_ISSUER invalide : adresse http\(s\) attendue/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'ftp://a.fr' })).toThrowError(/PUBLIC_URL invalide/);
  });
});
