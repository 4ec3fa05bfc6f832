import type { Knex } from 'knex';
import {
  costLeftOutLabels,
  envelopeLabels,
  executionRateBp,
  isStaffCostMasked,
  MissionArea as MissionAreaSchema,
  ENVELOPE_GROUP_KEY,
  budgetStatements,
  type BudgetExecution,
  type FundingSource,
  type StatementsYear,
  type CostPerActivity,
  type AnnualCostPerActivity as ReportCostPerActivity,
  type AnnualEnvelopeExecution,
  type Envelope,
  type FinancialNarratives,
  type FinancialReportData,
  type AnnualKeyFigure,
  type AnnualMigH15Credits,
  type AnnualMigH15Line,
  type MissionArea,
  type StaffCategory,
  formatMessage,
} from '@cn2r/shared';
import { NotFoundError } from '../../errors/http-errors.js';
import { BudgetReading, type BudgetServices } from '../budget/index.js';
import type { StatementFigures } from '../budget/receipts/receipt-service.js';
import type { StaffView } from '../budget/personnel-disclosure.js';
import { StaffRepository } from '../staff/staff-repository.js';
import type { CostPerActivityService } from '../cost-per-activity/index.js';
import { ORGANISATION } from './activity-report-service.js';
import { NetworkFigures } from './network-figures.js';
import { ReportRepository, type ValidatedValueRow } from './report-repository.js';
import { StaffFigures, addEtpt, funderEtpt } from './staff-figures.js';
import { staffCategoryLabels } from '@cn2r/shared';

const DECISION_KIND_LABEL = { initial: 'Budget initial', amending: 'Budget rectificatif', transfer: 'Virement' } as const;

/**
 * The data of the financial summary of a year: the budget's execution by envelope (BI, BRs,
 * transfers, open, AE and CP consumed, rates, left), revenue by funding source, spending by
 * mission area, staff by category and funder (ETPT paid by the grouping vs seconded, against the
 * ceiling), the MIG H15 follow-up, the GBCP budget statements (revenue collected, solde, restes à
 * payer, staff authorisations, équilibre financier), in-kind contributions, three years side by
 * side, and the cost per activity. Every amount in cents from the budget and staff services' own computations.
 */
export class FinancialReportService {
  private readonly repo = new ReportRepository();
  private readonly staffRepo = new StaffRepository();

  constructor(
    private readonly db: Knex,
    private readonly budget: BudgetServices,
    private readonly costs: CostPerActivityService,
  ) {}

  /** `validatedValues`: those of N-2…N (the cost per activity's volumes) when the caller has read them already. */
  async data(year: number, options: { generatedAt: string; narratives: FinancialNarratives; validatedValues?: Promise<ValidatedValueRow[]> }): Promise<FinancialReportData> {
    // Each execution (a year in a view) read once for the whole summary: the statements, the
    // revenue and the cost per activity share them; and they share their reference data (one reading).
    const reading = new BudgetReading();
    // `board`: personnel lines of 1 or 2 people merged (the general assembly's per-funder and per-mission tables).
    const execution = (y: number, view: StaffView = 'detail') => reading.once(`execution|${y}|${view}`, () => this.budget.execution.atYearEnd(y, view, reading));
    const [exec, exec1, exec2] = await Promise.all([execution(year), execution(year - 1), execution(year - 2)]);
    // The documents go to the general assembly: spending per funder and per mission area from the merged view.
    const [merged, merged1] = await Promise.all([execution(year, 'board'), execution(year - 1, 'board')]);
    if (!exec) throw new NotFoundError(formatMessage('reports.financial_year_not_found', { year }));
    const staffFigures = new StaffFigures(this.db);
    const [lines, deltas, decisions, sources, notifications, staffYear, staffByCategory, staffRows, inKind, staffYear1, staffYear2] = await Promise.all([
      this.budget.reference.listLines(year),
      this.repo.adoptedDeltasByKind(this.db, year),
      this.repo.adoptedDecisions(this.db, year),
      this.budget.reference.listFundingSources(),
      this.repo.notifications(this.db, [year, year - 1, year - 2]),
      staffFigures.year(year),
      staffFigures.byCategory(year),
      staffFigures.rows(year),
      this.staffRepo.listInKind(this.db, year),
      staffFigures.year(year - 1),
      staffFigures.year(year - 2),
    ]);
    const lineById = new Map(lines.map((l) => [l.id, l]));

    // ---- Execution by envelope, with the split of the open credits by kind of decision ----
    const byKind = new Map<string, { ae: number; cp: number }>();
    for (const d of deltas) {
      const envelope = lineById.get(d.lineId)?.envelope;
      if (!envelope) continue;
      const key = `${envelope}|${d.kind}`;
      const sum = byKind.get(key) ?? { ae: 0, cp: 0 };
      sum.ae += d.aeCents;
      sum.cp += d.cpCents;
      byKind.set(key, sum);
    }
    const kindOf = (envelope: string, kind: string) => byKind.get(`${envelope}|${kind}`) ?? { ae: 0, cp: 0 };
    const envelopes: AnnualEnvelopeExecution[] = exec.byEnvelope.map((g) => ({
      envelope: g.key as Envelope,
      label: g.label,
      initialAeCents: kindOf(g.key, 'initial').ae,
      initialCpCents: kindOf(g.key, 'initial').cp,
      amendingAeCents: kindOf(g.key, 'amending').ae,
      amendingCpCents: kindOf(g.key, 'amending').cp,
      transferAeCents: kindOf(g.key, 'transfer').ae,
      transferCpCents: kindOf(g.key, 'transfer').cp,
      openAeCents: g.openAeCents,
      openCpCents: g.openCpCents,
      committedCents: g.committedCents,
      paidCents: g.paidCents,
      aeRateBp: g.aeRateBp,
      cpRateBp: g.cpRateBp,
      leftAeCents: g.leftAeCents,
      leftCpCents: g.leftCpCents,
    }));

    // ---- Revenue by funding source ----
    // A source one of whose personnel lines is merged with other funders' (1 or 2 people) shows no
    // paid amount: its spending minus its other lines would give that line back.
    const paidBySource = new Map(exec.byFundingSource.map((g) => [g.key, g.paidCents]));
    const plan = await this.budget.execution.personnelDisclosure(year, reading);
    const pooledLineIds = new Set(plan.groups.filter((g) => g.key === ENVELOPE_GROUP_KEY).flatMap((g) => g.lineIds));
    const pooledSourceIds = new Set(lines.filter((l) => pooledLineIds.has(l.id)).map((l) => l.fundingSourceId));
    const cashFigures = await this.budget.receipts.statementFigures(year);
    // In-kind sources bring no revenue: their one valuation is the staff's (« Contributions en
    // nature », masked under 3 people), never a second figure here.
    const revenue = sources
      .filter((s) => !s.inKind)
      .filter((s) => notifications.has(`${s.id}|${year}`) || (paidBySource.get(s.code) ?? 0) !== 0)
      .map((s) => ({
        code: s.code,
        label: s.label,
        funder: s.funder,
        nature: s.nature,
        inKind: s.inKind,
        notifiedCents: notifications.get(`${s.id}|${year}`) ?? 0,
        collectedCents: cashFigures.collectedBySource.get(s.id) ?? 0,
        paidCents: pooledSourceIds.has(s.id) ? null : (paidBySource.get(s.code) ?? 0),
        paidMasked: pooledSourceIds.has(s.id) ? ('fewer_than_3_people' as const) : null,
        notifiedN1Cents: notifications.get(`${s.id}|${year - 1}`) ?? null,
      }));

    // ---- Spending by mission area ----
    const paidN1ByMission = new Map((merged1 ?? exec1)?.byMissionArea.map((g) => [g.key, g.paidCents]) ?? []);
    const spendingByMission = (merged ?? exec).byMissionArea.map((g) => ({
      missionArea: g.key as MissionArea | 'personnel_regroupe',
      label: g.label,
      openCpCents: g.openCpCents,
      paidCents: g.paidCents,
      paidN1Cents: exec1 ? (paidN1ByMission.get(g.key) ?? 0) : null,
    }));

    // ---- Staff: by category and funder, paid by the grouping vs seconded; never a person ----
    // The cost is what the grouping pays (own staff, seconded with reimbursement): staff seconded
    // without reimbursement are valued in kind only. The figures come from aggregate summaries, so
    // a cost over 1 or 2 people is already null there; a row whose people (paid or seconded) are
    // 1 or 2 is masked as well. The documents go to the general assembly: the same for every role.
    const { total, paidByGrouping, seconded } = staffYear;
    const MASKED = 'fewer_than_3_people' as const;
    const groupCost = (rowMasked: boolean, paid: { costCents: number | null } | undefined) => {
      const costCents = rowMasked ? null : paid ? paid.costCents : 0;
      return { costCents, costMasked: costCents === null ? MASKED : null };
    };
    const staff = {
      ceilingEtptBp: total.ceiling.ceilingEtptBp,
      paidByGroupingEtpt: paidByGrouping.totalEtpt,
      secondedEtpt: seconded.totalEtpt,
      overCeiling: total.ceiling.overCeiling,
      byCategory: staffByCategory.map((c) => ({
        category: c.category,
        key: c.category,
        label: staffCategoryLabels[c.category as StaffCategory],
        paidByGroupingEtpt: c.paidByGrouping.totalEtpt,
        secondedEtpt: c.seconded.totalEtpt,
        ...groupCost(isStaffCostMasked(c.total.headcount), { costCents: isStaffCostMasked(c.paidByGrouping.headcount) ? null : c.paidByGrouping.totalCostCents }),
      })),
      byFunder: total.byFunder.map((f) => ({
        key: f.key,
        label: f.label,
        paidByGroupingEtpt: funderEtpt(paidByGrouping, f.key),
        secondedEtpt: funderEtpt(seconded, f.key),
        ...groupCost(f.costMasked !== null, paidByGrouping.byFunder.find((p) => p.key === f.key)),
      })),
    };

    // ---- MIG H15: notified amount, funded posts vs actual ETPT, budgeted (BI) and paid per line ----
    const mig = sources.find((s) => s.nature === 'mig');
    const migLines = mig ? lines.filter((l) => l.fundingSourceId === mig.id) : [];
    const postOfLine = new Map<number, string>();
    for (const r of staffRows) if (r.migPost && r.allocation) postOfLine.set(r.allocation.budgetLineId, r.migPost);
    const paidByLine = new Map(exec.lines.map((l) => [l.lineId, l.paidCents]));
    const initialCp = new Map<number, number>();
    for (const d of deltas) if (d.kind === 'initial') initialCp.set(d.lineId, (initialCp.get(d.lineId) ?? 0) + d.cpCents);
    const migH15Lines: AnnualMigH15Line[] = [];
    // Posts held by fewer than 3 people: their spending is merged into one row (with the union of
    // their people); each post keeps its ETPT and head count.
    const peopleOfPost = new Map<string, Set<number>>();
    for (const r of staffRows) if (r.migPost) peopleOfPost.set(r.migPost, (peopleOfPost.get(r.migPost) ?? new Set()).add(r.staffMemberId));
    const smallPosts = total.migPosts.filter((p) => isStaffCostMasked(peopleOfPost.get(p.post)?.size ?? 0));
    const mergedPeople = new Set(smallPosts.flatMap((p) => [...(peopleOfPost.get(p.post) ?? [])]));
    let mergedSpent = 0;
    for (const post of total.migPosts) {
      const postLines = migLines.filter((l) => postOfLine.get(l.id) === post.post);
      const spent = postLines.reduce((s, l) => s + (paidByLine.get(l.id) ?? 0), 0);
      const small = smallPosts.includes(post);
      if (small) mergedSpent += spent;
      migH15Lines.push({
        key: post.post,
        label: post.label,
        fundedEtp: post.fundedEtp,
        actualEtpt: post.etpt,
        headcount: peopleOfPost.get(post.post)?.size ?? 0,
        fundedCents: postLines.reduce((s, l) => s + (initialCp.get(l.id) ?? 0), 0),
        spentCents: small ? null : spent,
        spentMasked: small ? MASKED : null,
      });
    }
    // Merged posts of fewer than 3 people in all: their spending is withheld too (the MIG total minus operating costs would give it back).
    const mergedWithheld = smallPosts.length > 0 && isStaffCostMasked(mergedPeople.size);
    if (smallPosts.length > 0) {
      migH15Lines.push({
        key: 'personnel',
        label: `Dépenses de personnel des postes regroupés (${smallPosts.length} postes, ${mergedPeople.size} personnes)`,
        fundedEtp: null,
        actualEtpt: null,
        headcount: mergedPeople.size,
        fundedCents: 0,
        spentCents: mergedWithheld ? null : mergedSpent,
        spentMasked: mergedWithheld ? MASKED : null,
      });
    }
    const operating = migLines.filter((l) => l.envelope !== 'personnel');
    migH15Lines.push({
      key: 'operating',
      label: 'Frais de fonctionnement',
      fundedEtp: null,
      actualEtpt: null,
      headcount: null,
      fundedCents: operating.reduce((s, l) => s + (initialCp.get(l.id) ?? 0), 0),
      spentCents: mergedWithheld ? null : operating.reduce((s, l) => s + (paidByLine.get(l.id) ?? 0), 0),
      spentMasked: mergedWithheld ? MASKED : null,
    });

    // The MIG's credits line by line: initial, open after BR and transfers, committed, paid, restes à payer.
    const execByLine = new Map(exec.lines.map((l) => [l.lineId, l]));
    const movedCp = new Map<number, number>();
    for (const d of deltas) if (d.kind === 'transfer') movedCp.set(d.lineId, (movedCp.get(d.lineId) ?? 0) + d.cpCents);
    const creditsOf = (key: AnnualMigH15Credits['key'], label: string, ofLines: readonly { id: number }[], masked: boolean): AnnualMigH15Credits => {
      const sum = (f: (id: number) => number) => ofLines.reduce((t, l) => t + f(l.id), 0);
      const committed = sum((id) => execByLine.get(id)?.committedCents ?? 0);
      return {
        key,
        label,
        initialCents: sum((id) => initialCp.get(id) ?? 0),
        openCents: sum((id) => execByLine.get(id)?.openCpCents ?? 0),
        movedCents: sum((id) => movedCp.get(id) ?? 0),
        committedCents: masked ? null : committed,
        paidCents: masked ? null : sum((id) => execByLine.get(id)?.paidCents ?? 0),
        remainingToPayCents: masked ? null : committed - sum((id) => cashFigures.paidOnCommitmentsByLine.get(id) ?? 0),
        masked,
      };
    };
    const linesOfPost = (post: string) => migLines.filter((l) => postOfLine.get(l.id) === post);
    const migCredits: AnnualMigH15Credits[] = [
      ...total.migPosts.map((post) => creditsOf(post.post, post.label, linesOfPost(post.post), smallPosts.includes(post))),
      ...(smallPosts.length > 0
        ? [creditsOf('personnel', `Postes regroupés (${smallPosts.length} postes, ${mergedPeople.size} personnes)`, smallPosts.flatMap((p) => linesOfPost(p.post)), mergedWithheld)]
        : []),
      creditsOf('operating', 'Frais de fonctionnement', operating, mergedWithheld),
    ];
    // The merged row repeats the small posts' open credits: shown once, on their own rows.
    const mergedRow = migCredits.find((c) => c.key === 'personnel');
    if (mergedRow) Object.assign(mergedRow, { initialCents: 0, openCents: 0, movedCents: 0 });

    // ---- In kind ----
    const inKindSection = {
      seconded: total.secondedInKind.map((s) => ({ employerLabel: s.employerLabel, employerKind: s.employerKind, etpt: s.etpt, valueCents: s.valueCents, valueMasked: s.valueMasked })),
      other: inKind.map((c) => ({ kind: c.kind, label: c.label, provider: c.contributor, valueCents: c.amountCents })),
    };

    // ---- Three years ----
    // Cash resources only: an in-kind source's notification is a valuation, not money to spend.
    const notifiedTotal = (y: number) => sources.filter((src) => !src.inKind).reduce((s, src) => s + (notifications.get(`${src.id}|${y}`) ?? 0), 0);
    const execs = [exec, exec1, exec2] as const;
    const pick = (f: (e: BudgetExecution) => number | null) => ({ n: f(exec), n1: exec1 ? f(exec1) : null, n2: exec2 ? f(exec2) : null });
    const staffYears = [staffYear, staffYear1, staffYear2];
    const etptNumber = (e: { num: number; den: number }) => Math.round((e.num / e.den) * 100) / 100;
    const threeYears: AnnualKeyFigure[] = [
      { code: 'NOTIFIED', label: 'Ressources notifiées (hors contributions en nature)', kind: 'euros', n: notifiedTotal(year), n1: exec1 ? notifiedTotal(year - 1) : null, n2: exec2 ? notifiedTotal(year - 2) : null },
      { code: 'OPEN_AE', label: 'Autorisations d’engagement ouvertes', kind: 'euros', ...pick((e) => e.total.openAeCents) },
      { code: 'OPEN_CP', label: 'Crédits de paiement ouverts', kind: 'euros', ...pick((e) => e.total.openCpCents) },
      { code: 'COMMITTED', label: 'Engagements (AE consommées)', kind: 'euros', ...pick((e) => e.total.committedCents) },
      { code: 'PAID', label: 'Paiements (CP consommés)', kind: 'euros', ...pick((e) => e.total.paidCents) },
      { code: 'CP_RATE', label: 'Taux d’exécution des CP', kind: 'percent', ...pick((e) => e.total.cpRateBp) },
      { code: 'ETPT_PAID', label: 'ETPT rémunérés par le GIP', kind: 'etpt', n: etptNumber(staffYears[0].paidByGrouping.totalEtpt), n1: exec1 ? etptNumber(staffYears[1].paidByGrouping.totalEtpt) : null, n2: exec2 ? etptNumber(staffYears[2].paidByGrouping.totalEtpt) : null },
      { code: 'ETPT_SECONDED', label: 'ETPT mis à disposition', kind: 'etpt', n: etptNumber(staffYears[0].seconded.totalEtpt), n1: exec1 ? etptNumber(staffYears[1].seconded.totalEtpt) : null, n2: exec2 ? etptNumber(staffYears[2].seconded.totalEtpt) : null },
    ];
    void execs;

    const migNotified = mig ? (notifications.get(`${mig.id}|${year}`) ?? 0) : 0;
    // The MIG H15's spending of N, N-1 and N-2, one definition: the CP paid on the lines the MIG
    // funds that year (for N, the total of the MIG table's lines), against that year's notified amount.
    const migSpentOf = (e: BudgetExecution | null) => (e && mig ? (e.byFundingSource.find((g) => g.key === mig.code)?.paidCents ?? 0) : null);
    const migSpent = migSpentOf(exec) ?? 0;
    const migRateOf = (e: BudgetExecution | null, y: number) => (e && mig ? executionRateBp(migSpentOf(e)!, notifications.get(`${mig.id}|${y}`) ?? 0) : null);
    // In kind: the definition of year N (with or without the seconded staff, masked under 3 people)
    // for every year; a year whose seconded staff are masked while N's are not has no figure.
    const withSeconded = total.secondedInKindTotalCents !== null;
    const inKindOf = (e: BudgetExecution | null, s: typeof staffYear) => {
      if (!e) return null;
      if (!withSeconded) return s.total.otherInKindTotalCents;
      return s.total.secondedInKindTotalCents === null ? null : s.total.secondedInKindTotalCents + s.total.otherInKindTotalCents;
    };
    const keyFigures: AnnualKeyFigure[] = [
      threeYears[0],
      threeYears[4],
      threeYears[5],
      { code: 'MIG_H15_SPENT', label: 'MIG H15 : dépenses de l’année', kind: 'euros', n: migSpent, n1: migSpentOf(exec1), n2: migSpentOf(exec2) },
      { code: 'MIG_H15_RATE', label: 'MIG H15 : taux d’utilisation', kind: 'percent', n: executionRateBp(migSpent, migNotified), n1: migRateOf(exec1, year - 1), n2: migRateOf(exec2, year - 2) },
      // Seconded staff of 1 or 2 people: their value stays out of the key figure, which says so.
      {
        code: 'IN_KIND',
        label: withSeconded ? 'Contributions en nature (valorisation)' : 'Contributions en nature hors personnels mis à disposition (valorisation)',
        kind: 'euros',
        n: inKindOf(exec, staffYear),
        n1: inKindOf(exec1, staffYear1),
        n2: inKindOf(exec2, staffYear2),
      },
      threeYears[6],
    ];
    // A year the summary promises but cannot show says why.
    const missingYears = [
      { year: year - 1, e: exec1 },
      { year: year - 2, e: exec2 },
    ]
      .filter((y) => y.e === null)
      .map((y) => ({ year: y.year, reason: 'exercice non ouvert dans l’outil' }));

    return {
      year,
      generatedAt: options.generatedAt,
      organisation: ORGANISATION,
      narratives: options.narratives,
      keyFigures,
      execution: {
        envelopes,
        decisions: decisions.map((d) => ({
          kind: d.kind,
          label: `${DECISION_KIND_LABEL[d.kind]} (${d.code})${d.reference ? ` — ${d.reference}` : ''}`,
          adoptedOn: d.adoptedOn,
        })),
      },
      revenue,
      spendingByMission,
      staff,
      migH15: { notifiedCents: migNotified, lines: migH15Lines, credits: migCredits },
      statements: await this.statements(year, exec, exec1, sources, notifications, staffYear, cashFigures),
      inKind: inKindSection,
      threeYears,
      costPerActivity: await this.costPerActivity(year, (y) => execution(y, 'board'), options.validatedValues),
      missingYears,
    };
  }

  /**
   * The GBCP statements of N with N-1 (`budgetStatements`): the execution's consumption by
   * envelope, the cash collected per source, the CP paid on commitments, the opening cash; the
   * staff authorisations from the staff figures (under the ceiling: paid by the grouping, seconded
   * with reimbursement included; outside: seconded without reimbursement).
   */
  private async statements(
    year: number,
    exec: BudgetExecution,
    exec1: BudgetExecution | null,
    sources: FundingSource[],
    notifications: Map<string, number>,
    staffYear: Awaited<ReturnType<StaffFigures['year']>>,
    figuresN: StatementFigures,
  ) {
    const figuresN1 = exec1 ? await this.budget.receipts.statementFigures(year - 1) : null;
    const yearOf = (y: number, e: BudgetExecution, figures: StatementFigures): StatementsYear => ({
      year: y,
      envelopes: e.byEnvelope.map((g) => ({
        envelope: g.key as Envelope,
        label: g.label,
        committedCents: g.committedCents,
        paidCents: g.paidCents,
        paidOnCommitmentsCents: figures.paidOnCommitmentsByEnvelope.get(g.key) ?? 0,
      })),
      revenue: sources
        .filter((s) => notifications.has(`${s.id}|${y}`) || figures.collectedBySource.has(s.id))
        .map((s) => ({ nature: s.nature, inKind: s.inKind, notifiedCents: notifications.get(`${s.id}|${y}`) ?? 0, collectedCents: figures.collectedBySource.get(s.id) ?? 0 })),
      openingCashCents: figures.openingCashCents,
    });
    const n = yearOf(year, exec, figuresN);
    const n1 = exec1 && figuresN1 ? yearOf(year - 1, exec1, figuresN1) : null;
    const mig = sources.find((s) => s.nature === 'mig');
    const migPaidOnCommitments = mig ? (figuresN.paidOnCommitmentsBySource.get(mig.id) ?? 0) : 0;
    const migGroup = mig ? exec.byFundingSource.find((g) => g.key === mig.code) : undefined;
    const { paidByGrouping, seconded, total } = staffYear;
    return budgetStatements({
      n,
      n1,
      mig: mig ? { committedCents: migGroup?.committedCents ?? 0, paidOnCommitmentsCents: migPaidOnCommitments } : null,
      employment: {
        ceilingEtptBp: total.ceiling.ceilingEtptBp,
        underCeilingEtpt: paidByGrouping.totalEtpt,
        underCeilingHeadcount: paidByGrouping.headcount,
        outsideCeilingEtpt: seconded.totalEtpt,
        outsideCeilingHeadcount: seconded.headcount,
        overCeiling: total.ceiling.overCeiling,
      },
    });
  }

  /**
   * The cost per activity of N, N-1 and N-2, one row per destination, as the dashboard computes it
   * (CostPerActivityService): a destination's spending divided by its own unit of work; the
   * spending left out (support functions, no validated volume) in its own row with the reason.
   */
  private async costPerActivity(
    year: number,
    boardExecution: (year: number) => Promise<BudgetExecution | null>,
    validatedValues?: Promise<ValidatedValueRow[]>,
  ): Promise<ReportCostPerActivity[]> {
    const figures = await NetworkFigures.load(this.db, year, year - 2, validatedValues);
    // The general assembly's view: a destination holding part of a personnel group of fewer than 3 people is withheld.
    const [n, n1, n2] = await Promise.all([year, year - 1, year - 2].map((y) => this.costs.forYear(y, figures, 'board', boardExecution(y))));
    const row = (c: CostPerActivity | null, area: CostPerActivity['byMissionArea'][number]['missionArea']) => c?.byMissionArea.find((r) => r.missionArea === area) ?? null;
    // The destinations, then the merged personnel's left-out row when a year has one (the board's view).
    const areas = [...MissionAreaSchema.options, ...([n, n1, n2].some((c) => c?.byMissionArea.some((r) => r.missionArea === 'personnel_regroupe')) ? (['personnel_regroupe'] as const) : [])];
    return areas.map((area): ReportCostPerActivity => {
      const [r, r1, r2] = [row(n, area), row(n1, area), row(n2, area)];
      const any = r ?? r1 ?? r2;
      const output = any?.output ?? null;
      const volume = (x: typeof r) => (x && x.volume !== null ? Math.round(x.volume) : null);
      return {
        code: area,
        label: any?.label ?? area,
        activityLabel: output ? output.label : area === 'personnel_regroupe' ? `Personnel regroupé : ${costLeftOutLabels.merged_personnel}` : `Aucune réalisation mesurée : ${costLeftOutLabels.no_measured_output}`,
        costCents: { n: r?.spentCents ?? null, n1: r1?.spentCents ?? null, n2: r2?.spentCents ?? null },
        volume: { n: volume(r), n1: volume(r1), n2: volume(r2) },
        unitCostCents: { n: r?.centsPerUnit ?? null, n1: r1?.centsPerUnit ?? null, n2: r2?.centsPerUnit ?? null },
        leftOut: { n: r?.leftOut ?? null, n1: r1?.leftOut ?? null, n2: r2?.leftOut ?? null },
      };
    });
  }
}

export { envelopeLabels };
