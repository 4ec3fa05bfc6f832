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
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerIp: number;
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
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Variable d’environnement ${name} invalide : entier positif attendu, reçu « ${raw} ».`);
  }
  return value;
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
    loginMaxFailuresPerAccount: integer(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
    loginMaxFailuresPerIp: integer(env, 'LOGIN_MAX_FAILURES_PER_IP', 30),
    loginWindowMinutes: integer(env, 'LOGIN_WINDOW_MINUTES', 15),
    secondFactorKey: secondFactorKey(env.SECOND_FACTOR_KEY),
    rememberDeviceDays: Math.min(30, integer(env, 'REMEMBER_DEVICE_DAYS', 30)),
    outlierThresholdPercent: integer(env, 'OUTLIER_THRESHOLD_PERCENT', 50),
    clientDir: path.resolve(repositoryRoot, env.CLIENT_DIR || 'dist/client/browser'),
    logLevel: env.LOG_LEVEL || 'info',
    seedDemo: seed,
    version: env.npm_package_version || '0.1.0',
  };
}
