import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, repositoryRoot } from '../config.js';
import { freePort } from '../testing/server-process.js';

/** Runs `server/src/main.ts` as `npm start` would, until it exits (or `timeoutMs`): its exit code and what it printed. */
function runServer(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'server/src/main.ts')], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: '', SEED_DEMO: 'never', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the server process', () => {
  it('stops with a French error when its port is taken, instead of saying it listens and serving nothing', async () => {
    if (process.env.TEST_DATABASE_URL) pending('Lancé sur la base embarquée seulement (le processus enfant ouvre sa propre base).');
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cn2r-port-'));
    try {
      const { code, output } = await runServer({ PORT: String(port), DATA_DIR: dataDir });
      expect(code).withContext(output).toBe(1);
      expect(output).toContain(`Le port ${port} est déjà utilisé par un autre programme : arrêtez-le, ou choisissez un autre port (PORT=…).`);
      expect(output).not.toContain('à l’écoute');
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('listens on the loopback only behind a proxy (TRUST_PROXY), unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2' }).host).toBe('127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: '1', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ TRUST_PROXY: 'false' }).host).toBeUndefined();
  });
});

describe('the server started through npm', () => {
  it('stops on SIGTERM sent to npm: the port and the database lock are released (npm → node, no shell left in between)', async () => {
    if (process.env.TEST_DATABASE_URL) pending('Lancé sur la base embarquée seulement (le processus enfant ouvre sa propre base).');
    const port = await freePort();
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cn2r-sigterm-')), 'pg');
    // `npm run serve` is `npm start` without the client build: the same `exec node --import tsx …`.
    const npm = spawn('npm', ['run', 'serve'], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'never', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline) {
        healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(healthy).withContext(output).toBeTrue();
      expect(existsSync(`${dataDir}.lock`)).toBeTrue();

      // The embedded database's files are reachable by no other account: its directories are 0700
      // (PGlite writes its files 0666 whatever the umask, but nobody else can enter the directory), the lock 0600.
      const dirs = [path.dirname(dataDir), dataDir, ...readdirSync(dataDir, { recursive: true }).map((f) => path.join(dataDir, String(f))).filter((f) => statSync(f).isDirectory())];
      expect(dirs.filter((d) => (statSync(d).mode & 0o077) !== 0)).toEqual([]);
      expect(statSync(`${dataDir}.lock`).mode & 0o077).toBe(0);
      // A second server on the same database: refused with the reason, no stack trace.
      const second = await runServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
      expect(second.code).withContext(second.output).toBe(1);
      expect(second.output).toContain(`La base embarquée ${dataDir} est déjà ouverte par le processus`);
      expect(second.output).not.toMatch(/\n\s+at /);

      npm.kill('SIGTERM');
      expect(await exited).withContext(output).toBe(0);
      expect(output).toContain('SIGTERM reçu : arrêt propre');
      await expectAsync(fetch(`http://127.0.0.1:${port}/api/health`)).toBeRejected();
      expect(existsSync(`${dataDir}.lock`)).withContext('the database lock').toBeFalse();
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 90_000);
});
