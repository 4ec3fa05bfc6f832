import { buildClientIfNeeded } from './client-build.js';

// `npm run build:if-needed`, used before the end-to-end tests.
console.log(`Interface : ${await buildClientIfNeeded()}.`);
