import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repositoryRoot } from '../config.js';

/** A free TCP port on the loopback interface, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The real server (`server/src/main.ts`) as a child process on the embedded database of `dataDir`,
 * like `npm start` without the client build: what a crash test kills with SIGKILL and restarts.
 */
export class ServerProcess {
  private output = '';
  private exited: Promise<NodeJS.Signals | number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'server/src/main.ts')], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'never', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.waitUntilHealthy();
    return server;
  }

  /** What the process printed (for failure messages). */
  get log(): string {
    return this.output;
  }

  private async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    while (Date.now() < deadline && !exitedEarly) {
      try {
        const res = await fetch(`${this.baseUrl}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    this.child.kill('SIGKILL');
    throw new Error(`le serveur n’a pas démarré :\n${this.output}`);
  }

  /** SIGKILL: no shutdown handler runs, the lock file and the database files stay as they are. */
  async kill(): Promise<NodeJS.Signals | number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** A clean stop (SIGTERM: the server closes the database and releases its lock). */
  async stop(): Promise<NodeJS.Signals | number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

/**
 * A browser-like client over real HTTP: keeps its cookies and echoes XSRF-TOKEN in X-XSRF-TOKEN on
 * state-changing requests, as the Angular client does.
 */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  static async signedIn(baseUrl: string, email: string, password: string): Promise<HttpSession> {
    const session = new HttpSession(baseUrl);
    const res = await session.request('POST', '/api/auth/login', { json: { email, password } });
    if (res.status !== 200) throw new Error(`connexion de ${email} refusée : ${res.status} ${await res.text()}`);
    return session;
  }

  /** The Cookie header of this session (for a load generator replaying its requests). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The CSRF token to echo in X-XSRF-TOKEN. */
  csrfToken(): string {
    return this.cookies.get('XSRF-TOKEN') ?? '';
  }

  async request(method: string, url: string, options: { json?: unknown; body?: string; contentType?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      if (!this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/health');
      headers['X-XSRF-TOKEN'] = this.cookies.get('XSRF-TOKEN') ?? '';
    }
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    } else if (options.contentType) headers['Content-Type'] = options.contentType;
    if (this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body, signal: options.signal });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  async json(method: string, url: string, json?: unknown): Promise<{ status: number; body: any }> {
    const res = await this.request(method, url, json === undefined ? {} : { json });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
