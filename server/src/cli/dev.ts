import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from '../config.js';

// `npm run dev`: the API with reload on :3000 and `ng serve` on :4200 proxying /api to it.
const bin = (name: string) => path.join(repositoryRoot, 'node_modules/.bin', name);
const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/src/main.ts'], { cwd: repositoryRoot, stdio: 'inherit' }),
  spawn(bin('ng'), ['serve', '--proxy-config', 'client/proxy.conf.json'], {
    cwd: repositoryRoot,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  }),
];
console.log('Développement : API sur http://localhost:3000, interface avec rechargement sur http://localhost:4200');
const stopAll = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
for (const child of children) child.on('exit', (code) => {
  stopAll();
  process.exitCode = code ?? 0;
});
