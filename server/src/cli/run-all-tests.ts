import { spawn } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from '../config.js';

/**
 * `npm test`: every suite in turn (type checks, shared, reports, server, client in headless
 * Chromium, end to end with Playwright), each closing on `N passed, N failed`; the totals close
 * the run in the same form. A suite that fails without counting (a crash, a type error) counts as
 * one failure. `--only server,client` runs a subset.
 */
interface Suite {
  readonly name: string;
  readonly command: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
  /** True for a check without a test count (tsc): it counts as one test. */
  readonly check?: boolean;
}

const node = process.execPath;
const bin = (name: string) => path.join(repositoryRoot, 'node_modules/.bin', name);
const jasmine = (config: string, env?: Record<string, string>): Omit<Suite, 'name'> => ({ command: bin('jasmine'), args: [`--config=${config}`], env });

const tsc = (project: string): Omit<Suite, 'name'> => ({ command: node, args: [path.join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-p', project], check: true });

const suites: Suite[] = [
  { name: 'types', ...tsc('server/tsconfig.json') },
  { name: 'types (e2e)', ...tsc('client/e2e/tsconfig.json') },
  { name: 'types (bench)', ...tsc('bench/tsconfig.json') },
  { name: 'shared', ...jasmine('shared/spec/jasmine.json') },
  { name: 'reports', ...jasmine('reports/spec/jasmine.json') },
  { name: 'server', ...jasmine('server/spec/support/jasmine.json') },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'server (PostgreSQL)', ...jasmine('server/spec/support/jasmine.json', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL }) }]
    : []),
  { name: 'client', command: node, args: [path.join(repositoryRoot, 'node_modules/@angular/cli/bin/ng.js'), 'test', '--watch=false'] },
  { name: 'e2e', command: bin('playwright'), args: ['test', '--config=client/e2e/playwright.config.ts'] },
];

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const selected = only ? suites.filter((s) => only.includes(s.name.split(' ')[0])) : suites;

function runSuite(suite: Suite): Promise<{ passed: number; failed: number; seconds: number; code: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    // The embedded suites run without TEST_DATABASE_URL unless the suite sets it.
    const env: NodeJS.ProcessEnv = { ...process.env, NG_CLI_ANALYTICS: 'false', FORCE_COLOR: '0', ...suite.env };
    if (!suite.env?.TEST_DATABASE_URL) delete env.TEST_DATABASE_URL;
    const child = spawn(suite.command, suite.args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let last: { passed: number; failed: number } | undefined;
    let pending = '';
    const scan = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      stream.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed/.exec(line.trim());
        if (match) last = { passed: Number(match[1]), failed: Number(match[2]) };
      }
    };
    child.stdout.on('data', (c: Buffer) => scan(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => scan(c, process.stderr));
    child.on('error', (error) => {
      console.error(`${suite.name} : impossible de lancer ${suite.command} : ${error.message}`);
    });
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const exit = code ?? 1;
      let counts = last ?? (suite.check && exit === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 0 });
      if (exit !== 0 && counts.failed === 0) counts = { passed: counts.passed, failed: 1 };
      resolve({ ...counts, seconds, code: exit });
    });
  });
}

const results: { name: string; passed: number; failed: number; seconds: number }[] = [];
for (const suite of selected) {
  console.log(`\n=== ${suite.name} ===`);
  results.push({ name: suite.name, ...(await runSuite(suite)) });
}
console.log('\n=== Récapitulatif ===');
for (const r of results) console.log(`${r.name.padEnd(20)} ${String(r.passed).padStart(4)} réussis  ${String(r.failed).padStart(3)} échoués  ${r.seconds} s`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
