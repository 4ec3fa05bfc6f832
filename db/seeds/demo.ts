import type { Knex } from 'knex';
import { parisToday, seedCollectionDemo, type CollectionDemoSummary } from './collection-demo.js';
import { seedBudgetDemo } from './budget-demo.js';
import { seedStaffDemo } from './staff-demo.js';
import { seedGovernanceDemo } from './governance-demo.js';
import { seedCareOfferDemo } from './care-offer-demo.js';

/** The demo password of every demo account (README). Never used outside the demo seed. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** The ten CRP selected on 11 October 2018, and CN2R itself. */
export const demoUnits = [
  { code: 'CN2R', name: 'CN2R — Centre national de ressources et de résilience', region: 'National', host_institution: 'CHU de Lille', kind: 'cn2r', opened_on: '2019-01-01' },
  { code: 'CRP-BFC', name: 'CRP Bourgogne-Franche-Comté', region: 'Bourgogne-Franche-Comté', host_institution: 'CHU Dijon Bourgogne', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-CVL', name: 'CRP Centre-Val de Loire', region: 'Centre-Val de Loire', host_institution: 'CHRU de Tours (avec le CHR d’Orléans)', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-GE', name: 'CRP Grand Est', region: 'Grand Est', host_institution: 'CHU de Strasbourg', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-HDF', name: 'CRP Hauts-de-France', region: 'Hauts-de-France', host_institution: 'CHU de Lille', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-ARA', name: 'CRP Auvergne-Rhône-Alpes', region: 'Auvergne-Rhône-Alpes', host_institution: 'Hospices Civils de Lyon', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-IDF-CS', name: 'CRP AP-HP Centre-Sud', region: 'Île-de-France', host_institution: 'AP-HP (Hôtel-Dieu, Saint-Antoine)', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-IDF-PN', name: 'CRP AP-HP Paris Nord', region: 'Île-de-France', host_institution: 'AP-HP', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-MQ', name: 'CRP Martinique', region: 'Martinique', host_institution: 'CHU de Martinique', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-OCC', name: 'CRP Occitanie', region: 'Occitanie', host_institution: 'CHU de Toulouse, Montpellier, Nîmes', kind: 'crp', opened_on: '2019-01-01' },
  { code: 'CRP-PACA', name: 'CRP Provence-Alpes-Côte d’Azur', region: 'Provence-Alpes-Côte d’Azur', host_institution: 'CHU de Nice avec la Fondation Lenval', kind: 'crp', opened_on: '2019-01-01' },
] as const;

export const demoUsers = [
  { email: 'admin@demo.local', display_name: 'Camille Martin (coordination CN2R)', role: 'admin', units: [] },
  { email: 'finance@demo.local', display_name: 'Dominique Bernard (finances)', role: 'finance', units: [] },
  { email: 'board@demo.local', display_name: 'Claude Petit (bureau)', role: 'board', units: [] },
  { email: 'lead.lille@demo.local', display_name: 'Alex Lefebvre (CRP Hauts-de-France)', role: 'unit_lead', units: ['CRP-HDF'] },
  { email: 'lead.lyon@demo.local', display_name: 'Sacha Moreau (CRP Auvergne-Rhône-Alpes)', role: 'unit_lead', units: ['CRP-ARA'] },
] as const;

/**
 * Seeds the demo units and accounts, in one transaction, skipping what is already there (by code
 * and by e-mail), so it can run again. The caller hashes passwords (argon2id lives in the server).
 * Then, in the same transaction, the indicator collection demo (collection-demo.ts) as of
 * `options.today` (default: today in Paris), unless indicators already exist.
 */
export async function seedDemo(
  knex: Knex,
  hashPassword: (password: string) => Promise<string>,
  options: { today?: string } = {},
): Promise<{ units: number; users: number; collection: CollectionDemoSummary | null }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return knex.transaction(async (trx) => {
    const existingCodes = new Set((await trx('units').select('code')).map((r) => r.code as string));
    const newUnits = demoUnits.filter((u) => !existingCodes.has(u.code));
    if (newUnits.length > 0) await trx('units').insert(newUnits);
    const unitIds = new Map((await trx('units').select('id', 'code')).map((r) => [r.code as string, r.id as number]));

    const existingEmails = new Set((await trx('users').select('email')).map((r) => r.email as string));
    const newUsers = demoUsers.filter((u) => !existingEmails.has(u.email));
    for (const user of newUsers) {
      const [{ id }] = await trx('users')
        .insert({ email: user.email, display_name: user.display_name, role: user.role, password_hash: passwordHash })
        .returning('id');
      if (user.units.length > 0) {
        await trx('user_units').insert(user.units.map((code) => ({ user_id: id, unit_id: unitIds.get(code) })));
      }
    }
    if (newUnits.length + newUsers.length > 0) {
      await trx('audit_log').insert({
        actor_email: 'système (données de démonstration)',
        action: 'demo.seeded',
        entity_type: 'database',
        after: JSON.stringify({ units: newUnits.map((u) => u.code), users: newUsers.map((u) => u.email) }),
      });
    }
    const collection = await seedCollectionDemo(trx, { today: options.today ?? parisToday() });
    // Governance first: the budget's BI and BR name the deliberations that adopted them.
    await seedGovernanceDemo(trx, { today: options.today ?? parisToday() });
    await seedBudgetDemo(trx, { today: options.today ?? parisToday() });
    await seedStaffDemo(trx, { today: options.today ?? parisToday() });
    await seedCareOfferDemo(trx, { today: options.today ?? parisToday() });
    return { units: newUnits.length, users: newUsers.length, collection };
  });
}
