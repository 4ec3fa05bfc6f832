/**
 * The little of `oidc-provider` (a development dependency, without type declarations) the specs
 * use: a real OpenID Connect provider to sign in against.
 */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  interface ProviderContext {
    readonly path: string;
  }

  interface Account {
    readonly accountId: string;
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  interface ProviderConfiguration {
    clients?: readonly Record<string, unknown>[];
    cookies?: { keys?: readonly string[] };
    claims?: Record<string, readonly string[]>;
    features?: Record<string, unknown>;
    pkce?: { required?: () => boolean };
    ttl?: Record<string, number | (() => number)>;
    findAccount?: (ctx: ProviderContext, sub: string) => Promise<Account | undefined>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): this;
    listen(port: number, host: string, callback: () => void): Server;
  }
}
