import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, repositoryRoot } from '../config.js';

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
