import {
  expectedResultLabels,
  type ActivityReportData,
  type AnnualNetworkIndicator,
  type AnnualReportUnit,
  type Etpt,
  type FinancialReportData,
} from '@cn2r/shared';

/**
 * Realistic data for the annual reports of 2026: the ten CRP and the CN2R, plausible
 * yearly ranges, the MIG H15 lines (120 000 / 60 000 / 60 000 / 40 000 €) and the worked
 * example of docs/domain/money.md. Deterministic: the same options give the same data. `units` above ten adds generated
 * CRP, for the benchmarks at scale (200 units).
 */

export interface AnnualFixtureOptions {
  /** Number of CRP (10 by default, the CN2R comes on top). */
  readonly units?: number;
  /** Indicators reported besides the demo catalogue's thirteen (benchmarks widen the tables). */
  readonly extraIndicators?: number;
  readonly seed?: number;
}

export const FIXTURE_YEAR = 2026;
export const FIXTURE_GENERATED_AT = '2027-03-15T09:30:00.000Z';

const DEMO_UNITS: readonly [string, string, string][] = [
  ['CRP-BFC', 'CRP Bourgogne-Franche-Comté', 'Bourgogne-Franche-Comté'],
  ['CRP-CVL', 'CRP Centre-Val de Loire', 'Centre-Val de Loire'],
  ['CRP-GE', 'CRP Grand Est', 'Grand Est'],
  ['CRP-HDF', 'CRP Hauts-de-France', 'Hauts-de-France'],
  ['CRP-ARA', 'CRP Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes'],
  ['CRP-APHP-CS', 'CRP AP-HP Centre-Sud', 'Île-de-France'],
  ['CRP-APHP-PN', 'CRP AP-HP Paris Nord', 'Île-de-France'],
  ['CRP-MQ', 'CRP Martinique', 'Martinique'],
  ['CRP-OCC', 'CRP Occitanie', 'Occitanie'],
  ['CRP-PACA', 'CRP Provence-Alpes-Côte d’Azur', 'Provence-Alpes-Côte d’Azur'],
];

/** mulberry32: the same seed, the same sequence. */
function random(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    return min + Math.floor(r * (max - min + 1));
  };
}

const etpt = (num: number, den: number, display: string): Etpt => ({ num, den, display });
const etptOf = (num: number, den: number): Etpt => {
  const value = Math.round((num / den) * 100) / 100;
  return { num, den, display: value.toFixed(2).replace('.', ',') };
};

export function fixtureUnits(count = 10): AnnualReportUnit[] {
  const units: AnnualReportUnit[] = [];
  for (let i = 0; i < count; i++) {
    const demo = DEMO_UNITS[i];
    units.push({
      code: demo ? demo[0] : `CRP-${String(i + 1).padStart(3, '0')}`,
      name: demo ? demo[1] : `CRP de démonstration n° ${i + 1}`,
      region: demo ? demo[2] : null,
      kind: 'crp',
      openedOn: i < 10 ? '2019-01-01' : '2026-07-01',
      closedOn: null,
    });
  }
  units.push({ code: 'CN2R', name: 'CN2R', region: 'Hauts-de-France', kind: 'cn2r', openedOn: '2019-01-01', closedOn: null });
  return units;
}

const change = (n: number | null, n1: number | null) => (n === null || n1 === null || n1 === 0 ? null : Math.round(((n - n1) / n1) * 10_000));

interface IndicatorShape {
  code: string;
  label: string;
  unitOfMeasure: string;
  valueType: AnnualNetworkIndicator['valueType'];
  domain: string;
  unitAggregation: AnnualNetworkIndicator['unitAggregation'];
  range: [number, number];
  dimension?: { code: string; label: string; sensitive: boolean; options: [string, string, number][] };
}

const AGE = { code: 'AGE', label: 'Tranche d’âge', sensitive: false, options: [['0-5', '0–5 ans', 4], ['6-11', '6–11 ans', 6], ['12-17', '12–17 ans', 8], ['18+', '18 ans et plus', 82]] as [string, string, number][] };
const EVENTS = {
  code: 'EVT',
  label: 'Type d’événement',
  sensitive: true,
  options: [
    ['attentat', 'Attentat', 1],
    ['vs', 'Violences sexuelles', 22],
    ['vif', 'Violences intrafamiliales', 24],
    ['vp', 'Violences physiques', 16],
    ['accident', 'Accident', 9],
    ['catnat', 'Catastrophe naturelle', 1],
    ['deuil', 'Deuil traumatique', 8],
    ['exil', 'Exil, migration', 10],
    ['guerre', 'Guerre', 3],
    ['autre', 'Autre', 6],
  ] as [string, string, number][],
};
const AUDIENCES: [string, string][] = [
  ['sante', 'Santé'],
  ['medsoc', 'Médico-social'],
  ['justice', 'Justice'],
  ['fdo', 'Forces de l’ordre'],
  ['education', 'Éducation'],
  ['assoc', 'Associations'],
];

const CATALOGUE: IndicatorShape[] = [
  { code: 'ACT_FA', label: 'File active (patients distincts vus)', unitOfMeasure: 'patients', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [300, 1_000], dimension: AGE },
  { code: 'ACT_NEW', label: 'Nouveaux patients', unitOfMeasure: 'patients', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [150, 500], dimension: AGE },
  { code: 'ACT_CS', label: 'Consultations', unitOfMeasure: 'consultations', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [3_000, 11_000] },
  { code: 'ACT_WAIT_N', label: 'Personnes en liste d’attente en fin de période', unitOfMeasure: 'personnes', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [50, 400] },
  { code: 'ACT_WAIT_D', label: 'Délai médian du premier contact au premier rendez-vous', unitOfMeasure: 'jours', valueType: 'days', domain: 'activite_clinique', unitAggregation: 'median', range: [30, 365] },
  { code: 'ACT_EVT', label: 'Nouveaux patients par type d’événement', unitOfMeasure: 'patients', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [150, 500], dimension: EVENTS },
  { code: 'ACT_ORIENT', label: 'Orientations vers les partenaires et les soins somatiques', unitOfMeasure: 'orientations', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [40, 300] },
  { code: 'FOR_SESS', label: 'Sessions de formation délivrées', unitOfMeasure: 'sessions', valueType: 'count', domain: 'formation', unitAggregation: 'sum', range: [10, 40] },
  { code: 'FOR_PERS', label: 'Professionnels formés', unitOfMeasure: 'personnes', valueType: 'count', domain: 'formation', unitAggregation: 'sum', range: [200, 1_000] },
  { code: 'NET_REF', label: 'Structures référencées dans la cartographie', unitOfMeasure: 'structures', valueType: 'count', domain: 'cartographie', unitAggregation: 'sum', range: [20, 120] },
  { code: 'NET_MEET', label: 'Réunions de réseau et revues de cas', unitOfMeasure: 'réunions', valueType: 'count', domain: 'reseau', unitAggregation: 'sum', range: [6, 40] },
  { code: 'RES_PROJ', label: 'Projets de recherche en cours', unitOfMeasure: 'projets', valueType: 'count', domain: 'recherche', unitAggregation: 'sum', range: [0, 8] },
  { code: 'RES_PUB', label: 'Publications dans des revues à comité de lecture', unitOfMeasure: 'publications', valueType: 'count', domain: 'recherche', unitAggregation: 'sum', range: [0, 12] },
];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function aggregate(values: (number | null)[], how: IndicatorShape['unitAggregation']): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  if (how === 'median') return median(present);
  const sum = present.reduce((a, b) => a + b, 0);
  return how === 'sum' ? sum : Math.round((sum / present.length) * 10) / 10;
}

/** Splits `total` by weights with the largest remainder, so the options add up to the total. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

export function activityReportFixture(options: AnnualFixtureOptions = {}): ActivityReportData {
  const rand = random(options.seed ?? 2026);
  const units = fixtureUnits(options.units ?? 10);
  const crps = units.filter((u) => u.kind === 'crp');
  const catalogue: IndicatorShape[] = [...CATALOGUE];
  for (let i = 0; i < (options.extraIndicators ?? 0); i++) {
    catalogue.push({ code: `EXT_${String(i + 1).padStart(3, '0')}`, label: `Indicateur complémentaire ${i + 1}`, unitOfMeasure: 'actes', valueType: 'count', domain: 'activite_clinique', unitAggregation: 'sum', range: [0, 500] });
  }

  // Values per indicator × unit × year (N, N-1, N-2); units opened in 2026 have no history.
  const newPatients = new Map<string, [number, number, number]>();
  const networkActivity: AnnualNetworkIndicator[] = catalogue.map((indicator) => {
    const byUnit = crps.map((unit) => {
      const opened = unit.openedOn! <= '2024-01-01';
      const [min, max] = indicator.range;
      const known = indicator.code === 'ACT_EVT' ? newPatients.get(unit.code) : undefined;
      const n = known ? known[0] : rand(min, max);
      const n1 = known ? (opened ? known[1] : null) : opened ? Math.max(min, Math.round(n * (0.85 + rand(0, 20) / 100))) : null;
      const n2 = known ? (opened ? known[2] : null) : opened ? Math.max(min, Math.round((n1 ?? n) * (0.8 + rand(0, 20) / 100))) : null;
      if (indicator.code === 'ACT_NEW') newPatients.set(unit.code, [n, n1 ?? 0, n2 ?? 0]);
      const values =
        indicator.dimension === undefined
          ? []
          : split(
              n,
              indicator.dimension.options.map(([, , w]) => Math.max(0, w + rand(-w >> 1, w >> 1))),
            ).map((value, i) => ({
              optionCode: indicator.dimension!.options[i][0],
              optionLabel: indicator.dimension!.options[i][1],
              value,
              sensitive: indicator.dimension!.sensitive,
            }));
      return { unitCode: unit.code, n, n1, n2, options: values };
    });
    const n = aggregate(byUnit.map((u) => u.n), indicator.unitAggregation);
    const n1 = aggregate(byUnit.map((u) => u.n1), indicator.unitAggregation);
    const n2 = aggregate(byUnit.map((u) => u.n2), indicator.unitAggregation);
    const dimension = indicator.dimension;
    return {
      code: indicator.code,
      label: indicator.label,
      unitOfMeasure: indicator.unitOfMeasure,
      valueType: indicator.valueType,
      domain: indicator.domain,
      unitAggregation: indicator.unitAggregation,
      n,
      n1,
      n2,
      changeBp: change(n, n1),
      disaggregation: dimension
        ? {
            dimensionCode: dimension.code,
            dimensionLabel: dimension.label,
            sensitive: dimension.sensitive,
            options: dimension.options.map(([code, label], i) => ({
              optionCode: code,
              optionLabel: label,
              value: byUnit.reduce((sum, u) => sum + (u.options[i].value ?? 0), 0),
              sensitive: dimension.sensitive,
            })),
          }
        : null,
      byUnit,
    };
  });
  const indicator = (code: string) => networkActivity.find((i) => i.code === code)!;
  const fa = indicator('ACT_FA');
  const sessions = indicator('FOR_SESS');
  const trained = indicator('FOR_PERS');

  const unitCount = crps.length;
  return {
    year: FIXTURE_YEAR,
    generatedAt: FIXTURE_GENERATED_AT,
    organisation: 'CN2R — Centre national de ressources et de résilience',
    narratives: {
      key_figures:
        'En 2026, le réseau des centres régionaux du psychotraumatisme a poursuivi sa montée en charge : la file active progresse, les délais d’accès restent un point d’attention.',
      governance: 'L’assemblée générale s’est réunie deux fois ; le conseil scientifique a rendu trois avis.',
      network_activity: 'Les indicateurs sont agrégés sur l’ensemble des centres ouverts dans l’année.',
      expected_results: 'Les quatre résultats attendus par la DGOS sont suivis au regard de leurs cibles annuelles.',
      outlook: 'En 2027, le CN2R publiera le référentiel de formation des intervenants de premier recours et étendra la cartographie aux structures médico-sociales.',
    },
    units,
    keyFigures: [
      { code: 'ACT_FA', label: 'File active du réseau', kind: 'count', n: fa.n, n1: fa.n1, n2: fa.n2 },
      { code: 'ACT_NEW', label: 'Nouveaux patients', kind: 'count', n: indicator('ACT_NEW').n, n1: indicator('ACT_NEW').n1, n2: indicator('ACT_NEW').n2 },
      { code: 'ACT_CS', label: 'Consultations', kind: 'count', n: indicator('ACT_CS').n, n1: indicator('ACT_CS').n1, n2: indicator('ACT_CS').n2 },
      { code: 'ACT_WAIT_D', label: 'Délai médian d’accès (jours)', kind: 'days', n: indicator('ACT_WAIT_D').n, n1: indicator('ACT_WAIT_D').n1, n2: indicator('ACT_WAIT_D').n2 },
      { code: 'FOR_PERS', label: 'Professionnels formés', kind: 'count', n: trained.n, n1: trained.n1, n2: trained.n2 },
      { code: 'UNITS', label: 'Centres ouverts', kind: 'count', n: unitCount, n1: Math.min(unitCount, 10), n2: Math.min(unitCount, 10) },
    ],
    governance: {
      members: [
        { name: 'Ministère chargé de la santé', kind: 'État', rightsBp: 1000 },
        { name: 'Ministère de l’Éducation nationale', kind: 'État', rightsBp: 1000 },
        { name: 'Ministère de la Justice', kind: 'État', rightsBp: 1000 },
        { name: 'Ministère de l’Enseignement supérieur et de la Recherche', kind: 'État', rightsBp: 1000 },
        { name: 'Ministère de l’Intérieur', kind: 'État', rightsBp: 1000 },
        { name: 'Ministère des Armées', kind: 'État', rightsBp: 1000 },
        { name: 'École nationale de la magistrature', kind: 'Établissement public', rightsBp: 1000 },
        { name: 'CNRS', kind: 'Établissement public', rightsBp: 1000 },
        { name: 'CHU de Lille', kind: 'Établissement de santé', rightsBp: 1000 },
        { name: 'AP-HP', kind: 'Établissement de santé', rightsBp: 1000 },
      ],
      meetings: [
        { body: 'general_assembly', label: 'Assemblée générale ordinaire', date: '2026-03-24', present: 8, represented: 1, quorumReached: true },
        { body: 'board', label: 'Conseil d’administration', date: '2026-06-16', present: 8, represented: 1, quorumReached: true },
        { body: 'scientific_council', label: 'Conseil scientifique', date: '2026-09-29', present: 8, represented: 1, quorumReached: true },
        { body: 'general_assembly', label: 'Assemblée générale (budget 2027)', date: '2026-11-26', present: 8, represented: 1, quorumReached: true },
      ],
      deliberations: [
        { number: '2026-01', date: '2026-03-24', title: 'Approbation du compte financier 2025', votesFor: 9, votesAgainst: 0, abstentions: 0 },
        { number: '2026-02', date: '2026-11-26', title: 'Budget initial 2027', votesFor: 8, votesAgainst: 0, abstentions: 1 },
      ],
      staff: [
        { category: 'medical', label: 'Médical', etpt: etpt(306, 365, '0,84') },
        { category: 'psychologist', label: 'Psychologue', etpt: etpt(4, 5, '0,80') },
        { category: 'paramedical', label: 'Paramédical', etpt: etpt(1, 1, '1,00') },
        { category: 'administrative', label: 'Administratif', etpt: etpt(7, 2, '3,50') },
        { category: 'researcher', label: 'Chercheur', etpt: etpt(3, 2, '1,50') },
      ],
    },
    networkActivity,
    expectedResults: (['mapping', 'network', 'good_practice', 'training'] as const).map((key, k) => ({
      key,
      label: expectedResultLabels[key],
      indicators: [
        {
          code: ['NET_REF', 'NET_MEET', 'CN_BP_DOCS', 'CN_FOR_MOD'][k],
          label: ['Structures référencées dans la cartographie', 'Réunions de réseau animées par le CN2R', 'Référentiels de bonnes pratiques publiés', 'Modules de formation publiés'][k],
          unitOfMeasure: ['structures', 'réunions', 'documents', 'modules'][k],
          target: [600, 12, 3, 4][k],
          actual: [k === 0 ? indicator('NET_REF').n : null, 14, 2, 4][k] ?? null,
          achievementBp: null,
          n1: [indicator('NET_REF').n1, 11, 2, 3][k] ?? null,
        },
      ].map((i) => ({ ...i, achievementBp: i.target && i.actual !== null ? Math.round((i.actual / i.target) * 10_000) : null })),
      deliverables: [
        [{ title: 'Cartographie en ligne, mise à jour semestrielle', date: '2026-06-30', status: 'Livré' }],
        [{ title: 'Journées nationales du réseau', date: '2026-10-08', status: 'Livré' }],
        [
          { title: 'Référentiel « Prise en charge des enfants exposés aux violences conjugales »', date: '2026-05-12', status: 'Publié' },
          { title: 'Référentiel « Deuil traumatique »', date: null, status: 'En relecture' },
        ],
        [{ title: 'Socle de formation des intervenants de premier recours', date: '2026-11-03', status: 'Publié' }],
      ][k],
    })),
    training: {
      sessions: { n: sessions.n, n1: sessions.n1, n2: sessions.n2 },
      trained: { n: trained.n, n1: trained.n1, n2: trained.n2 },
      cn2rSessions: { n: 31, n1: 28, n2: 26 },
      cn2rTrained: { n: 909, n1: 842, n2: 780 },
      byAudience: (() => {
        const s = split(sessions.n ?? 0, [40, 20, 10, 10, 12, 8]);
        const p = split(trained.n ?? 0, [38, 22, 9, 11, 12, 8]);
        return AUDIENCES.map(([code, label], i) => ({ code, label, sessions: s[i], trained: p[i] }));
      })(),
      byUnit: sessions.byUnit.map((u, i) => ({ unitCode: u.unitCode, sessions: u.n, trained: trained.byUnit[i].n })),
    },
    research: {
      projectsLead: { n: 9, n1: 7, n2: 5 },
      projectsPartner: { n: 14, n1: 12, n2: 9 },
      publications: { n: indicator('RES_PUB').n, n1: indicator('RES_PUB').n1, n2: indicator('RES_PUB').n2 },
      grants: [
        { code: 'master', label: 'Bourses de master', count: 6 },
        { code: 'doctoral', label: 'Contrats doctoraux', count: 2 },
        { code: 'postdoctoral', label: 'Contrats post-doctoraux', count: 1 },
      ],
      byUnit: indicator('RES_PROJ').byUnit.map((u, i) => ({
        unitCode: u.unitCode,
        projectsLead: u.n === null ? null : Math.floor(u.n / 3),
        projectsPartner: u.n === null ? null : u.n - Math.floor(u.n / 3),
        publications: indicator('RES_PUB').byUnit[i].n,
      })),
    },
    dataCollection: (() => {
      const byUnit = units.map((unit) => {
        const expected = unit.openedOn === '2026-07-01' ? 2 : 4;
        const submitted = Math.min(expected, expected - (rand(0, 9) === 0 ? 1 : 0));
        const validated = Math.max(0, submitted - (rand(0, 5) === 0 ? 1 : 0));
        const onTime = Math.max(0, submitted - rand(0, 1));
        return { unitCode: unit.code, expected, submitted, validated, onTime, completenessBp: Math.round((submitted / expected) * 10_000), timelinessBp: Math.round((onTime / expected) * 10_000) };
      });
      const sum = (key: 'expected' | 'submitted' | 'validated' | 'onTime') => byUnit.reduce((a, u) => a + u[key], 0);
      const expected = sum('expected');
      return {
        network: { expected, submitted: sum('submitted'), validated: sum('validated'), onTime: sum('onTime'), completenessBp: Math.round((sum('submitted') / expected) * 10_000), timelinessBp: Math.round((sum('onTime') / expected) * 10_000) },
        byUnit,
      };
    })(),
    annexes: crps.map((unit) => ({
      unitCode: unit.code,
      rows: networkActivity.flatMap((i) => {
        const value = i.byUnit.find((u) => u.unitCode === unit.code)!;
        return [
          { indicatorCode: i.code, label: i.label, unitOfMeasure: i.unitOfMeasure, optionLabel: null, n: value.n, n1: value.n1, sensitive: false },
          ...value.options.map((o) => ({ indicatorCode: i.code, label: i.label, unitOfMeasure: i.unitOfMeasure, optionLabel: o.optionLabel, n: o.value, n1: null, sensitive: o.sensitive })),
        ];
      }),
    })),
  };
}

/** The worked example of docs/domain/money.md: psychiatrist from 1 March, psychologist at 80 %, auxiliary all year, operating costs. */
export const WORKED_EXAMPLE = {
  psychiatristCents: 10_060_274,
  psychologistCents: 5_142_857,
  auxiliaryCents: 6_000_000,
  operatingCents: 3_612_345,
  totalCents: 24_815_476,
  unspentCents: 3_184_524,
} as const;

export function financialReportFixture(options: AnnualFixtureOptions = {}): FinancialReportData {
  const activity = activityReportFixture(options);
  const scale = Math.max(1, Math.round((options.units ?? 10) / 10));
  const fa = activity.networkActivity.find((i) => i.code === 'ACT_FA')!;
  const trained = activity.networkActivity.find((i) => i.code === 'FOR_PERS')!;
  const envelope = (
    key: 'personnel' | 'fonctionnement' | 'investissement' | 'intervention',
    label: string,
    initial: number,
    amending: number,
    transfer: number,
    committed: number,
    paid: number,
  ) => {
    const open = initial + amending + transfer;
    return {
      envelope: key,
      label,
      initialAeCents: initial,
      initialCpCents: initial,
      amendingAeCents: amending,
      amendingCpCents: amending,
      transferAeCents: transfer,
      transferCpCents: transfer,
      openAeCents: open,
      openCpCents: open,
      committedCents: committed,
      paidCents: paid,
      aeRateBp: open === 0 ? null : Math.round((committed / open) * 10_000),
      cpRateBp: open === 0 ? null : Math.round((paid / open) * 10_000),
      leftAeCents: open - committed,
      leftCpCents: open - paid,
    };
  };
  const personnelPaid = WORKED_EXAMPLE.psychiatristCents + WORKED_EXAMPLE.psychologistCents + WORKED_EXAMPLE.auxiliaryCents + 15_456_789 * scale;
  return {
    year: FIXTURE_YEAR,
    generatedAt: FIXTURE_GENERATED_AT,
    organisation: activity.organisation,
    narratives: {
      key_figures: 'L’exécution 2026 est conforme au budget voté ; la MIG H15 laisse un reliquat de 31 845,24 € lié au recrutement du psychiatre au 1er mars.',
      mig_h15: 'Le reliquat sera justifié auprès de la DGOS et proposé au report sur 2027.',
      in_kind: 'Les personnels mis à disposition sont valorisés au coût employeur complet.',
    },
    keyFigures: [
      { code: 'PAID', label: 'Dépenses payées (CP consommés)', kind: 'euros', n: 68_234_567 * scale, n1: 64_120_033 * scale, n2: 59_876_410 * scale },
      { code: 'CP_RATE', label: 'Taux d’exécution des CP', kind: 'percent', n: 9_312, n1: 9_105, n2: 8_870 },
      { code: 'MIG', label: 'MIG H15 notifiée', kind: 'euros', n: 28_000_000, n1: 28_000_000, n2: 28_000_000 },
      { code: 'IN_KIND', label: 'Contributions en nature', kind: 'euros', n: 121_345_678 * scale, n1: 118_020_000 * scale, n2: 112_450_000 * scale },
      { code: 'ETPT', label: 'ETPT rémunérés par le groupement', kind: 'etpt', n: 7.64, n1: 7.1, n2: 6.8 },
    ],
    execution: {
      envelopes: [
        envelope('personnel', 'Personnel', 42_000_000 * scale, 1_500_000 * scale, -500_000 * scale, personnelPaid, personnelPaid),
        envelope('fonctionnement', 'Fonctionnement', 21_000_000 * scale, 2_000_000 * scale, 300_000 * scale, 21_876_543 * scale, 19_987_654 * scale),
        envelope('investissement', 'Investissement', 3_000_000 * scale, 0, 200_000 * scale, 2_456_789 * scale, 2_100_000 * scale),
        envelope('intervention', 'Intervention', 6_000_000 * scale, 0, 0, 5_400_000 * scale, 4_987_333 * scale),
      ],
      decisions: [
        { kind: 'initial', label: 'Budget initial 2026', adoptedOn: '2025-11-27' },
        { kind: 'amending', label: 'Budget rectificatif n° 1', adoptedOn: '2026-06-16' },
        { kind: 'transfer', label: 'Virement n° 1 (personnel vers fonctionnement et investissement)', adoptedOn: '2026-09-29' },
      ],
    },
    revenue: [
      { code: 'MIG_H15', label: 'MIG H15', funder: 'DGOS (ministère chargé de la santé)', nature: 'mig', inKind: false, notifiedCents: 28_000_000, paidCents: WORKED_EXAMPLE.totalCents, notifiedN1Cents: 28_000_000 },
      { code: 'MSS', label: 'Contribution du ministère chargé de la santé', funder: 'Ministère chargé de la santé', nature: 'financial_contribution', inKind: false, notifiedCents: 25_000_000 * scale, paidCents: 23_456_789 * scale, notifiedN1Cents: 25_000_000 * scale },
      { code: 'MJ', label: 'Contribution du ministère de la Justice', funder: 'Ministère de la Justice', nature: 'financial_contribution', inKind: false, notifiedCents: 10_000_000 * scale, paidCents: 9_876_543 * scale, notifiedN1Cents: 8_000_000 * scale },
      { code: 'MEN_MAD', label: 'Mise à disposition (Éducation nationale)', funder: 'Ministère de l’Éducation nationale', nature: 'seconded_staff', inKind: true, notifiedCents: 0, paidCents: 0, notifiedN1Cents: 0 },
      { code: 'PROPRES', label: 'Ressources propres (formations)', funder: 'CN2R', nature: 'own', inKind: false, notifiedCents: 4_500_000 * scale, paidCents: 4_123_456 * scale, notifiedN1Cents: 3_900_000 * scale },
    ],
    spendingByMission: [
      { missionArea: 'information', label: 'Information', openCpCents: 6_000_000 * scale, paidCents: 5_432_100 * scale, paidN1Cents: 5_100_000 * scale },
      { missionArea: 'outils_bonnes_pratiques', label: 'Outils et bonnes pratiques', openCpCents: 12_000_000 * scale, paidCents: 11_234_567 * scale, paidN1Cents: 10_500_000 * scale },
      { missionArea: 'formation', label: 'Formation', openCpCents: 14_000_000 * scale, paidCents: 13_345_678 * scale, paidN1Cents: 12_800_000 * scale },
      { missionArea: 'recherche', label: 'Recherche', openCpCents: 12_000_000 * scale, paidCents: 11_111_111 * scale, paidN1Cents: 10_900_000 * scale },
      { missionArea: 'animation_reseau', label: 'Animation du réseau', openCpCents: 15_000_000 * scale, paidCents: 14_222_222 * scale, paidN1Cents: 13_400_000 * scale },
      { missionArea: 'support', label: 'Support', openCpCents: 14_500_000 * scale, paidCents: 12_888_889 * scale, paidN1Cents: 11_420_033 * scale },
    ],
    staff: {
      ceilingEtptBp: 80_000,
      paidByGroupingEtpt: etptOf(2_788, 365),
      secondedEtpt: etpt(23, 2, '11,50'),
      overCeiling: false,
      // Costs of what the grouping pays (own staff, seconded with reimbursement), masked for groups
      // of 1 or 2 people of the year; seconded staff without reimbursement count only in kind.
      byCategory: [
        { key: 'medical', category: 'medical', label: 'Médical', paidByGroupingEtpt: etpt(306, 365, '0,84'), secondedEtpt: etpt(1, 2, '0,50'), costCents: null, costMasked: 'fewer_than_3_people' },
        { key: 'psychologist', category: 'psychologist', label: 'Psychologue', paidByGroupingEtpt: etpt(4, 5, '0,80'), secondedEtpt: etpt(2, 1, '2,00'), costCents: null, costMasked: 'fewer_than_3_people' },
        { key: 'paramedical', category: 'paramedical', label: 'Paramédical', paidByGroupingEtpt: etpt(1, 1, '1,00'), secondedEtpt: etpt(0, 1, '0,00'), costCents: null, costMasked: 'fewer_than_3_people' },
        { key: 'administrative', category: 'administrative', label: 'Administratif', paidByGroupingEtpt: etptOf(1_460, 365), secondedEtpt: etpt(3, 1, '3,00'), costCents: 5_456_789 * scale, costMasked: null },
        { key: 'researcher', category: 'researcher', label: 'Chercheur', paidByGroupingEtpt: etptOf(365, 365), secondedEtpt: etpt(4, 1, '4,00'), costCents: 10_000_000 * scale, costMasked: null },
        { key: 'magistrate', category: 'magistrate', label: 'Magistrat', paidByGroupingEtpt: etptOf(0, 1), secondedEtpt: etpt(2, 1, '2,00'), costCents: null, costMasked: 'fewer_than_3_people' },
      ],
      byFunder: [
        { key: 'MIG_H15', label: 'MIG H15 (DGOS)', paidByGroupingEtpt: etptOf(963, 365), secondedEtpt: etpt(0, 1, '0,00'), costCents: WORKED_EXAMPLE.psychiatristCents + WORKED_EXAMPLE.psychologistCents + WORKED_EXAMPLE.auxiliaryCents, costMasked: null },
        { key: 'MSS', label: 'Ministère chargé de la santé', paidByGroupingEtpt: etptOf(1_825, 365), secondedEtpt: etpt(5, 2, '2,50'), costCents: 15_456_789 * scale, costMasked: null },
        { key: 'MEN', label: 'Ministère de l’Éducation nationale', paidByGroupingEtpt: etptOf(0, 1), secondedEtpt: etpt(5, 1, '5,00'), costCents: 0, costMasked: null },
        { key: 'MJ', label: 'Ministère de la Justice', paidByGroupingEtpt: etptOf(0, 1), secondedEtpt: etpt(4, 1, '4,00'), costCents: 0, costMasked: null },
      ],
    },
    migH15: {
      notifiedCents: 28_000_000,
      lines: [
        { key: 'psychiatrist', label: 'Psychiatre (1 ETP)', fundedEtp: 1, actualEtpt: etpt(306, 365, '0,84'), fundedCents: 12_000_000, spentCents: WORKED_EXAMPLE.psychiatristCents },
        { key: 'psychologist', label: 'Psychologue clinicien (1 ETP)', fundedEtp: 1, actualEtpt: etpt(4, 5, '0,80'), fundedCents: 6_000_000, spentCents: WORKED_EXAMPLE.psychologistCents },
        { key: 'medical_auxiliary', label: 'Auxiliaire médical (1 ETP)', fundedEtp: 1, actualEtpt: etpt(1, 1, '1,00'), fundedCents: 6_000_000, spentCents: WORKED_EXAMPLE.auxiliaryCents },
        { key: 'operating', label: 'Frais de fonctionnement', fundedEtp: null, actualEtpt: null, fundedCents: 4_000_000, spentCents: WORKED_EXAMPLE.operatingCents },
      ],
      // A transfer moved 5 000 € from the psychologist's line to operating costs.
      credits: [
        { key: 'psychiatrist', label: 'Psychiatre (1 ETP)', initialCents: 12_000_000, openCents: 12_000_000, movedCents: 0, committedCents: WORKED_EXAMPLE.psychiatristCents, paidCents: WORKED_EXAMPLE.psychiatristCents, remainingToPayCents: 0, masked: false },
        { key: 'psychologist', label: 'Psychologue clinicien (1 ETP)', initialCents: 6_000_000, openCents: 5_500_000, movedCents: -500_000, committedCents: WORKED_EXAMPLE.psychologistCents, paidCents: WORKED_EXAMPLE.psychologistCents, remainingToPayCents: 0, masked: false },
        { key: 'medical_auxiliary', label: 'Auxiliaire médical (1 ETP)', initialCents: 6_000_000, openCents: 6_000_000, movedCents: 0, committedCents: WORKED_EXAMPLE.auxiliaryCents, paidCents: WORKED_EXAMPLE.auxiliaryCents, remainingToPayCents: 0, masked: false },
        { key: 'operating', label: 'Frais de fonctionnement', initialCents: 4_000_000, openCents: 4_500_000, movedCents: 500_000, committedCents: 4_400_000, paidCents: WORKED_EXAMPLE.operatingCents, remainingToPayCents: 787_655, masked: false },
      ],
    },
    statements: {
      revenueByOrigin: [
        { origin: 'public', label: 'Financements de l’État et autres financements publics', notifiedCents: 43_000_000 * scale, collectedCents: 38_750_000 * scale, collectedN1Cents: 40_000_000 * scale },
        { origin: 'own', label: 'Ressources propres', notifiedCents: 2_500_000 * scale, collectedCents: 1_875_000 * scale, collectedN1Cents: 2_000_000 * scale },
      ],
      balance: [
        { year: FIXTURE_YEAR, collectedCents: 40_625_000 * scale, paidCents: 41_000_000 * scale, balanceCents: -375_000 * scale },
        { year: FIXTURE_YEAR - 1, collectedCents: 42_000_000 * scale, paidCents: 40_000_000 * scale, balanceCents: 2_000_000 * scale },
      ],
      remainingToPay: [
        { key: 'personnel', label: 'Personnel', committedCents: 30_000_000 * scale, paidOnCommitmentsCents: 29_000_000 * scale, remainingCents: 1_000_000 * scale },
        { key: 'fonctionnement', label: 'Fonctionnement', committedCents: 12_345_678 * scale, paidOnCommitmentsCents: 9_000_000 * scale, remainingCents: 3_345_678 * scale },
      ],
      migRemainingToPay: { committedCents: 27_000_000, paidOnCommitmentsCents: 24_815_476, remainingCents: 2_184_524 },
      employment: {
        ceilingEtptBp: 50_000,
        underCeilingEtpt: etpt(22, 5, '4,40'),
        underCeilingHeadcount: 5,
        outsideCeilingEtpt: etpt(23, 2, '11,50'),
        outsideCeilingHeadcount: 12,
        overCeiling: false,
      },
      financialBalance: [
        { year: FIXTURE_YEAR, openingCashCents: 31_500_000 * scale, balanceCents: -375_000 * scale, closingCashCents: 31_125_000 * scale },
        { year: FIXTURE_YEAR - 1, openingCashCents: null, balanceCents: 2_000_000 * scale, closingCashCents: null },
      ],
    },
    inKind: {
      seconded: [
        { employerLabel: 'Ministère de l’Éducation nationale', employerKind: 'ministry', etpt: etpt(5, 1, '5,00'), valueCents: 41_234_567 * scale, valueMasked: null },
        { employerLabel: 'Ministère de la Justice', employerKind: 'ministry', etpt: etpt(4, 1, '4,00'), valueCents: 38_765_432 * scale, valueMasked: null },
        // Two people: their value is not published.
        { employerLabel: 'CHU de Lille', employerKind: 'hospital', etpt: etpt(5, 2, '2,50'), valueCents: null, valueMasked: 'fewer_than_3_people' },
      ],
      other: [
        { kind: 'premises', label: 'Locaux du CN2R', provider: 'CHU de Lille', valueCents: 12_000_000 },
        { kind: 'equipment', label: 'Postes informatiques et visioconférence', provider: 'CHU de Lille', valueCents: 3_000_000 },
      ],
    },
    threeYears: [
      { code: 'REVENUE', label: 'Recettes notifiées', kind: 'euros', n: 67_500_000 * scale, n1: 64_900_000 * scale, n2: 61_200_000 * scale },
      { code: 'OPEN_CP', label: 'Crédits de paiement ouverts', kind: 'euros', n: 73_500_000 * scale, n1: 70_420_000 * scale, n2: 67_500_000 * scale },
      { code: 'PAID', label: 'CP consommés', kind: 'euros', n: 68_234_567 * scale, n1: 64_120_033 * scale, n2: 59_876_410 * scale },
      { code: 'CP_RATE', label: 'Taux d’exécution des CP', kind: 'percent', n: 9_312, n1: 9_105, n2: 8_870 },
      { code: 'IN_KIND', label: 'Contributions en nature', kind: 'euros', n: 121_345_678 * scale, n1: 118_020_000 * scale, n2: 112_450_000 * scale },
      { code: 'ETPT', label: 'ETPT rémunérés par le groupement', kind: 'etpt', n: 7.64, n1: 7.1, n2: 6.8 },
    ],
    // One row per destination: its spending divided by the CN2R's own output of that destination; support left out.
    costPerActivity: [
      {
        code: 'formation',
        label: 'Formation',
        activityLabel: 'Personne formée par le CN2R',
        costCents: { n: 13_345_678 * scale, n1: 12_800_000 * scale, n2: 12_100_000 * scale },
        volume: { n: 909, n1: 842, n2: 780 },
        leftOut: { n: null, n1: null, n2: null },
      },
      {
        code: 'support',
        label: 'Support',
        activityLabel: 'Aucune réalisation mesurée : ne sert aucune réalisation mesurée (fonctions support) : non répartie',
        costCents: { n: 3_930_000 * scale, n1: 3_800_000 * scale, n2: 3_700_000 * scale },
        volume: { n: null, n1: null, n2: null },
        leftOut: { n: 'no_measured_output' as const, n1: 'no_measured_output' as const, n2: 'no_measured_output' as const },
      },
    ].map((c) => ({
      ...c,
      unitCostCents: {
        n: c.volume.n ? Math.round(c.costCents.n / c.volume.n) : null,
        n1: c.volume.n1 ? Math.round(c.costCents.n1 / c.volume.n1) : null,
        n2: c.volume.n2 ? Math.round(c.costCents.n2 / c.volume.n2) : null,
      },
    })),
  };
}
