import type { Knex } from 'knex';
import { daysWorkedIn, paidCost, splitLargestRemainder } from '@cn2r/shared';

/**
 * Demo staff (docs/domain/staff-fte.md, issue « Staff and FTE »): fifteen people on the budget demo’s
 * lines, over its three fiscal years — the MIG H15 posts (the psychiatrist recruited on 1 March of
 * the first year, the psychologist at 80 %, the medical auxiliary full time), magistrates and
 * officers seconded with reimbursement, staff seconded without (in kind: armed forces, education,
 * CHU de Lille), own staff, one person whose time is split between two funders from 1 July; a
 * ceiling of ETPT per year and two in-kind contributions (premises, equipment). Allocations are
 * effective-dated per year, on that year’s personnel lines, and cover every assignment at exactly
 * 100 %. The budget demo pays those lines from these people (`demoStaffPaidCosts`): payroll for
 * the grouping’s own staff, reimbursements for staff seconded with reimbursement, nothing for
 * staff seconded without (in kind).
 * Does nothing when staff already exist or the budget demo’s lines are missing.
 */

export interface StaffDemoOptions {
  /** `YYYY-MM-DD`; the current year is its year (the budget demo’s three years end with it). */
  readonly today: string;
}

export interface StaffDemoSummary {
  readonly members: number;
  readonly assignments: number;
  readonly allocations: number;
}

type Status = 'own' | 'seconded_with_reimbursement' | 'seconded_without';
interface Split {
  /** First day (`MM-DD`) of the split within each year; the previous split runs until the day before. */
  readonly from?: string;
  readonly lines: readonly (readonly [code: string, shareBp: number])[];
}
interface Person {
  readonly name: string;
  readonly category: string;
  readonly employer: readonly [label: string, kind: 'grouping' | 'hospital' | 'ministry' | 'other'];
  readonly status: Status;
  readonly position: string;
  /** Start as an offset in years from the first demo year and `MM-DD`. */
  readonly start: readonly [yearOffset: number, monthDay: string];
  readonly quotiteBp: number;
  readonly annualCostCents: number;
  readonly migPost?: 'psychiatrist' | 'psychologist' | 'medical_auxiliary';
  readonly splits: readonly Split[];
}

const GIP = ['CN2R (GIP)', 'grouping'] as const;
const PEOPLE: readonly Person[] = [
  { name: 'Dr Hélène Marchand', category: 'medical', employer: GIP, status: 'own', position: 'Psychiatre coordinatrice', start: [0, '03-01'], quotiteBp: 10_000, annualCostCents: 12_000_000, migPost: 'psychiatrist', splits: [{ lines: [['MIG-PSYCHIATRE', 10_000]] }] },
  { name: 'Julien Roussel', category: 'psychologist', employer: GIP, status: 'own', position: 'Psychologue clinicien', start: [0, '01-01'], quotiteBp: 8_000, annualCostCents: 6_000_000, migPost: 'psychologist', splits: [{ lines: [['MIG-PSYCHOLOGUE', 10_000]] }] },
  { name: 'Sandrine Lefèvre', category: 'paramedical', employer: GIP, status: 'own', position: 'Infirmière coordinatrice', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 6_000_000, migPost: 'medical_auxiliary', splits: [{ lines: [['MIG-AUXILIAIRE', 10_000]] }] },
  { name: 'Pr Thierry Vasseur', category: 'medical', employer: ['CHU de Lille', 'hospital'], status: 'seconded_without', position: 'Directeur', start: [0, '01-01'], quotiteBp: 5_000, annualCostCents: 18_000_000, splits: [{ lines: [['DGS-PERSONNEL', 5_000], ['ESR-PERSONNEL', 5_000]] }] },
  { name: 'Claire Dumont', category: 'magistrate', employer: ['Ministère de la Justice', 'ministry'], status: 'seconded_with_reimbursement', position: 'Magistrate chargée de la formation', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 15_000_000, splits: [{ lines: [['MAD-JUSTICE', 10_000]] }] },
  { name: 'Antoine Garnier', category: 'magistrate', employer: ['Ministère de la Justice', 'ministry'], status: 'seconded_with_reimbursement', position: 'Magistrat, aide aux victimes', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 15_000_000, splits: [{ lines: [['MAD-JUSTICE', 10_000]] }] },
  { name: 'Cdt Karim Benali', category: 'other', employer: ['Ministère de l’Intérieur', 'ministry'], status: 'seconded_with_reimbursement', position: 'Officier de police, formation des forces de l’ordre', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 12_500_000, splits: [{ lines: [['MAD-INTERIEUR', 10_000]] }] },
  { name: 'Cne Laura Pichon', category: 'other', employer: ['Ministère de l’Intérieur', 'ministry'], status: 'seconded_with_reimbursement', position: 'Officière de gendarmerie', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 12_500_000, splits: [{ lines: [['MAD-INTERIEUR', 10_000]] }] },
  { name: 'MC Olivier Ferrand', category: 'medical', employer: ['Ministère des Armées', 'ministry'], status: 'seconded_without', position: 'Médecin des armées, recherche', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 14_000_000, splits: [{ lines: [['MAD-ARMEES', 10_000]] }] },
  {
    name: 'Aurélie Lambert',
    category: 'psychologist',
    employer: ['Ministère des Armées', 'ministry'],
    status: 'seconded_without',
    position: 'Psychologue des armées',
    start: [0, '01-01'],
    quotiteBp: 10_000,
    annualCostCents: 7_000_000,
    splits: [{ lines: [['MAD-ARMEES', 10_000]] }, { from: '07-01', lines: [['MAD-ARMEES', 5_000], ['ESR-PERSONNEL', 5_000]] }],
  },
  { name: 'Nadia Chevalier', category: 'administrative', employer: GIP, status: 'own', position: 'Chargée de mission formation', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 5_500_000, splits: [{ lines: [['EDU-PERSONNEL', 10_000]] }] },
  { name: 'Dr Emma Colin', category: 'researcher', employer: GIP, status: 'own', position: 'Chercheuse post-doctorante', start: [1, '10-01'], quotiteBp: 10_000, annualCostCents: 5_800_000, splits: [{ lines: [['ESR-PERSONNEL', 10_000]] }] },
  { name: 'Maxime Fabre', category: 'administrative', employer: GIP, status: 'own', position: 'Chargé de communication', start: [0, '01-01'], quotiteBp: 9_000, annualCostCents: 4_800_000, splits: [{ lines: [['DGS-PERSONNEL', 10_000]] }] },
  { name: 'Sophie Renaud', category: 'administrative', employer: GIP, status: 'own', position: 'Assistante de direction', start: [0, '01-01'], quotiteBp: 10_000, annualCostCents: 4_200_000, splits: [{ lines: [['PROPRES-PERSONNEL', 7_000], ['DGS-PERSONNEL', 3_000]] }] },
  { name: 'Marc Aubert', category: 'other', employer: ['Ministère de l’Éducation nationale', 'ministry'], status: 'seconded_without', position: 'Enseignant détaché, milieu scolaire', start: [0, '09-01'], quotiteBp: 10_000, annualCostCents: 6_500_000, splits: [{ lines: [['EDU-PERSONNEL', 10_000]] }] },
];

const dayBefore = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
};

const startOf = (p: Person, firstYear: number) => `${firstYear + p.start[0]}-${p.start[1]}`;

/** The allocations of a person within `year`, in the order they are stored (by first day). */
function allocationsOf(p: Person, year: number, firstYear: number, current: number): { from: string; to: string | null; code: string; shareBp: number }[] {
  const startOn = startOf(p, firstYear);
  const rows: { from: string; to: string | null; code: string; shareBp: number }[] = [];
  p.splits.forEach((split, i) => {
    const from = `${year}-${split.from ?? '01-01'}`;
    const next = p.splits[i + 1];
    const to = next ? dayBefore(`${year}-${next.from}`) : year === current ? null : `${year}-12-31`;
    const start = from > startOn ? from : startOn;
    if (to !== null && to < start) return;
    for (const [code, shareBp] of split.lines) rows.push({ from: start, to, code, shareBp });
  });
  return rows;
}

/** What the grouping pays for its staff on a budget line: its own staff’s pay, or the reimbursement of seconded staff. */
export type StaffPaymentKind = 'payroll' | 'seconded_reimbursement';

/**
 * What the demo staff paid by the grouping cost, per budget line code and kind of payment, from
 * 1 January of `year` to `until` inclusive (`YYYY-MM-DD` within `year`): the staff summary’s
 * computation (server/src/features/staff/staff-summary.ts) over the assignments cut at `until` —
 * `paidCost` of each assignment, split across its allocations (share × days) with the
 * largest-remainder method. Staff seconded without reimbursement cost the grouping nothing (in
 * kind) and are left out. The budget demo pays its personnel lines from these figures, so the
 * payments reconcile to the cent with the staff summary.
 */
export function demoStaffPaidCosts(today: string, year: number, until: string): Map<string, Record<StaffPaymentKind, number>> {
  const current = Number(today.slice(0, 4));
  const firstYear = current - 2;
  const byLine = new Map<string, Record<StaffPaymentKind, number>>();
  for (const p of PEOPLE) {
    if (p.status === 'seconded_without') continue;
    const kind: StaffPaymentKind = p.status === 'own' ? 'payroll' : 'seconded_reimbursement';
    const startOn = startOf(p, firstYear);
    if (startOn > until) continue;
    const cost = paidCost({ quotiteBp: p.quotiteBp, start: startOn, end: until, annualCostCents: p.annualCostCents }, year);
    const allocations = allocationsOf(p, year, firstYear, current);
    const weights = allocations.map((al) => {
      const start = al.from > startOn ? al.from : startOn;
      const end = al.to === null || al.to > until ? until : al.to;
      return start <= end ? al.shareBp * daysWorkedIn({ start, end }, year) : 0;
    });
    if (!weights.some((w) => w > 0)) continue;
    splitLargestRemainder(cost, weights).forEach((cents, i) => {
      const code = allocations[i].code;
      const line = byLine.get(code) ?? { payroll: 0, seconded_reimbursement: 0 };
      byLine.set(code, line);
      line[kind] += cents;
    });
  }
  return byLine;
}

export async function seedStaffDemo(knex: Knex, options: StaffDemoOptions): Promise<StaffDemoSummary | null> {
  const current = Number(options.today.slice(0, 4));
  const years = [current - 2, current - 1, current];
  return knex.transaction(async (trx) => {
    const [{ n }] = await trx('staff_members').count<{ n: number }[]>({ n: '*' });
    if (Number(n) > 0) return null;
    const lineRows = await trx('budget_lines as l').join('funding_sources as s', 's.id', 'l.funding_source_id').whereIn('l.year', years).select('l.id', 'l.year', 'l.code', 'l.mission_area', 'l.funding_source_id');
    const lineOf = new Map(lineRows.map((r) => [`${r.year}:${r.code}`, r]));
    const needed = PEOPLE.flatMap((p) => p.splits.flatMap((s) => s.lines.map(([code]) => code)));
    if (years.some((y) => needed.some((code) => !lineOf.has(`${y}:${code}`)))) return null;

    let assignments = 0;
    let allocations = 0;
    for (const p of PEOPLE) {
      const [{ id: memberId }] = await trx('staff_members')
        .insert({ name: p.name, category: p.category, employer_label: p.employer[0], employer_kind: p.employer[1], status: p.status })
        .returning('id');
      const startOn = startOf(p, years[0]);
      const [{ id: assignmentId }] = await trx('staff_assignments')
        .insert({ staff_member_id: memberId, position_label: p.position, start_on: startOn, end_on: null, quotite_bp: p.quotiteBp, annual_cost_cents: p.annualCostCents, mig_post: p.migPost ?? null })
        .returning('id');
      assignments++;
      const rows = years.flatMap((year) =>
        allocationsOf(p, year, years[0], current).map((al) => {
          const line = lineOf.get(`${year}:${al.code}`)!;
          return { assignment_id: assignmentId, from_on: al.from, to_on: al.to, share_bp: al.shareBp, budget_line_id: line.id, funding_source_id: line.funding_source_id, mission_area: line.mission_area };
        }),
      );
      await trx('staff_allocations').insert(rows);
      allocations += rows.length;
    }
    const existing = new Set((await trx('staff_ceilings').whereIn('year', years).select('year')).map((r) => r.year as number));
    const ceilings = years.filter((y) => !existing.has(y)).map((year) => ({ year, ceiling_etpt_bp: 110_000 }));
    if (ceilings.length > 0) await trx('staff_ceilings').insert(ceilings);
    await trx('in_kind_contributions').insert(
      years.flatMap((year) => [
        { year, label: 'Locaux du CN2R (bâtiment de l’hôpital Fontan)', contributor: 'CHU de Lille', kind: 'premises', valuation_method: '240 m² × 750 € le m² par an (valeur locative de marché)', amount_cents: 18_000_000 },
        { year, label: 'Postes informatiques et visioconférence', contributor: 'AP-HP', kind: 'equipment', valuation_method: 'Amortissement linéaire sur 4 ans de la valeur d’achat', amount_cents: 1_200_000 },
      ]),
    );
    await trx('audit_log').insert({
      actor_email: 'système (données de démonstration)',
      action: 'demo.staff_seeded',
      entity_type: 'database',
      after: JSON.stringify({ members: PEOPLE.length, assignments, allocations }),
    });
    return { members: PEOPLE.length, assignments, allocations };
  });
}
