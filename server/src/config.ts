import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  readonly port: number;
  /**
   * The interface the server listens on: `HOST`, by default every interface — but the loopback
   * (127.0.0.1) when `TRUST_PROXY` is set, so that only the proxy on the same machine reaches it and
   * nobody can forge the `X-Forwarded-For` it trusts.
   */
  readonly host: string | undefined;
  readonly databaseUrl?: string;
  /** Where the embedded database keeps its files when no DATABASE_URL is given. */
  readonly dataDir: string;
  /** Express `trust proxy`: set when running behind an HTTPS reverse proxy, so cookies get `Secure`. */
  readonly trustProxy: boolean | number | string;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** Failed sign-ins tolerated for one account from one address over the window (`LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS`). */
  readonly loginMaxFailuresPerAccountAddress: number;
  /**
   * Failed sign-ins on one account from all addresses over the window beyond which the addresses
   * that have themselves failed on it are refused (`LOGIN_MAX_FAILURES_PER_ACCOUNT`).
   */
  readonly loginMaxFailuresPerAccount: number;
  /** Failed sign-ins from one address over the window before its attempts are spaced out (`LOGIN_ADDRESS_FAILURES_BEFORE_DELAY`). */
  readonly loginAddressFailuresBeforeDelay: number;
  /** The first wait between two attempts from such an address, doubled at each further failure… (`LOGIN_ADDRESS_FIRST_DELAY_SECONDS`). */
  readonly loginAddressFirstDelaySeconds: number;
  /** …up to this wait (`LOGIN_ADDRESS_MAX_DELAY_SECONDS`). */
  readonly loginAddressMaxDelaySeconds: number;
  /** The sliding window of every sign-in limit (`LOGIN_WINDOW_MINUTES`). */
  readonly loginWindowMinutes: number;
  /**
   * `SECOND_FACTOR_KEY` (32 characters or more): the TOTP secrets are sealed with it (AES-256-GCM)
   * in the database. Without it they are stored as is (`plain:`), readable by whoever reads the
   * database. Once set, keep it: a sealed secret cannot be read without it.
   */
  readonly secondFactorKey?: string;
  /** Days a browser may skip the second factor when the user asks (30 at most). */
  readonly rememberDeviceDays: number;
  /** A value further than this from the same period last year needs an explanation. */
  readonly outlierThresholdPercent: number;
  readonly clientDir: string;
  readonly logLevel: string;
  /** 'auto' seeds the demo data into an empty embedded database; 'always' / 'never' force it. */
  readonly seedDemo: 'auto' | 'always' | 'never';
  readonly version: string;
  /** `SMTP_URL` (`smtp://user:password@host:587`, `smtps://…`): e-mails leave by SMTP; without it they stay in the outbox (« Courriels »). */
  readonly smtpUrl: string | undefined;
  /** `MAIL_FROM`: the sender of every e-mail. */
  readonly mailFrom: string;
  /** `PUBLIC_URL`: the application's address as its users reach it, for the links in e-mails. */
  readonly publicUrl: string;
  /** Delays before each retry of an e-mail the SMTP server refused or did not answer (seconds): 1 min, 5 min, 30 min, 2 h. */
  readonly mailRetrySeconds: readonly number[];
  /** Sign-in through an OpenID Connect identity provider (ProConnect, a hospital's); off when `OIDC_ISSUER` is unset. */
  readonly oidc?: OidcConfig;
}

export interface OidcConfig {
  /** The provider's issuer identifier (`OIDC_ISSUER`); its discovery document is read at first use. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The provider's name on the sign-in page's button, « Se connecter avec <label> » (`OIDC_LABEL`, e.g. ProConnect). */
  readonly label: string;
  /** The address the provider sends the person back to, registered at the provider. */
  readonly redirectUri: string;
  /** Seconds of clock difference tolerated on the ID token's dates (`OIDC_CLOCK_TOLERANCE_SECONDS`). */
  readonly clockToleranceSeconds: number;
}

export const DEFAULT_OIDC_LABEL = 'le fournisseur d’identité';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Variable d’environnement ${name} invalide : entier positif attendu, reçu « ${raw} ».`);
  }
  return value;
}

function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Variable d’environnement ${name} invalide : adresse http(s) attendue, reçu « ${raw} ».`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Variable d’environnement ${name} invalide : adresse http(s) attendue, reçu « ${raw} ».`);
  }
  return url;
}

/** The identity provider's settings: none without `OIDC_ISSUER`; the client id and secret are then required. */
function oidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  httpUrl('OIDC_ISSUER', issuer);
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new Error('OIDC_ISSUER est renseigné : OIDC_CLIENT_ID et OIDC_CLIENT_SECRET sont alors obligatoires.');
  }
  let redirectUri: string;
  if (env.OIDC_REDIRECT_URI) {
    redirectUri = httpUrl('OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI).href;
  } else if (env.PUBLIC_URL) {
    const base = httpUrl('PUBLIC_URL', env.PUBLIC_URL);
    redirectUri = new URL(base.pathname.replace(/\/$/, '') + OIDC_CALLBACK_PATH, base.origin).href;
  } else {
    throw new Error('OIDC_ISSUER est renseigné : PUBLIC_URL (l’adresse publique du service) ou OIDC_REDIRECT_URI est alors obligatoire.');
  }
  const tolerance = env.OIDC_CLOCK_TOLERANCE_SECONDS;
  return {
    issuer,
    clientId,
    clientSecret,
    label: env.OIDC_LABEL?.trim() || DEFAULT_OIDC_LABEL,
    redirectUri,
    clockToleranceSeconds: tolerance === '0' ? 0 : integer(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30),
  };
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function secondFactorKey(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new Error('Variable d’environnement SECOND_FACTOR_KEY invalide : 32 caractères au moins attendus.');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = env.SEED_DEMO ?? 'auto';
  if (seed !== 'auto' && seed !== 'always' && seed !== 'never') {
    throw new Error(`SEED_DEMO invalide : « auto », « always » ou « never » attendu, reçu « ${seed} ».`);
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || (trustProxy(env.TRUST_PROXY) === false ? undefined : '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(repositoryRoot, env.DATA_DIR || '.data/pg'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12),
    loginMaxFailuresPerAccountAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS', 5),
    loginMaxFailuresPerAccount: integer(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 20),
    // LOGIN_MAX_FAILURES_PER_IP, the former hard limit per address, is read as the start of the delays.
    loginAddressFailuresBeforeDelay: integer(env, 'LOGIN_ADDRESS_FAILURES_BEFORE_DELAY', integer(env, 'LOGIN_MAX_FAILURES_PER_IP', 10)),
    loginAddressFirstDelaySeconds: integer(env, 'LOGIN_ADDRESS_FIRST_DELAY_SECONDS', 1),
    loginAddressMaxDelaySeconds: integer(env, 'LOGIN_ADDRESS_MAX_DELAY_SECONDS', 60),
    loginWindowMinutes: integer(env, 'LOGIN_WINDOW_MINUTES', 15),
    secondFactorKey: secondFactorKey(env.SECOND_FACTOR_KEY),
    rememberDeviceDays: Math.min(30, integer(env, 'REMEMBER_DEVICE_DAYS', 30)),
    outlierThresholdPercent: integer(env, 'OUTLIER_THRESHOLD_PERCENT', 50),
    clientDir: path.resolve(repositoryRoot, env.CLIENT_DIR || 'dist/client/browser'),
    logLevel: env.LOG_LEVEL || 'info',
    seedDemo: seed,
    version: env.npm_package_version || '0.1.0',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'CN2R Pilotage <ne-pas-repondre@cn2r.fr>',
    publicUrl: env.PUBLIC_URL || `http://localhost:${integer(env, 'PORT', 3000)}`,
    mailRetrySeconds: [60, 300, 1800, 7200],
    oidc: oidc(env),
  };
}
