import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../config.js';

/** What the built client depends on: when none of it changed, the last build is reused. */
const inputs = ['client/src', 'client/public', 'client/tsconfig.app.json', 'shared/src', 'angular.json', 'tsconfig.json', 'package-lock.json'];
const stampFile = path.join(repositoryRoot, 'dist/client/source-hash.txt');
const indexFile = path.join(repositoryRoot, 'dist/client/browser/index.html');

function* files(entry: string): Generator<string> {
  const full = path.join(repositoryRoot, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(full).sort()) {
    if (name.endsWith('.spec.ts')) continue;
    yield* files(path.join(entry, name));
  }
}

export function clientSourceHash(): string {
  const hash = createHash('sha256');
  for (const entry of inputs) {
    for (const file of files(entry)) {
      hash.update(file).update('\0').update(readFileSync(path.join(repositoryRoot, file))).update('\0');
    }
  }
  return hash.digest('hex');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repositoryRoot, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} a échoué (code ${code}).`))));
  });
}

/** Builds the Angular app for production unless the sources are those of the last build. */
export async function buildClientIfNeeded(): Promise<'built' | 'up to date'> {
  const hash = clientSourceHash();
  if (existsSync(indexFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return 'up to date';
  console.log('Construction de l’interface Angular (une fois ; réutilisée tant que les sources ne changent pas)…');
  await run(process.execPath, [path.join(repositoryRoot, 'node_modules/@angular/cli/bin/ng.js'), 'build', '--configuration', 'production']);
  writeFileSync(stampFile, hash);
  return 'built';
}
