import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { CreateUser, PASSWORD_MIN_LENGTH, Role } from '@cn2r/shared';
import { systemClock } from '../clock.js';
import { composeServices } from '../composition.js';
import { systemActor } from '../features/auth/index.js';
import { annualReportBuilders } from '../features/reports/index.js';
import { inProcessUploadParsers } from '../features/upload-parsing/index.js';
import { UnitRepository } from '../features/units/unit-repository.js';
import { runCli } from './open-configured-database.js';

const usage = `Usage : npm run user:create -- --email prenom.nom@exemple.fr --role admin [--name "Prénom Nom"] [--unit CODE …]
  --role    ${Role.options.join(' | ')}
  --unit    code d’un centre (répétable), obligatoire pour un responsable de centre (unit_lead)
Le mot de passe (${PASSWORD_MIN_LENGTH} caractères au moins) est demandé au clavier, ou lu sur l’entrée standard :
  printf '%s\\n' "$MOT_DE_PASSE" | npm run user:create -- --email … --role admin`;

/** Reads the password: typed twice without echo on a terminal, or the first line of stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const output = rl as unknown as { _writeToOutput: (s: string) => void };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
      output._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stdout.write(question);
      };
    });
  const first = await ask('Mot de passe : ');
  const second = await ask('Confirmez le mot de passe : ');
  if (first !== second) throw new Error('Les deux saisies du mot de passe diffèrent.');
  return first;
}

let args;
try {
  args = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string', multiple: true }, help: { type: 'boolean' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (args.help || !args.email || !args.role) {
  console.log(usage);
  process.exit(args.help ? 0 : 2);
}

await runCli(async (database, config) => {
  const unitRepository = new UnitRepository();
  const unitIds: number[] = [];
  for (const code of args.unit ?? []) {
    const unit = await unitRepository.findByCode(database.knex, code.toUpperCase());
    if (!unit) throw new Error(`Centre inconnu : ${code}.`);
    unitIds.push(unit.id);
  }
  const password = await readPassword();
  const parsed = CreateUser.safeParse({
    email: args.email,
    displayName: args.name ?? args.email!.split('@')[0],
    role: args.role,
    unitIds,
    password,
  });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'valeur'} : ${i.message}`).join('\n'));
  }
  const { users } = composeServices({ db: database.knex, config, clock: systemClock, reportBuilders: annualReportBuilders, uploadParsers: inProcessUploadParsers, mailTransport: null });
  const user = await users.create(systemActor('npm run user:create'), parsed.data);
  console.log(`Compte créé : ${user.email} (${user.role}), n° ${user.id}.`);
});
