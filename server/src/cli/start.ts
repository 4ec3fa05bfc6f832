import { buildClientIfNeeded } from './client-build.js';

// `npm start`: builds the client when its sources changed, then serves API and app from one process.
const build = await buildClientIfNeeded();
if (build === 'up to date') console.log('Interface déjà construite et à jour.');
await import('../main.js');
