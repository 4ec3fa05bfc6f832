import type { Knex } from 'knex';
import { mulDivRound, splitLargestRemainder } from '@cn2r/shared';

/**
 * Demo budget (../../shared/DOMAIN.md): three fiscal years (the two before `today`'s, closed, and
 * the current one, open), the MIG H15 lines (psychiatrist 120 000 €, psychologist 60 000 €,
 * medical auxiliary 60 000 €, operating 40 000 €), the ministries' contributions (about 1,2 M€,
 * mostly seconded staff), own resources; each year a BI, one BR and one transfer (from personnel
 * to operating), commitments and monthly payments up to the last full month.
 *
 * Deterministic (every amount from fixed tables and `today`) and idempotent: nothing is done when
 * any of the three years exists. Rows are inserted directly, in the shape the services write, and
 * every amount respects the rules the API enforces (nothing committed beyond open AE, nothing paid
 * beyond open CP or beyond its commitment).
 */

export interface BudgetDemoOptions {
  /** `YYYY-MM-DD`; the current year is its year. */
  readonly today: string;
}

export interface BudgetDemoSummary {
  readonly fiscalYears: number;
  readonly fundingSources: number;
  readonly lines: number;
  readonly decisions: number;
  readonly commitments: number;
  readonly payments: number;
}

const SOURCES = [
  { code: 'MIG-H15', label: 'MIG H15 — psychotraumatisme', funder: 'DGOS (versée par le CHU de Lille)', nature: 'mig', in_kind: false, cents: 28_000_000, reference: 'Circulaire budgétaire DGOS — MIG H15' },
  { code: 'MIN-JUSTICE', label: 'Ministère de la Justice — magistrat mis à disposition', funder: 'Ministère de la Justice', nature: 'seconded_staff', in_kind: true, cents: 30_000_000, reference: 'Convention de mise à disposition' },
  { code: 'MIN-INTERIEUR', label: 'Ministère de l’Intérieur — officier mis à disposition', funder: 'Ministère de l’Intérieur', nature: 'seconded_staff', in_kind: true, cents: 25_000_000, reference: 'Convention de mise à disposition' },
  { code: 'MIN-ARMEES', label: 'Ministère des Armées — médecin mis à disposition', funder: 'Ministère des Armées (SSA)', nature: 'seconded_staff', in_kind: true, cents: 28_000_000, reference: 'Convention de mise à disposition' },
  { code: 'MIN-EDUCATION', label: 'Ministère de l’Éducation nationale — contribution', funder: 'Ministère de l’Éducation nationale', nature: 'financial_contribution', in_kind: false, cents: 15_000_000, reference: 'Convention constitutive, art. 12' },
  { code: 'MIN-ESR', label: 'Ministère de l’Enseignement supérieur et de la Recherche — subvention', funder: 'MESR', nature: 'subsidy', in_kind: false, cents: 20_000_000, reference: 'Arrêté attributif de subvention' },
  { code: 'MIN-SANTE-DGS', label: 'Ministère de la Santé (DGS) — subvention', funder: 'Direction générale de la santé', nature: 'subsidy', in_kind: false, cents: 4_000_000, reference: 'Convention DGS' },
  { code: 'PROPRES', label: 'Ressources propres (formations, colloque)', funder: 'CN2R', nature: 'own', in_kind: false, cents: 2_500_000, reference: null },
] as const;

type SourceCode = (typeof SOURCES)[number]['code'];
type PaymentKind = 'invoice' | 'payroll' | 'seconded_reimbursement' | 'other';

interface LineSpec {
  code: string;
  label: string;
  envelope: 'personnel' | 'fonctionnement' | 'investissement' | 'intervention';
  missionArea: 'information' | 'outils_bonnes_pratiques' | 'formation' | 'recherche' | 'animation_reseau' | 'support';
  source: SourceCode;
  /** BI: AE and CP in cents. */
  ae: number;
  cp: number;
  /** Personnel: paid monthly against one yearly commitment, at this share of the credits (basis points). */
  monthly?: { kind: PaymentKind; shareBp: number };
  /** Other lines: commitments (month 1–12, third party, object, share of AE in bp, share paid in bp). */
  orders?: readonly { month: number; thirdParty: string; object: string; shareBp: number; paidBp: number }[];
}

const LINES: readonly LineSpec[] = [
  { code: 'MIG-PSYCHIATRE', label: 'Psychiatre (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'animation_reseau', source: 'MIG-H15', ae: 12_000_000, cp: 12_000_000, monthly: { kind: 'payroll', shareBp: 8_384 } },
  { code: 'MIG-PSYCHOLOGUE', label: 'Psychologue clinicien (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'outils_bonnes_pratiques', source: 'MIG-H15', ae: 6_000_000, cp: 6_000_000, monthly: { kind: 'payroll', shareBp: 8_571 } },
  { code: 'MIG-AUXILIAIRE', label: 'Auxiliaire médical (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'information', source: 'MIG-H15', ae: 6_000_000, cp: 6_000_000, monthly: { kind: 'payroll', shareBp: 10_000 } },
  {
    code: 'MIG-FONCTIONNEMENT',
    label: 'Frais de fonctionnement (MIG H15)',
    envelope: 'fonctionnement',
    missionArea: 'support',
    source: 'MIG-H15',
    ae: 4_000_000,
    cp: 4_000_000,
    orders: [
      { month: 1, thirdParty: 'CHU de Lille', object: 'Refacturation des locaux et fluides', shareBp: 4_000, paidBp: 10_000 },
      { month: 3, thirdParty: 'UGAP', object: 'Fournitures et petit matériel', shareBp: 1_500, paidBp: 10_000 },
      { month: 5, thirdParty: 'SNCF Voyageurs', object: 'Déplacements dans le réseau', shareBp: 2_500, paidBp: 7_000 },
    ],
  },
  { code: 'MAD-JUSTICE', label: 'Magistrats mis à disposition (Justice, 2)', envelope: 'personnel', missionArea: 'formation', source: 'MIN-JUSTICE', ae: 30_000_000, cp: 30_000_000, monthly: { kind: 'seconded_reimbursement', shareBp: 10_000 } },
  { code: 'MAD-INTERIEUR', label: 'Officiers mis à disposition (Intérieur, 2)', envelope: 'personnel', missionArea: 'formation', source: 'MIN-INTERIEUR', ae: 25_000_000, cp: 25_000_000, monthly: { kind: 'seconded_reimbursement', shareBp: 10_000 } },
  { code: 'MAD-ARMEES', label: 'Médecin et psychologue des armées mis à disposition (Armées)', envelope: 'personnel', missionArea: 'recherche', source: 'MIN-ARMEES', ae: 28_000_000, cp: 28_000_000, monthly: { kind: 'seconded_reimbursement', shareBp: 10_000 } },
  {
    code: 'EDU-FORMATION',
    label: 'Formation des personnels de l’Éducation nationale',
    envelope: 'fonctionnement',
    missionArea: 'formation',
    source: 'MIN-EDUCATION',
    ae: 15_000_000,
    cp: 15_000_000,
    orders: [
      { month: 2, thirdParty: 'Université de Lille — formation continue', object: 'Modules de formation au repérage du psychotraumatisme', shareBp: 5_000, paidBp: 8_000 },
      { month: 6, thirdParty: 'Studio Pédagogie Numérique', object: 'Module de formation en ligne', shareBp: 3_000, paidBp: 5_000 },
    ],
  },
  {
    code: 'ESR-RECHERCHE',
    label: 'Allocations de recherche (master, doctorat, post-doctorat)',
    envelope: 'intervention',
    missionArea: 'recherche',
    source: 'MIN-ESR',
    ae: 20_000_000,
    cp: 16_000_000,
    orders: [
      { month: 1, thirdParty: 'Université Paris Cité', object: 'Allocation doctorale (3 ans)', shareBp: 6_000, paidBp: 3_000 },
      { month: 4, thirdParty: 'Inserm', object: 'Allocation post-doctorale', shareBp: 2_500, paidBp: 6_000 },
    ],
  },
  {
    code: 'DGS-INFORMATION',
    label: 'Site de ressources et campagnes d’information',
    envelope: 'fonctionnement',
    missionArea: 'information',
    source: 'MIN-SANTE-DGS',
    ae: 4_000_000,
    cp: 4_000_000,
    orders: [{ month: 3, thirdParty: 'Agence Web Solidaire', object: 'Maintenance du site et cartographie de l’offre de soins', shareBp: 7_000, paidBp: 9_000 }],
  },
  {
    code: 'PROPRES-COLLOQUE',
    label: 'Colloque national du réseau',
    envelope: 'fonctionnement',
    missionArea: 'animation_reseau',
    source: 'PROPRES',
    ae: 2_000_000,
    cp: 2_000_000,
    orders: [{ month: 9, thirdParty: 'Lille Grand Palais', object: 'Location de salle et traiteur', shareBp: 8_000, paidBp: 10_000 }],
  },
  {
    code: 'PROPRES-INFORMATIQUE',
    label: 'Postes de travail et logiciels',
    envelope: 'investissement',
    missionArea: 'support',
    source: 'PROPRES',
    ae: 500_000,
    cp: 500_000,
    orders: [{ month: 2, thirdParty: 'UGAP', object: 'Ordinateurs portables', shareBp: 9_000, paidBp: 10_000 }],
  },
];

/** The BR of each year: more research credits (a supplement of the MESR). */
const BR = { line: 'ESR-RECHERCHE', ae: 1_000_000, cp: 1_000_000 };
/** The transfer of each year: from the psychiatrist's pay (recruited late) to operating costs. */
const TRANSFER = { from: 'MIG-PSYCHIATRE', to: 'MIG-FONCTIONNEMENT', cents: 800_000 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export async function seedBudgetDemo(knex: Knex, options: BudgetDemoOptions): Promise<BudgetDemoSummary | null> {
  const current = Number(options.today.slice(0, 4));
  const years = [current - 2, current - 1, current];
  const run = async (trx: Knex.Transaction): Promise<BudgetDemoSummary | null> => {
    const [{ n: existing }] = await trx('fiscal_years').whereIn('year', years).count({ n: '*' });
    if (Number(existing) > 0) return null;

    await trx('fiscal_years').insert(years.map((year) => ({ year, status: 'open' })));
    const known = new Map((await trx('funding_sources').select('id', 'code')).map((r) => [r.code as string, r.id as number]));
    const missing = SOURCES.filter((s) => !known.has(s.code));
    if (missing.length > 0) {
      const inserted = await trx('funding_sources')
        .insert(missing.map((s) => ({ code: s.code, label: s.label, funder: s.funder, nature: s.nature, in_kind: s.in_kind })))
        .returning(['id', 'code']);
      for (const r of inserted) known.set(r.code, r.id);
    }
    await trx('funding_notifications').insert(
      years.flatMap((year) =>
        SOURCES.map((s) => ({ funding_source_id: known.get(s.code), year, amount_cents: s.cents, reference: s.reference ? `${s.reference} ${year}` : null })),
      ),
    );

    let decisions = 0;
    let commitmentCount = 0;
    let paymentCount = 0;
    let lineCount = 0;
    for (const year of years) {
      // Months fully elapsed: all twelve for a past year, up to last month for the current one.
      const months = year < current ? 12 : Number(options.today.slice(5, 7)) - 1;
      const lines = await trx('budget_lines')
        .insert(
          LINES.map((l) => ({ year, code: l.code, label: l.label, envelope: l.envelope, mission_area: l.missionArea, funding_source_id: known.get(l.source) })),
        )
        .returning(['id', 'code']);
      lineCount += lines.length;
      const lineId = new Map(lines.map((r) => [r.code as string, r.id as number]));

      const decide = async (kind: string, code: string, decidedOn: string, reference: string, rationale: string, entries: { line: string; ae: number; cp: number }[]) => {
        const [{ id }] = await trx('budget_decisions').insert({ year, kind, code, decided_on: decidedOn, reference, rationale }).returning('id');
        await trx('budget_decision_entries').insert(entries.map((e) => ({ decision_id: id, line_id: lineId.get(e.line), ae_delta_cents: e.ae, cp_delta_cents: e.cp })));
        await trx('budget_decisions').where({ id }).update({ status: 'adopted', adopted_at: `${decidedOn}T18:00:00Z` });
        decisions++;
      };
      await decide('initial', 'BI', `${year - 1}-11-28`, `Délibération de l’AG n° ${year - 1}-07`, `Budget initial ${year}`, LINES.map((l) => ({ line: l.code, ae: l.ae, cp: l.cp })));
      await decide('amending', 'BR1', `${year}-06-20`, `Délibération de l’AG n° ${year}-03`, 'Supplément de subvention du MESR pour une allocation de master', [
        { line: BR.line, ae: BR.ae, cp: BR.cp },
      ]);
      await decide('transfer', 'VIR1', `${year}-04-15`, `Décision du directeur n° ${year}-11`, 'Recrutement du psychiatre au 1er mars : crédits de personnel non consommés vers le fonctionnement', [
        { line: TRANSFER.from, ae: -TRANSFER.cents, cp: -TRANSFER.cents },
        { line: TRANSFER.to, ae: TRANSFER.cents, cp: TRANSFER.cents },
      ]);

      const open = (l: LineSpec) => ({
        ae: l.ae + (l.code === BR.line ? BR.ae : 0) + (l.code === TRANSFER.from ? -TRANSFER.cents : 0) + (l.code === TRANSFER.to ? TRANSFER.cents : 0),
        cp: l.cp + (l.code === BR.line ? BR.cp : 0) + (l.code === TRANSFER.from ? -TRANSFER.cents : 0) + (l.code === TRANSFER.to ? TRANSFER.cents : 0),
      });
      const payments: Record<string, unknown>[] = [];
      for (const l of LINES) {
        const credits = open(l);
        const id = lineId.get(l.code)!;
        if (l.monthly) {
          // One yearly commitment (the contract or the convention), paid in twelve exact parts.
          const yearly = mulDivRound(credits.ae, l.monthly.shareBp, 10_000);
          const [{ id: commitmentId }] = await trx('commitments')
            .insert({ line_id: id, committed_on: `${year}-01-02`, third_party: l.monthly.kind === 'payroll' ? 'Paie du GIP' : SOURCES.find((s) => s.code === l.source)!.funder, object: l.label, reference: `CT-${year}-${l.code}`, amount_cents: yearly })
            .returning('id');
          commitmentCount++;
          const parts = splitLargestRemainder(yearly, Array(12).fill(1));
          for (let m = 1; m <= months; m++) {
            payments.push({ line_id: id, paid_on: `${year}-${pad(m)}-${pad(Math.min(27, lastDay(year, m)))}`, commitment_id: commitmentId, kind: l.monthly.kind, reference: `${l.monthly.kind === 'payroll' ? 'PAIE' : 'MAD'}-${year}-${pad(m)}`, amount_cents: parts[m - 1] });
          }
        }
        for (const [i, order] of (l.orders ?? []).entries()) {
          if (order.month > Math.max(months, 1) && year === current) continue;
          const amount = mulDivRound(credits.ae, order.shareBp, 10_000);
          const [{ id: commitmentId }] = await trx('commitments')
            .insert({ line_id: id, committed_on: `${year}-${pad(order.month)}-05`, third_party: order.thirdParty, object: order.object, reference: `BC-${year}-${l.code}-${i + 1}`, amount_cents: amount })
            .returning('id');
          commitmentCount++;
          // Paid a month later, within the year; the current year pays only what is due by now.
          const paidMonth = Math.min(12, order.month + 1);
          if (year === current && paidMonth > months) continue;
          const paid = Math.min(mulDivRound(amount, order.paidBp, 10_000), credits.cp);
          if (paid > 0) payments.push({ line_id: id, paid_on: `${year}-${pad(paidMonth)}-15`, commitment_id: commitmentId, kind: 'invoice', reference: `F-${year}-${l.code}-${i + 1}`, amount_cents: paid });
        }
      }
      if (payments.length > 0) await trx('payments').insert(payments);
      paymentCount += payments.length;
    }

    // One reversal in the first year: an invoice paid twice, cancelled.
    const firstYear = years[0];
    const duplicated = await trx('payments as p')
      .join('budget_lines as l', 'l.id', 'p.line_id')
      .where({ 'l.year': firstYear, 'l.code': 'DGS-INFORMATION' })
      .first('p.id', 'p.line_id', 'p.commitment_id', 'p.amount_cents');
    if (duplicated) {
      const [{ id: second }] = await trx('payments')
        .insert({ line_id: duplicated.line_id, paid_on: `${firstYear}-05-20`, commitment_id: null, kind: 'invoice', reference: 'F-DOUBLON', amount_cents: 120_000 })
        .returning('id');
      await trx('payments').insert({ line_id: duplicated.line_id, paid_on: `${firstYear}-05-28`, commitment_id: null, kind: 'invoice', reference: 'F-DOUBLON', amount_cents: -120_000, reverses_id: second, reason: 'Facture payée deux fois : annulation du second paiement' });
      paymentCount += 2;
    }

    await trx('fiscal_years').whereIn('year', years.slice(0, 2)).update({ status: 'closed' });
    await trx('audit_log').insert({
      actor_email: 'système (données de démonstration)',
      action: 'demo.budget_seeded',
      entity_type: 'database',
      after: JSON.stringify({ years, lines: lineCount, decisions, commitments: commitmentCount, payments: paymentCount }),
    });
    return { fiscalYears: years.length, fundingSources: missing.length, lines: lineCount, decisions, commitments: commitmentCount, payments: paymentCount };
  };
  return (knex as Knex.Transaction).isTransaction ? run(knex as Knex.Transaction) : knex.transaction(run);
}
