import { runCli } from './open-configured-database.js';

// `npm run db:migrate`: applies the pending migrations (the server also does at start).
await runCli(async () => undefined);
