import type { Knex } from 'knex';
import { mulDivRound } from '@cn2r/shared';
import { demoStaffPaidCosts, type StaffPaymentKind } from './staff-demo.js';

/**
 * Demo budget (docs/domain/budget-gbcp.md): three fiscal years (the two before `today`'s, closed, and
 * the current one, open), the MIG H15 lines (psychiatrist 120 000 €, psychologist 60 000 €,
 * medical auxiliary 60 000 €, operating 40 000 €), the ministries' contributions (about 1,2 M€,
 * mostly seconded staff), own resources; each year a BI, one BR and one transfer (from personnel
 * to operating), commitments and monthly payments up to the last full month, and the receipts of
 * the cash sources (recettes encaissées) up to `today`.
 *
 * Personnel lines are paid from the staff demo (staff-demo.ts, `demoStaffPaidCosts`): each line’s
 * yearly commitment is the year’s cost of the staff paid by the grouping allocated to it (payroll
 * for its own staff, reimbursement for staff seconded with reimbursement), and each month pays the
 * cost of that month (cumulative cost at its last day minus the previous one), so the payments of
 * the months elapsed equal, to the cent, the staff summary’s cost of those people on the line.
 * Staff seconded without reimbursement are in kind: no credits, no payment, and no notified amount
 * for their in-kind source (MIN-ARMEES), whose valuation is derived from the staff records (the
 * employer's cost of the people seconded to it, 210 000 € a year in the demo). The MIG H15 lines keep
 * their notified amounts; the other personnel lines are voted at their staff cost rounded up to
 * the next thousand euros.
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
  readonly receipts: number;
}

const SOURCES = [
  { code: 'MIG-H15', label: 'MIG H15 — psychotraumatisme', funder: 'DGOS (versée par le CHU de Lille)', nature: 'mig', in_kind: false, cents: 28_000_000, reference: 'Circulaire budgétaire DGOS — MIG H15' },
  { code: 'MIN-JUSTICE', label: 'Ministère de la Justice — magistrats mis à disposition contre remboursement', funder: 'Ministère de la Justice', nature: 'seconded_staff', in_kind: false, cents: 30_000_000, reference: 'Convention de mise à disposition' },
  { code: 'MIN-INTERIEUR', label: 'Ministère de l’Intérieur — officiers mis à disposition contre remboursement', funder: 'Ministère de l’Intérieur', nature: 'seconded_staff', in_kind: false, cents: 25_000_000, reference: 'Convention de mise à disposition' },
  // In kind (without reimbursement): no notified amount; its valuation is the staff records' (staff-demo.ts).
  { code: 'MIN-ARMEES', label: 'Ministère des Armées — médecin et psychologue mis à disposition', funder: 'Ministère des Armées (SSA)', nature: 'seconded_staff', in_kind: true, cents: 0, reference: 'Convention de mise à disposition' },
  { code: 'MIN-EDUCATION', label: 'Ministère de l’Éducation nationale — contribution', funder: 'Ministère de l’Éducation nationale', nature: 'financial_contribution', in_kind: false, cents: 15_000_000, reference: 'Convention constitutive, art. 12' },
  { code: 'MIN-ESR', label: 'Ministère de l’Enseignement supérieur et de la Recherche — subvention', funder: 'MESR', nature: 'subsidy', in_kind: false, cents: 20_000_000, reference: 'Arrêté attributif de subvention' },
  { code: 'MIN-SANTE-DGS', label: 'Ministère de la Santé (DGS) — subvention', funder: 'Direction générale de la santé', nature: 'subsidy', in_kind: false, cents: 4_000_000, reference: 'Convention DGS' },
  { code: 'PROPRES', label: 'Ressources propres (formations, colloque)', funder: 'CN2R', nature: 'own', in_kind: false, cents: 2_500_000, reference: null },
] as const;

type SourceCode = (typeof SOURCES)[number]['code'];

interface LineSpec {
  code: string;
  label: string;
  envelope: 'personnel' | 'fonctionnement' | 'investissement' | 'intervention';
  missionArea: 'information' | 'outils_bonnes_pratiques' | 'formation' | 'recherche' | 'animation_reseau' | 'support';
  source: SourceCode;
  /** BI: AE and CP in cents; `staff`: the year’s cost of the staff paid on the line, rounded up to the thousand euros (personnel, AE = CP). */
  ae: number | 'staff';
  cp: number | 'staff';
  /** Other lines: commitments (month 1–12, third party, object, share of AE in bp, share paid in bp). */
  orders?: readonly { month: number; thirdParty: string; object: string; shareBp: number; paidBp: number }[];
}

const LINES: readonly LineSpec[] = [
  { code: 'MIG-PSYCHIATRE', label: 'Psychiatre (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'animation_reseau', source: 'MIG-H15', ae: 12_000_000, cp: 12_000_000 },
  { code: 'MIG-PSYCHOLOGUE', label: 'Psychologue clinicien (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'outils_bonnes_pratiques', source: 'MIG-H15', ae: 6_000_000, cp: 6_000_000 },
  { code: 'MIG-AUXILIAIRE', label: 'Auxiliaire médical (1 ETP, MIG H15)', envelope: 'personnel', missionArea: 'information', source: 'MIG-H15', ae: 6_000_000, cp: 6_000_000 },
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
  { code: 'MAD-JUSTICE', label: 'Magistrats mis à disposition contre remboursement (Justice, 2)', envelope: 'personnel', missionArea: 'formation', source: 'MIN-JUSTICE', ae: 'staff', cp: 'staff' },
  { code: 'MAD-INTERIEUR', label: 'Officiers mis à disposition contre remboursement (Intérieur, 2)', envelope: 'personnel', missionArea: 'formation', source: 'MIN-INTERIEUR', ae: 'staff', cp: 'staff' },
  { code: 'MAD-ARMEES', label: 'Médecin et psychologue des armées mis à disposition sans remboursement (en nature, sans crédits)', envelope: 'personnel', missionArea: 'recherche', source: 'MIN-ARMEES', ae: 'staff', cp: 'staff' },
  { code: 'EDU-PERSONNEL', label: 'Personnel de la formation des personnels de l’Éducation nationale', envelope: 'personnel', missionArea: 'formation', source: 'MIN-EDUCATION', ae: 'staff', cp: 'staff' },
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
  { code: 'ESR-PERSONNEL', label: 'Personnel de recherche (post-doctorat, temps de recherche)', envelope: 'personnel', missionArea: 'recherche', source: 'MIN-ESR', ae: 'staff', cp: 'staff' },
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
  { code: 'DGS-PERSONNEL', label: 'Personnel de l’information et de la communication', envelope: 'personnel', missionArea: 'information', source: 'MIN-SANTE-DGS', ae: 'staff', cp: 'staff' },
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
  { code: 'PROPRES-PERSONNEL', label: 'Personnel de l’organisation du colloque', envelope: 'personnel', missionArea: 'animation_reseau', source: 'PROPRES', ae: 'staff', cp: 'staff' },
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
/**
 * The transfer of each year, from personnel credits left unspent to operating costs: the first
 * year, the psychiatrist’s pay (recruited on 1 March); the next ones, the psychologist’s (at 80 %,
 * paid 6/7 of the 60 000 €).
 */
const transferOf = (year: number, firstYear: number) =>
  year === firstYear
    ? { from: 'MIG-PSYCHIATRE', to: 'MIG-FONCTIONNEMENT', cents: 800_000, rationale: 'Recrutement du psychiatre au 1er mars : crédits de personnel non consommés vers le fonctionnement' }
    : { from: 'MIG-PSYCHOLOGUE', to: 'MIG-FONCTIONNEMENT', cents: 800_000, rationale: 'Psychologue à 80 % (rémunéré aux 6/7) : crédits de personnel non consommés vers le fonctionnement' };

/** The cash position on 1 January of the first demo year. */
const OPENING_CASH_CENTS = 31_500_000;

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
    // Notified amounts of the cash sources; an in-kind source has none (valued from the staff records).
    await trx('funding_notifications').insert(
      years.flatMap((year) =>
        SOURCES.filter((s) => !s.in_kind).map((s) => ({ funding_source_id: known.get(s.code), year, amount_cents: s.cents, reference: s.reference ? `${s.reference} ${year}` : null })),
      ),
    );

    // Receipts (recettes encaissées) of the cash sources, up to `today`: the MIG H15 in two halves
    // (April and October), own resources each quarter, the other contributions at the end of June;
    // in the first year, a receipt recorded twice and reversed.
    const receipts = years.flatMap((year) =>
      SOURCES.filter((s) => !s.in_kind).flatMap((s) => {
        const schedule: { month: number; shareBp: number }[] =
          s.code === 'MIG-H15' ? [{ month: 4, shareBp: 5_000 }, { month: 10, shareBp: 5_000 }] : s.nature === 'own' ? [3, 6, 9, 12].map((month) => ({ month, shareBp: 2_500 })) : [{ month: 6, shareBp: 10_000 }];
        let left = s.cents;
        return schedule.flatMap(({ month, shareBp }, i) => {
          const amount = i === schedule.length - 1 ? left : mulDivRound(s.cents, shareBp, 10_000);
          left -= amount;
          const receivedOn = `${year}-${pad(month)}-${month === 6 ? 30 : 15}`;
          if (receivedOn > options.today || amount === 0) return [];
          return [{ funding_source_id: known.get(s.code), year, received_on: receivedOn, reference: `TR-${year}-${s.code}-${i + 1}`, amount_cents: amount }];
        });
      }),
    );
    const doubled = { funding_source_id: known.get('PROPRES'), year: years[0], received_on: `${years[0]}-03-20`, reference: `TR-${years[0]}-PROPRES-DOUBLON`, amount_cents: 625_000 };
    if (receipts.length > 0) await trx('funding_receipts').insert(receipts);
    const [{ id: doubledId }] = await trx('funding_receipts').insert(doubled).returning('id');
    await trx('funding_receipts').insert({ ...doubled, received_on: `${years[0]}-03-27`, amount_cents: -625_000, reverses_id: doubledId, reason: 'Titre de recette émis deux fois : annulation du second' });

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

      // The staff paid on personnel lines: cumulative cost at the last day of each month.
      const cumulative = Array.from({ length: 13 }, (_, m) => (m === 0 ? new Map<string, Record<StaffPaymentKind, number>>() : demoStaffPaidCosts(options.today, year, `${year}-${pad(m)}-${pad(lastDay(year, m))}`)));
      const staffCost = (code: string, kind: StaffPaymentKind, month: number) => cumulative[month].get(code)?.[kind] ?? 0;
      const yearlyStaff = (code: string) => staffCost(code, 'payroll', 12) + staffCost(code, 'seconded_reimbursement', 12);
      const bi = (l: LineSpec, amount: number | 'staff') => (amount === 'staff' ? Math.ceil(yearlyStaff(l.code) / 100_000) * 100_000 : amount);
      const transfer = transferOf(year, years[0]);

      // A BI or a BR names the general assembly's deliberation that adopted it, and takes its date
      // and number, when the governance demo recorded it (seeded first by the full demo).
      const decide = async (kind: string, code: string, decidedOn: string, reference: string, rationale: string, entries: { line: string; ae: number; cp: number }[], deliberationTitle?: string) => {
        const deliberation = deliberationTitle ? await trx('governance_deliberations').where({ title: deliberationTitle }).first('id', 'number', 'adopted_on') : undefined;
        const decided = deliberation ? String(deliberation.adopted_on instanceof Date ? deliberation.adopted_on.toISOString() : deliberation.adopted_on).slice(0, 10) : decidedOn;
        const [{ id }] = await trx('budget_decisions')
          .insert({ year, kind, code, decided_on: decided, reference: deliberation ? `Délibération de l’AG n° ${deliberation.number}` : reference, rationale })
          .returning('id');
        await trx('budget_decision_entries').insert(entries.map((e) => ({ decision_id: id, line_id: lineId.get(e.line), ae_delta_cents: e.ae, cp_delta_cents: e.cp })));
        await trx('budget_decisions').where({ id }).update({ status: 'adopted', adopted_at: `${decided}T18:00:00Z`, deliberation_id: deliberation?.id ?? null });
        decisions++;
      };
      await decide('initial', 'BI', `${year - 1}-11-28`, `Délibération de l’AG n° ${year - 1}-07`, `Budget initial ${year}`, LINES.map((l) => ({ line: l.code, ae: bi(l, l.ae), cp: bi(l, l.cp) })).filter((e) => e.ae !== 0 || e.cp !== 0), `Budget initial de l’exercice ${year}`);
      await decide('amending', 'BR1', `${year}-06-20`, `Délibération de l’AG n° ${year}-03`, 'Supplément de subvention du MESR pour une allocation de master', [
        { line: BR.line, ae: BR.ae, cp: BR.cp },
      ], `Budget rectificatif n° 1 de l’exercice ${year}`);
      await decide('transfer', 'VIR1', `${year}-04-15`, `Décision du directeur n° ${year}-11`, transfer.rationale, [
        { line: transfer.from, ae: -transfer.cents, cp: -transfer.cents },
        { line: transfer.to, ae: transfer.cents, cp: transfer.cents },
      ]);

      const moved = (l: LineSpec) => (l.code === transfer.from ? -transfer.cents : 0) + (l.code === transfer.to ? transfer.cents : 0);
      const open = (l: LineSpec) => ({
        ae: bi(l, l.ae) + (l.code === BR.line ? BR.ae : 0) + moved(l),
        cp: bi(l, l.cp) + (l.code === BR.line ? BR.cp : 0) + moved(l),
      });
      const commitments: Record<string, unknown>[] = [];
      const payments: ({ commitmentRef: string } & Record<string, unknown>)[] = [];
      for (const l of LINES) {
        const credits = open(l);
        const id = lineId.get(l.code)!;
        if (l.envelope === 'personnel') {
          for (const kind of ['payroll', 'seconded_reimbursement'] as const) {
            // One yearly commitment (the contracts or the convention): the year's cost of the staff
            // paid on the line; each month pays that month's cost.
            const yearly = staffCost(l.code, kind, 12);
            if (yearly === 0) continue;
            const commitmentRef = `CT-${year}-${l.code}`;
            commitments.push({ line_id: id, committed_on: `${year}-01-02`, third_party: kind === 'payroll' ? 'Paie du GIP' : SOURCES.find((s) => s.code === l.source)!.funder, object: l.label, reference: commitmentRef, amount_cents: yearly });
            for (let m = 1; m <= months; m++) {
              const amount = staffCost(l.code, kind, m) - staffCost(l.code, kind, m - 1);
              if (amount === 0) continue;
              payments.push({ line_id: id, paid_on: `${year}-${pad(m)}-${pad(Math.min(27, lastDay(year, m)))}`, commitmentRef, kind, reference: `${kind === 'payroll' ? 'PAIE' : 'MAD'}-${year}-${pad(m)}`, amount_cents: amount });
            }
          }
        }
        for (const [i, order] of (l.orders ?? []).entries()) {
          if (order.month > Math.max(months, 1) && year === current) continue;
          const amount = mulDivRound(credits.ae, order.shareBp, 10_000);
          const commitmentRef = `BC-${year}-${l.code}-${i + 1}`;
          commitments.push({ line_id: id, committed_on: `${year}-${pad(order.month)}-05`, third_party: order.thirdParty, object: order.object, reference: commitmentRef, amount_cents: amount });
          // Paid a month later, within the year; the current year pays only what is due by now.
          const paidMonth = Math.min(12, order.month + 1);
          if (year === current && paidMonth > months) continue;
          const paid = Math.min(mulDivRound(amount, order.paidBp, 10_000), credits.cp);
          if (paid > 0) payments.push({ line_id: id, paid_on: `${year}-${pad(paidMonth)}-15`, commitmentRef, kind: 'invoice', reference: `F-${year}-${l.code}-${i + 1}`, amount_cents: paid });
        }
      }
      // The year's commitments in one statement (in this order), then their payments.
      const committed = commitments.length > 0 ? await trx('commitments').insert(commitments).returning(['id', 'reference']) : [];
      commitmentCount += committed.length;
      const commitmentId = new Map(committed.map((c) => [c.reference as string, c.id as number]));
      if (payments.length > 0) await trx('payments').insert(payments.map(({ commitmentRef, ...p }) => ({ ...p, commitment_id: commitmentId.get(commitmentRef)! })));
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

    // The cash position on 1 January: a starting position the first year, then each year's closing
    // position (opening + receipts − payments: the solde budgétaire finances itself from cash).
    let opening = OPENING_CASH_CENTS;
    for (const year of years) {
      await trx('fiscal_year_cash').insert({ year, opening_cash_cents: opening, reference: year === years[0] ? `Compte financier ${year - 1}` : `Trésorerie de clôture ${year - 1}` });
      const [{ cents: collected }] = await trx('funding_receipts').where({ year }).sum({ cents: 'amount_cents' });
      const [{ cents: paid }] = await trx('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where('l.year', year).sum({ cents: 'p.amount_cents' });
      opening += Number(collected ?? 0) - Number(paid ?? 0);
    }

    await trx('fiscal_years').whereIn('year', years.slice(0, 2)).update({ status: 'closed' });
    await trx('audit_log').insert({
      actor_email: 'système (données de démonstration)',
      action: 'demo.budget_seeded',
      entity_type: 'database',
      after: JSON.stringify({ years, lines: lineCount, decisions, commitments: commitmentCount, payments: paymentCount, receipts: receipts.length + 2 }),
    });
    return { fiscalYears: years.length, fundingSources: missing.length, lines: lineCount, decisions, commitments: commitmentCount, payments: paymentCount, receipts: receipts.length + 2 };
  };
  return (knex as Knex.Transaction).isTransaction ? run(knex as Knex.Transaction) : knex.transaction(run);
}
