import { seedDemo } from '@cn2r/db';
import { hashPassword } from '../features/auth/password-hasher.js';
import { runCli } from './open-configured-database.js';

// `npm run db:seed:demo`: the demo units and accounts (README), on demand. Never in production.
if (process.env.NODE_ENV === 'production') {
  console.error('Refusé : NODE_ENV=production. Les comptes de démonstration n’ont pas leur place en production.');
  process.exit(1);
}
await runCli(async (database) => {
  const seeded = await seedDemo(database.knex, hashPassword);
  console.log(`Données de démonstration : ${seeded.units} centre(s) et ${seeded.users} compte(s) ajoutés (les existants sont conservés).`);
});
