import type { Knex } from 'knex';
import { outlierCheck, parsePeriod, parseRule, periodOf, periodsOfYear, samePeriodLastYear } from '../../shared/src/collection/index.js';

/**
 * Demo data for indicator collection: the catalogue (dimensions, indicators, targets, consistency
 * rules), one campaign per year for three full past years and the current year, and the values
 * of the ten CRP and of CN2R itself, with their submission workflow (docs/domain/collection.md).
 *
 * Deterministic: every number comes from a PRNG seeded by a fixed seed and the cell's own key
 * (unit, relative year, period, indicator, option), and every date from `today`, so two runs on
 * the same day give identical databases and the demo always shows « three full past years + the
 * current year in progress ». Values stay within 50 % of the same cell last year (the form's
 * outlier check) except a few designed changes, each explained; the error rules always pass.
 */

export interface CollectionDemoOptions {
  /** `YYYY-MM-DD`; the current year is its year. */
  readonly today: string;
}

export interface CollectionDemoSummary {
  readonly dimensions: number;
  readonly options: number;
  readonly indicators: number;
  readonly targets: number;
  readonly rules: number;
  readonly campaigns: number;
  readonly campaignPeriods: number;
  readonly extensions: number;
  readonly submissions: number;
  readonly values: number;
  readonly ruleExplanations: number;
  readonly valueExplanations: number;
  readonly comments: number;
}

/** Today's date in Paris, `YYYY-MM-DD` (the default `today` of the demo seed). */
export function parisToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// ---- Deterministic randomness ----

const SEED = 0x00c2_2019;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of the key, mixed with the fixed seed. */
function seedOf(key: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator of its own for each key, so a value never depends on what was drawn before it. */
function rng(...parts: (string | number)[]) {
  const next = mulberry32(seedOf(parts.join('|')));
  return {
    next,
    /** 1 ± pct, uniform. */
    noise: (pct: number) => 1 + (2 * next() - 1) * pct,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

// ---- Dates ----

const DAY_MS = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number) => new Date(dayMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
/** A moment on a day, in office hours (UTC), as epoch milliseconds. */
const onDay = (iso: string, minutes: number) => dayMs(iso) + minutes * 60_000;
const officeMinutes = (r: { int: (a: number, b: number) => number }) => r.int(7 * 60, 16 * 60 + 30);
const timestamp = (ms: number) => new Date(ms).toISOString();
const HOUR_MS = 3_600_000;

function dueOn(period: string): string {
  const p = parsePeriod(period);
  return addDays(p.end, p.type === 'year' ? 60 : 30);
}

// ---- Catalogue ----

const AGE = ['0-5', '6-11', '12-17', '18+'] as const;
const PROF = ['psychiatre', 'pedopsychiatre', 'psychologue', 'infirmier', 'autre'] as const;
const EVT = [
  'attentat',
  'violences_sexuelles',
  'violences_intrafamiliales',
  'violences_physiques',
  'accident',
  'catastrophe_naturelle',
  'deuil_traumatique',
  'exil_migration',
  'guerre',
  'autre',
] as const;
const AUDIENCE = ['sante', 'medico_social', 'justice', 'forces_ordre', 'education', 'associations'] as const;

type Evt = (typeof EVT)[number];

const DIMENSIONS: { code: string; label: string; sensitive: boolean; options: [string, string][] }[] = [
  { code: 'AGE', label: 'Tranche d’âge', sensitive: false, options: [['0-5', '0 à 5 ans'], ['6-11', '6 à 11 ans'], ['12-17', '12 à 17 ans'], ['18+', '18 ans et plus']] },
  {
    code: 'PROF',
    label: 'Profession de l’intervenant',
    sensitive: false,
    options: [
      ['psychiatre', 'Psychiatre'],
      ['pedopsychiatre', 'Pédopsychiatre'],
      ['psychologue', 'Psychologue'],
      ['infirmier', 'Infirmier ou infirmière'],
      ['autre', 'Autre professionnel (assistant social, éducateur…)'],
    ],
  },
  { code: 'PUBLIC', label: 'Public (adulte ou mineur)', sensitive: false, options: [['adulte', 'Adulte (18 ans et plus)'], ['mineur', 'Mineur (moins de 18 ans)']] },
  {
    code: 'EVT',
    label: 'Type d’événement',
    sensitive: true,
    options: [
      ['attentat', 'Attentat'],
      ['violences_sexuelles', 'Violences sexuelles'],
      ['violences_intrafamiliales', 'Violences intrafamiliales'],
      ['violences_physiques', 'Violences physiques (hors cadre familial)'],
      ['accident', 'Accident'],
      ['catastrophe_naturelle', 'Catastrophe naturelle'],
      ['deuil_traumatique', 'Deuil traumatique'],
      ['exil_migration', 'Exil et migration'],
      ['guerre', 'Guerre'],
      ['autre', 'Autre événement'],
    ],
  },
  {
    code: 'AUDIENCE',
    label: 'Public formé',
    sensitive: false,
    options: [
      ['sante', 'Santé'],
      ['medico_social', 'Médico-social et social'],
      ['justice', 'Justice'],
      ['forces_ordre', 'Forces de l’ordre'],
      ['education', 'Éducation'],
      ['associations', 'Associations (dont aide aux victimes)'],
    ],
  },
  { code: 'NIVEAU', label: 'Niveau du réseau', sensitive: false, options: [['local', 'Local'], ['regional', 'Régional'], ['national', 'National']] },
  { code: 'ROLE_RECH', label: 'Rôle dans le projet de recherche', sensitive: false, options: [['porteur', 'Porteur'], ['partenaire', 'Partenaire']] },
  { code: 'BOURSE', label: 'Type de bourse', sensitive: false, options: [['master', 'Master'], ['doctorat', 'Doctorat'], ['post_doctorat', 'Post-doctorat']] },
];

interface IndicatorSeed {
  code: string;
  label: string;
  definition: string;
  counting_rule: string;
  domain: 'activite_clinique' | 'formation' | 'reseau' | 'recherche' | 'cartographie' | 'sensibilisation';
  unit_kind: 'crp' | 'cn2r';
  value_type: 'count' | 'days';
  unit_of_measure: string;
  period_type: 'quarter' | 'year';
  time_aggregation: 'sum' | 'average' | 'last';
  unit_aggregation: 'sum' | 'median';
  dimension: string | null;
  min_value: number | null;
  max_value: number | null;
  expected_result: 'mapping' | 'network' | 'good_practice' | 'training' | null;
  /** On a CN2R indicator, the network indicator counting the same activity (shown beside it, never added: migration 035). */
  network_counterpart_code?: string;
}

const count = { value_type: 'count', time_aggregation: 'sum', unit_aggregation: 'sum', min_value: 0, max_value: null, expected_result: null } as const;

const INDICATORS: IndicatorSeed[] = [
  {
    ...count,
    code: 'ACT_FA',
    label: 'File active (patients distincts vus)',
    definition: 'Patients distincts ayant eu au moins un acte (consultation, entretien, séance de groupe) avec l’équipe du centre au cours de l’année civile.',
    counting_rule:
      'Chaque patient est compté une seule fois par année civile, au trimestre de son premier acte de l’année : la somme des quatre trimestres donne la file active annuelle. Tranche d’âge à la date de ce premier acte. Les proches reçus sans prise en charge propre ne sont pas comptés.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'patients',
    period_type: 'quarter',
    dimension: 'AGE',
  },
  {
    ...count,
    code: 'ACT_NEW',
    label: 'Nouveaux patients',
    definition: 'Patients reçus pour la première fois par le centre au cours du trimestre.',
    counting_rule:
      'Compté au trimestre du premier acte ; un patient revenu après plus de deux ans sans acte est compté de nouveau. Tranche d’âge au premier acte. Tout nouveau patient figure aussi dans la file active du même trimestre.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'patients',
    period_type: 'quarter',
    dimension: 'AGE',
  },
  {
    ...count,
    code: 'ACT_CS',
    label: 'Consultations',
    definition: 'Consultations et entretiens individuels réalisés par les professionnels du centre, en présentiel ou en téléconsultation.',
    counting_rule:
      'Une consultation par rendez-vous honoré, ventilée selon la profession de l’intervenant principal. Une séance de groupe compte une consultation par patient présent. Les rendez-vous non honorés ne sont pas comptés.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'consultations',
    period_type: 'quarter',
    dimension: 'PROF',
  },
  {
    ...count,
    code: 'ACT_WAIT_N',
    label: 'Personnes en liste d’attente en fin de période',
    definition: 'Personnes dont la demande de prise en charge a été acceptée et qui n’ont pas encore eu de premier rendez-vous, au dernier jour du trimestre.',
    counting_rule:
      'Photographie au dernier jour du trimestre, selon l’âge à la date de la demande (mineur : moins de 18 ans). Sur l’année, la valeur retenue est celle du dernier trimestre.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'personnes',
    period_type: 'quarter',
    time_aggregation: 'last',
    dimension: 'PUBLIC',
  },
  {
    ...count,
    code: 'ACT_WAIT_D',
    label: 'Délai médian entre le premier contact et le premier rendez-vous',
    definition: 'Délai médian, en jours calendaires, entre le premier contact (appel, courriel, adressage) et le premier rendez-vous honoré, pour les nouveaux patients du trimestre.',
    counting_rule:
      'Médiane calculée séparément pour les adultes et les mineurs parmi les nouveaux patients du trimestre. Sur l’année : moyenne des trimestres ; pour le réseau : médiane des centres.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    value_type: 'days',
    unit_of_measure: 'jours',
    period_type: 'quarter',
    time_aggregation: 'average',
    unit_aggregation: 'median',
    dimension: 'PUBLIC',
    max_value: 730,
  },
  {
    ...count,
    code: 'ACT_EVT',
    label: 'Nouveaux patients par type d’événement',
    definition: 'Répartition des nouveaux patients de l’année selon l’événement à l’origine de la prise en charge.',
    counting_rule:
      'Un seul type par patient : l’événement principal retenu par le clinicien. Le total est égal aux nouveaux patients de l’année (somme des quatre trimestres). Données sensibles : les petits effectifs sont masqués dans les exports.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'patients',
    period_type: 'year',
    dimension: 'EVT',
  },
  {
    ...count,
    code: 'ACT_ORIENT',
    label: 'Orientations vers les partenaires et les soins somatiques',
    definition:
      'Orientations formalisées (courrier, appel, rendez-vous pris) de patients vers un partenaire : médecin traitant, psychiatrie de secteur, unité médico-judiciaire, association d’aide aux victimes, soins somatiques.',
    counting_rule: 'Une orientation par patient et par partenaire dans l’année ; une simple remise de coordonnées n’est pas comptée.',
    domain: 'activite_clinique',
    unit_kind: 'crp',
    unit_of_measure: 'orientations',
    period_type: 'year',
    dimension: null,
  },
  {
    ...count,
    code: 'FOR_SESS',
    label: 'Sessions de formation dispensées',
    definition: 'Sessions de formation ou d’analyse de pratique animées par l’équipe du centre pour des professionnels extérieurs.',
    counting_rule:
      'Une session par groupe et par demi-journée au moins, ventilée selon le public principal. Les interventions de moins de deux heures relèvent de la sensibilisation.',
    domain: 'formation',
    unit_kind: 'crp',
    unit_of_measure: 'sessions',
    period_type: 'year',
    dimension: 'AUDIENCE',
    expected_result: 'training',
  },
  {
    ...count,
    code: 'FOR_PERS',
    label: 'Professionnels formés',
    definition: 'Participants aux sessions de formation du centre dans l’année.',
    counting_rule: 'Somme des émargements : une personne présente à deux sessions compte deux fois. Ventilation selon le public de la session.',
    domain: 'formation',
    unit_kind: 'crp',
    unit_of_measure: 'participants',
    period_type: 'year',
    dimension: 'AUDIENCE',
    expected_result: 'training',
  },
  {
    ...count,
    code: 'NET_REF',
    label: 'Structures référencées dans la cartographie de l’offre de soins',
    definition:
      'Structures de la région (consultations spécialisées, unités médico-judiciaires, associations, équipes mobiles…) recensées et vérifiées par le centre dans la cartographie nationale.',
    counting_rule: 'Stock au 31 décembre : structures actives, vérifiées dans l’année ; une structure fermée est retirée.',
    domain: 'cartographie',
    unit_kind: 'crp',
    unit_of_measure: 'structures',
    period_type: 'year',
    time_aggregation: 'last',
    dimension: null,
    expected_result: 'mapping',
  },
  {
    ...count,
    code: 'NET_MEET',
    label: 'Réunions de réseau et revues de cas',
    definition:
      'Réunions de coordination, comités de pilotage et revues de cas pluriprofessionnelles animés ou co-animés par le centre, et réunions nationales du réseau auxquelles il participe.',
    counting_rule: 'Une réunion compte une fois, au niveau de son périmètre : local (territoire, établissement), régional ou national (réseau CN2R).',
    domain: 'reseau',
    unit_kind: 'crp',
    unit_of_measure: 'réunions',
    period_type: 'year',
    dimension: 'NIVEAU',
    expected_result: 'network',
  },
  {
    ...count,
    code: 'RES_PROJ',
    label: 'Projets de recherche en cours',
    definition: 'Projets de recherche sur le psychotraumatisme, financés ou autorisés, en cours au moins un jour de l’année.',
    counting_rule: 'Un projet compte une fois par année : porteur si le centre le coordonne, partenaire sinon.',
    domain: 'recherche',
    unit_kind: 'crp',
    unit_of_measure: 'projets',
    period_type: 'year',
    time_aggregation: 'last',
    dimension: 'ROLE_RECH',
  },
  {
    ...count,
    code: 'RES_PUB',
    label: 'Publications dans des revues à comité de lecture',
    definition: 'Articles publiés dans l’année dans des revues à comité de lecture, dont au moins un auteur appartient à l’équipe du centre.',
    counting_rule: 'Date de première publication (en ligne ou papier) ; un article compte une fois, quel que soit le nombre d’auteurs du centre.',
    domain: 'recherche',
    unit_kind: 'crp',
    unit_of_measure: 'articles',
    period_type: 'year',
    dimension: null,
  },
  // CN2R's own work for the network.
  {
    ...count,
    code: 'CN2R_BOURSES',
    label: 'Bourses de recherche attribuées',
    definition: 'Bourses attribuées par le CN2R à des étudiants et chercheurs travaillant sur le psychotraumatisme.',
    counting_rule: 'Comptées à la date de la décision d’attribution, par type de bourse.',
    domain: 'recherche',
    unit_kind: 'cn2r',
    unit_of_measure: 'bourses',
    period_type: 'year',
    dimension: 'BOURSE',
  },
  {
    ...count,
    code: 'CN2R_REF_BP',
    label: 'Référentiels de bonnes pratiques publiés',
    definition: 'Documents de référence (recommandations, guides, fiches pratiques) publiés par le CN2R ou sous sa coordination.',
    counting_rule: 'Un document compte à sa première publication ; une mise à jour majeure compte comme une nouvelle publication.',
    domain: 'sensibilisation',
    unit_kind: 'cn2r',
    unit_of_measure: 'documents',
    period_type: 'year',
    dimension: null,
    expected_result: 'good_practice',
  },
  {
    ...count,
    code: 'CN2R_MOD_FOR',
    label: 'Modules de formation publiés',
    definition: 'Modules de formation (référentiels de formation, modules en ligne, kits pédagogiques) mis à la disposition du réseau.',
    counting_rule: 'Un module compte à sa mise à disposition ; une traduction ou une adaptation mineure n’est pas comptée.',
    domain: 'formation',
    unit_kind: 'cn2r',
    unit_of_measure: 'modules',
    period_type: 'year',
    dimension: null,
    expected_result: 'training',
  },
  {
    ...count,
    code: 'CN2R_FOR_SESS',
    label: 'Formations organisées par le CN2R',
    definition: 'Sessions de formation organisées par le CN2R : présentiel, classes virtuelles, webinaires de deux heures ou plus.',
    counting_rule: 'Une session par groupe et par demi-journée au moins.',
    domain: 'formation',
    unit_kind: 'cn2r',
    unit_of_measure: 'sessions',
    period_type: 'year',
    dimension: null,
    expected_result: 'training',
    network_counterpart_code: 'FOR_SESS',
  },
  {
    ...count,
    code: 'CN2R_FOR_PERS',
    label: 'Personnes formées par le CN2R',
    definition: 'Participants aux formations organisées par le CN2R.',
    counting_rule: 'Somme des émargements (ou des connexions de plus de trente minutes pour une classe virtuelle).',
    domain: 'formation',
    unit_kind: 'cn2r',
    unit_of_measure: 'participants',
    period_type: 'year',
    dimension: null,
    expected_result: 'training',
    network_counterpart_code: 'FOR_PERS',
  },
  {
    ...count,
    code: 'CN2R_NET_MEET',
    label: 'Réunions du réseau animées par le CN2R',
    definition: 'Journées nationales, réunions des coordonnateurs des centres et groupes de travail thématiques animés par le CN2R.',
    counting_rule: 'Une réunion compte une fois, quelle que soit sa durée.',
    domain: 'reseau',
    unit_kind: 'cn2r',
    unit_of_measure: 'réunions',
    period_type: 'year',
    dimension: null,
    expected_result: 'network',
  },
  {
    ...count,
    code: 'CN2R_CARTO',
    label: 'Structures référencées dans la cartographie nationale',
    definition: 'Structures recensées et vérifiées dans la cartographie nationale de l’offre de soins en psychotraumatologie.',
    counting_rule: 'Stock au 31 décembre, toutes régions confondues ; une structure fermée est retirée.',
    domain: 'cartographie',
    unit_kind: 'cn2r',
    unit_of_measure: 'structures',
    period_type: 'year',
    time_aggregation: 'last',
    dimension: null,
    expected_result: 'mapping',
  },
  {
    ...count,
    code: 'CN2R_SENSIB',
    label: 'Actions de sensibilisation',
    definition: 'Actions de sensibilisation du grand public ou des professionnels : interventions, campagnes, webinaires courts, supports diffusés.',
    counting_rule: 'Une action par événement ou par campagne, quelle que soit sa durée.',
    domain: 'sensibilisation',
    unit_kind: 'cn2r',
    unit_of_measure: 'actions',
    period_type: 'year',
    dimension: null,
  },
  {
    ...count,
    code: 'CN2R_PAIRS',
    label: 'Personnes concernées associées aux travaux',
    definition: 'Personnes ayant vécu un psychotraumatisme associées aux travaux du CN2R (comités, groupes de travail, relectures, formations).',
    counting_rule: 'Personnes distinctes dans l’année.',
    domain: 'sensibilisation',
    unit_kind: 'cn2r',
    unit_of_measure: 'personnes',
    period_type: 'year',
    dimension: null,
  },
];

const RULES: { code: string; label: string; expression: string; severity: 'error' | 'warning'; message: string }[] = [
  {
    code: 'NEW_LE_FA',
    label: 'Nouveaux patients et file active',
    expression: 'ACT_NEW <= ACT_FA',
    severity: 'error',
    message: 'Les nouveaux patients ne peuvent pas dépasser la file active : tout nouveau patient fait partie de la file active.',
  },
  ...AGE.map((band) => ({
    code: `NEW_LE_FA_${band.replace('-', '_').replace('+', 'PLUS')}`,
    label: `Nouveaux patients et file active (${band === '18+' ? '18 ans et plus' : `${band.replace('-', ' à ')} ans`})`,
    expression: `ACT_NEW[${band}] <= ACT_FA[${band}]`,
    severity: 'error' as const,
    message: `Tranche ${band === '18+' ? '18 ans et plus' : `${band.replace('-', ' à ')} ans`} : les nouveaux patients ne peuvent pas dépasser la file active de la même tranche.`,
  })),
  {
    code: 'EVT_EQ_NEW',
    label: 'Types d’événement et nouveaux patients de l’année',
    expression: 'ACT_EVT == ACT_NEW',
    severity: 'warning',
    message: 'La somme des nouveaux patients par type d’événement devrait être égale aux nouveaux patients de l’année (somme des quatre trimestres).',
  },
  {
    code: 'MINORS_SHARE',
    label: 'Part des mineurs parmi les nouveaux patients',
    expression: '(ACT_NEW[0-5] + ACT_NEW[6-11] + ACT_NEW[12-17]) <= 0.4 * ACT_NEW',
    severity: 'warning',
    message: 'Les mineurs représentent plus de 40 % des nouveaux patients (habituellement 10 à 25 %) : merci d’en préciser la raison.',
  },
  {
    code: 'WAIT_MINORS_180',
    label: 'Délai d’accès des mineurs',
    expression: 'ACT_WAIT_D[mineur] <= 180',
    severity: 'warning',
    message: 'Le délai médian d’accès au premier rendez-vous des mineurs dépasse six mois (180 jours) : merci d’en préciser la raison.',
  },
  {
    code: 'CS_GE_FA',
    label: 'Consultations et file active',
    expression: 'ACT_CS >= ACT_FA',
    severity: 'warning',
    message: 'Moins de consultations que de patients dans la file active : chaque patient compté a eu au moins un acte, vérifiez les deux saisies.',
  },
  {
    code: 'ORIENT_LE_FA',
    label: 'Orientations et file active',
    expression: 'ACT_ORIENT <= ACT_FA',
    severity: 'warning',
    message: 'Plus d’orientations que de patients dans la file active de l’année : vérifiez le mode de comptage (une orientation par patient et par partenaire).',
  },
  {
    code: 'TRAINEES_GE_SESSIONS',
    label: 'Participants et sessions de formation',
    expression: 'FOR_PERS >= FOR_SESS',
    severity: 'warning',
    message: 'Moins de participants que de sessions de formation : vérifiez les deux saisies.',
  },
  {
    code: 'TRAINEES_MAX',
    label: 'Participants par session (maximum)',
    expression: 'FOR_PERS <= 100 * FOR_SESS',
    severity: 'error',
    message: 'Plus de 100 participants par session en moyenne : les conférences et webinaires grand public relèvent de la sensibilisation, pas de la formation.',
  },
  {
    code: 'CN2R_TRAINEES_MAX',
    label: 'Participants par formation du CN2R (maximum)',
    expression: 'CN2R_FOR_PERS <= 100 * CN2R_FOR_SESS',
    severity: 'error',
    message: 'Plus de 100 participants par formation en moyenne : les webinaires grand public relèvent des actions de sensibilisation.',
  },
];

// ---- Units ----

interface CrpProfile {
  /** Activity relative to a median centre. */
  size: number;
  /** Share of minors among new patients. */
  minors: number;
  /** Yearly file active / new patients. */
  faRatio: number;
  /** Yearly consultations / file active. */
  csPerFa: number;
  /** Waiting list at quarter end / yearly new patients. */
  wait: number;
  delayAdult: number;
  delayMinor: number;
  orient: number;
  evt?: Partial<Record<Evt, number>>;
}

/** The ten demo CRP (db/seeds/demo.ts): the two AP-HP centres and Lyon larger, Martinique smaller. */
const CRP_PROFILES: Record<string, CrpProfile> = {
  'CRP-BFC': { size: 0.8, minors: 0.15, faRatio: 2.1, csPerFa: 10.6, wait: 0.5, delayAdult: 55, delayMinor: 80, orient: 0.38 },
  'CRP-CVL': { size: 0.8, minors: 0.13, faRatio: 2.05, csPerFa: 10.2, wait: 0.6, delayAdult: 70, delayMinor: 95, orient: 0.35 },
  'CRP-GE': { size: 1.0, minors: 0.16, faRatio: 2.2, csPerFa: 10.8, wait: 0.65, delayAdult: 75, delayMinor: 112, orient: 0.4 },
  'CRP-HDF': { size: 1.15, minors: 0.17, faRatio: 2.15, csPerFa: 11.0, wait: 0.6, delayAdult: 60, delayMinor: 90, orient: 0.42 },
  'CRP-ARA': { size: 1.4, minors: 0.18, faRatio: 2.15, csPerFa: 11.0, wait: 0.7, delayAdult: 80, delayMinor: 110, orient: 0.4 },
  'CRP-IDF-CS': { size: 1.5, minors: 0.19, faRatio: 2.1, csPerFa: 11.0, wait: 0.85, delayAdult: 110, delayMinor: 140, orient: 0.45, evt: { attentat: 3, exil_migration: 2 } },
  'CRP-IDF-PN': { size: 1.45, minors: 0.16, faRatio: 2.1, csPerFa: 11.0, wait: 0.8, delayAdult: 100, delayMinor: 130, orient: 0.36, evt: { exil_migration: 2.4, guerre: 1.6 } },
  'CRP-MQ': { size: 0.6, minors: 0.22, faRatio: 2.05, csPerFa: 10.4, wait: 0.45, delayAdult: 45, delayMinor: 60, orient: 0.3, evt: { catastrophe_naturelle: 6, attentat: 0 } },
  'CRP-OCC': { size: 1.2, minors: 0.15, faRatio: 2.1, csPerFa: 10.9, wait: 0.6, delayAdult: 65, delayMinor: 95, orient: 0.38 },
  'CRP-PACA': { size: 1.0, minors: 0.2, faRatio: 2.1, csPerFa: 10.7, wait: 0.55, delayAdult: 70, delayMinor: 85, orient: 0.37, evt: { attentat: 3 } },
};

const EVT_WEIGHTS: Record<Evt, number> = {
  attentat: 0.02,
  violences_sexuelles: 0.26,
  violences_intrafamiliales: 0.22,
  violences_physiques: 0.12,
  accident: 0.08,
  catastrophe_naturelle: 0.01,
  deuil_traumatique: 0.08,
  exil_migration: 0.09,
  guerre: 0.03,
  autre: 0.09,
};
const AUDIENCE_SHARES: Record<(typeof AUDIENCE)[number], number> = { sante: 0.32, medico_social: 0.2, justice: 0.1, forces_ordre: 0.1, education: 0.16, associations: 0.12 };
const TRAINEES_PER_SESSION: Record<(typeof AUDIENCE)[number], number> = { sante: 20, medico_social: 16, justice: 14, forces_ordre: 18, education: 24, associations: 15 };
/** Yearly new patients of a median centre in the first seeded year. */
const BASE_NEW_PATIENTS = 270;
const SEASON = [0.26, 0.255, 0.215, 0.27];
/** Share of the returning patients (file active minus new) first seen in each quarter of the year. */
const RETURNING_BY_QUARTER = [0.58, 0.18, 0.1, 0.14];

/** How the current year's last due quarter stands, per unit: one returned, two late, one granted more time. */
const LAST_DUE_STATUS: Record<string, 'validated' | 'submitted' | 'returned' | 'late_draft' | 'late_missing' | 'extended_draft'> = {
  'CRP-HDF': 'returned',
  'CRP-CVL': 'late_missing',
  'CRP-GE': 'late_draft',
  'CRP-MQ': 'extended_draft',
  'CRP-ARA': 'submitted',
  'CRP-BFC': 'submitted',
  'CRP-OCC': 'submitted',
  'CRP-IDF-CS': 'validated',
  'CRP-IDF-PN': 'validated',
  'CRP-PACA': 'validated',
};
/** A quarter that has ended but is not yet due. */
const PENDING_STATUS: Record<string, 'submitted' | 'draft'> = { 'CRP-IDF-CS': 'submitted', 'CRP-IDF-PN': 'submitted', 'CRP-ARA': 'submitted', 'CRP-PACA': 'submitted', 'CRP-BFC': 'draft', 'CRP-HDF': 'draft' };
/** Units already entering the quarter in progress. */
const IN_PROGRESS = new Set(['CRP-ARA', 'CRP-IDF-CS', 'CRP-BFC', 'CRP-PACA']);

const RETURN_MESSAGE =
  'Les consultations de psychologues semblent incomplètes pour ce trimestre (environ 40 % de moins qu’au même trimestre l’an dernier, alors que la file active progresse). Merci de vérifier l’export de votre logiciel de rendez-vous, de corriger la valeur puis de transmettre de nouveau le formulaire.';

// ---- Planning (pure) ----

type Cells = Map<string, number>;
const cellKey = (code: string, option: string | null) => `${code}|${option ?? ''}`;

interface PlannedSubmission {
  unit: string;
  period: string;
  status: 'draft' | 'submitted' | 'validated' | 'returned';
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  validatedAt: number | null;
  returnedAt: number | null;
  returnMessage: string | null;
  /** The cells entered (all of the form's cells, or some for a draft). */
  cells: Cells;
  ruleExplanations: { rule: string; text: string }[];
}

interface PlannedComment {
  unit: string;
  period: string;
  code: string;
  option: string | null;
  thread: { author: 'admin' | 'lead'; at: number; body: string }[];
}

interface Plan {
  year: number;
  submissions: PlannedSubmission[];
  /** Explanations of values, keyed `unit|period|code|option`. */
  explanations: Map<string, string>;
  comments: PlannedComment[];
  extension: { unit: string; period: string; dueOn: string; reason: string } | null;
  targets: { code: string; year: number; target: number }[];
}

class Planner {
  /** Every cell's value per `unit|period`, full even where the form holds only part of it. */
  private readonly ledger = new Map<string, Cells>();
  /** Cells whose change from last year is designed (not clamped), with the explanation. */
  private readonly designed = new Map<string, string>();
  readonly explanations = new Map<string, string>();

  constructor(readonly firstYear: number) {}

  cells(unit: string, period: string): Cells {
    const key = `${unit}|${period}`;
    let cells = this.ledger.get(key);
    if (!cells) this.ledger.set(key, (cells = new Map()));
    return cells;
  }

  get(unit: string, period: string, code: string, option: string | null = null): number | undefined {
    return this.ledger.get(`${unit}|${period}`)?.get(cellKey(code, option));
  }

  /** Declares a designed change (or the return to normal the year after), exempt from the 50 % clamp. */
  design(unit: string, period: string, code: string, option: string | null, text: string): void {
    this.designed.set(`${unit}|${period}|${cellKey(code, option)}`, text);
  }

  /**
   * Draws a count around `expected`, then keeps it within 50 % of the same cell last year (the
   * form asks for an explanation beyond), unless the change is designed; `atLeast` wins last.
   */
  pick(unit: string, period: string, code: string, option: string | null, expected: number, noisePct: number, atLeast = 0): number {
    let value = Math.max(0, Math.round(expected * rng(unit, this.yearIndex(period), period.slice(4), code, option ?? '').noise(noisePct)));
    const reference = this.get(unit, samePeriodLastYear(period), code, option);
    const designed = this.designed.has(`${unit}|${period}|${cellKey(code, option)}`);
    if (reference !== undefined && !designed) value = Math.min(Math.max(value, Math.ceil(reference * 0.5 - 1e-9)), Math.floor(reference * 1.5 + 1e-9));
    value = Math.max(value, atLeast);
    this.set(unit, period, code, option, value);
    return value;
  }

  set(unit: string, period: string, code: string, option: string | null, value: number): void {
    this.cells(unit, period).set(cellKey(code, option), value);
  }

  /** The bounds `pick` would keep a cell within. */
  bounds(unit: string, period: string, code: string, option: string | null): [number, number] {
    const reference = this.get(unit, samePeriodLastYear(period), code, option);
    if (reference === undefined || this.designed.has(`${unit}|${period}|${cellKey(code, option)}`)) return [0, Number.POSITIVE_INFINITY];
    return [Math.ceil(reference * 0.5 - 1e-9), Math.floor(reference * 1.5 + 1e-9)];
  }

  /** Explains every cell of a form that moved more than 50 % from last year with its designed text. */
  explainOutliers(unit: string, period: string, cells: Cells): void {
    for (const [key, value] of cells) {
      const [code, option] = key.split('|');
      const reference = this.get(unit, samePeriodLastYear(period), code, option || null);
      if (reference === undefined || !outlierCheck(value, reference).flagged) continue;
      const text = this.designed.get(`${unit}|${period}|${key}`);
      if (text) this.explanations.set(`${unit}|${period}|${key}`, text);
    }
  }

  /** Relative year, so values do not depend on the calendar year (only on « n years into the demo »). */
  private yearIndex(period: string): number {
    return Number(period.slice(0, 4)) - this.firstYear;
  }
}

const nice = (n: number) => (n >= 200 ? Math.round(n / 10) * 10 : n >= 40 ? Math.round(n / 5) * 5 : Math.round(n));

function planCrpYear(p: Planner, unit: string, profile: CrpProfile, year: number, k: number, returnedQuarter: number | null): void {
  const growth = 1.05 ** k;
  const newYearExp = BASE_NEW_PATIENTS * profile.size * growth * rng(unit, k, 'new').noise(0.04);
  const season = SEASON.map((s, i) => s * rng(unit, k, 'season', i).noise(0.04));
  const minorsYear = profile.minors * rng(unit, k, 'minors').noise(0.08);

  for (let q = 1; q <= 4; q++) {
    const period = `${year}-Q${q}`;
    const m = Math.min(0.3, minorsYear * rng(unit, k, q, 'minors').noise(0.1));
    const shares = [m * 0.15, m * 0.35, m * 0.5, 1 - m];
    const totalExp = newYearExp * season[q - 1];
    // Designed: a school-bus accident brings 38 children and teenagers to CRP PACA in Q3 of year 2.
    const surge = unit === 'CRP-PACA' && k === 2 && q === 3 ? [0, 14, 24, 0] : [0, 0, 0, 0];
    const newBands = AGE.map((band, i) => p.pick(unit, period, 'ACT_NEW', band, totalExp * shares[i], 0.06) + surge[i]);
    AGE.forEach((band, i) => p.set(unit, period, 'ACT_NEW', band, newBands[i]));
    const returningExp = newYearExp * (profile.faRatio - 1) * RETURNING_BY_QUARTER[q - 1];
    const mr = Math.min(0.3, m * 1.05);
    const returningShares = [mr * 0.12, mr * 0.36, mr * 0.52, 1 - mr];
    AGE.forEach((band, i) => {
      const base = newBands[i] - surge[i];
      const fa = p.pick(unit, period, 'ACT_FA', band, base + returningExp * returningShares[i], 0.05, base);
      p.set(unit, period, 'ACT_FA', band, fa + surge[i]);
    });

    const csExp = newYearExp * profile.faRatio * profile.csPerFa * season[q - 1];
    const pedo = m * 0.85;
    const profShares = [0.2, pedo, 0.42, 0.15, Math.max(0.04, 1 - 0.2 - pedo - 0.42 - 0.15)];
    const shareSum = profShares.reduce((a, b) => a + b, 0);
    PROF.forEach((prof, i) => p.pick(unit, period, 'ACT_CS', prof, (csExp * profShares[i]) / shareSum, 0.05));
    if (q === returnedQuarter) {
      // The value CN2R questions: psychologists' consultations 40 % down (under the outlier threshold).
      const reference = p.get(unit, samePeriodLastYear(period), 'ACT_CS', 'psychologue') ?? 0;
      p.set(unit, period, 'ACT_CS', 'psychologue', Math.ceil(reference * 0.6));
    }

    const waitExp = newYearExp * profile.wait * (0.94 + 0.03 * q);
    const waitMinors = Math.min(0.5, m * 1.4);
    p.pick(unit, period, 'ACT_WAIT_N', 'adulte', waitExp * (1 - waitMinors), 0.08);
    p.pick(unit, period, 'ACT_WAIT_N', 'mineur', waitExp * waitMinors, 0.1);
    p.pick(unit, period, 'ACT_WAIT_D', 'adulte', profile.delayAdult * (1 + 0.03 * k), 0.08);
    p.pick(unit, period, 'ACT_WAIT_D', 'mineur', profile.delayMinor * (1 + 0.03 * k), 0.08);
    // Designed: a vacant child psychiatrist post at CRP Grand Est (year 1, Q3–Q4); a surge of minors at Lyon (year 3, Q2).
    if (unit === 'CRP-GE' && k === 1 && q >= 3) p.set(unit, period, 'ACT_WAIT_D', 'mineur', q === 3 ? 205 : 228);
    if (unit === 'CRP-ARA' && k === 3 && q === 2) p.set(unit, period, 'ACT_WAIT_D', 'mineur', 196);
  }

  // Yearly indicators (entered on the year form the following winter).
  const period = String(year);
  const newYear = periodsOfYear(year, 'quarter').reduce((sum, q) => sum + AGE.reduce((s, band) => s + (p.get(unit, q, 'ACT_NEW', band) ?? 0), 0), 0);
  const accidentSurge = unit === 'CRP-PACA' && k === 2 ? 38 : 0;
  const weights = EVT.map((e) => EVT_WEIGHTS[e] * (profile.evt?.[e] ?? 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const evt = EVT.map((e, i) => p.pick(unit, period, 'ACT_EVT', e, ((newYear - accidentSurge) * weights[i]) / weightSum, 0.06));
  // The parts must add up to the new patients: adjust the largest cells, within their bounds.
  let gap = newYear - accidentSurge - evt.reduce((a, b) => a + b, 0);
  const bounds = EVT.map((e) => p.bounds(unit, period, 'ACT_EVT', e));
  const bySize = EVT.map((_, i) => i).sort((a, b) => evt[b] - evt[a] || a - b);
  while (gap !== 0) {
    const step = Math.sign(gap);
    const i = bySize.find((j) => (step > 0 ? evt[j] < bounds[j][1] : evt[j] > Math.max(0, bounds[j][0])));
    if (i === undefined) throw new Error(`Données de démonstration : répartition impossible des types d’événement (${unit}, ${year}).`);
    evt[i] += step;
    gap -= step;
  }
  evt[EVT.indexOf('accident')] += accidentSurge;
  EVT.forEach((e, i) => p.set(unit, period, 'ACT_EVT', e, evt[i]));

  const orientReference = p.get(unit, String(year - 1), 'ACT_ORIENT');
  if (unit === 'CRP-IDF-PN' && k === 2 && orientReference !== undefined) p.set(unit, period, 'ACT_ORIENT', null, Math.round(orientReference * 1.75));
  else p.pick(unit, period, 'ACT_ORIENT', null, newYear * profile.orient, 0.06);

  const sessionsExp = Math.min(38, (12 + 15 * profile.size) * 1.04 ** k);
  for (const audience of AUDIENCE) {
    const sessions = p.pick(unit, period, 'FOR_SESS', audience, sessionsExp * AUDIENCE_SHARES[audience], 0.15);
    const trainees = p.pick(unit, period, 'FOR_PERS', audience, sessions * TRAINEES_PER_SESSION[audience], 0.1, sessions);
    p.set(unit, period, 'FOR_PERS', audience, Math.min(trainees, 100 * sessions));
  }

  // Structures referenced: a few per centre, about 8 % more each year (Occitanie's jump after the
  // merger of its teams), on the scale of the care-offer registry that counts them from 2026 on.
  const refExpected = (3 + 2 * profile.size) * 1.08 ** k * (unit === 'CRP-OCC' && k >= 1 ? 1.65 : 1);
  p.pick(unit, period, 'NET_REF', null, refExpected, 0.03);

  p.pick(unit, period, 'NET_MEET', 'local', 8 + 6 * profile.size, 0.12);
  p.pick(unit, period, 'NET_MEET', 'regional', 4 + 2 * profile.size, 0.15);
  p.pick(unit, period, 'NET_MEET', 'national', 3, 0.2);
  p.pick(unit, period, 'RES_PROJ', 'porteur', 1 + 1.8 * profile.size + 0.3 * k, 0.1);
  p.pick(unit, period, 'RES_PROJ', 'partenaire', 2 + 2.5 * profile.size + 0.4 * k, 0.1);
  const pubReference = p.get(unit, String(year - 1), 'RES_PUB');
  if (unit === 'CRP-HDF' && k === 2 && pubReference !== undefined) p.set(unit, period, 'RES_PUB', null, Math.round(pubReference * 2.2));
  else p.pick(unit, period, 'RES_PUB', null, (1 + 3.5 * profile.size) * growth, 0.15);
}

function planCn2rYear(p: Planner, unit: string, year: number, k: number): void {
  const period = String(year);
  p.pick(unit, period, 'CN2R_BOURSES', 'master', 5 + 0.4 * k, 0.1);
  if (k === 2) p.set(unit, period, 'CN2R_BOURSES', 'doctorat', 4);
  else p.pick(unit, period, 'CN2R_BOURSES', 'doctorat', 2, 0.1);
  p.pick(unit, period, 'CN2R_BOURSES', 'post_doctorat', 1.6, 0.1);
  p.pick(unit, period, 'CN2R_REF_BP', null, 2 + 0.5 * k, 0.1);
  p.pick(unit, period, 'CN2R_MOD_FOR', null, 3 + 0.7 * k, 0.1);
  const sessions = p.pick(unit, period, 'CN2R_FOR_SESS', null, 24 * 1.08 ** k, 0.08);
  p.set(unit, period, 'CN2R_FOR_PERS', null, Math.min(100 * sessions, p.pick(unit, period, 'CN2R_FOR_PERS', null, sessions * 32, 0.08, sessions)));
  p.pick(unit, period, 'CN2R_NET_MEET', null, 10 + k, 0.1);
  const cartoReference = p.get(unit, String(year - 1), 'CN2R_CARTO');
  if (cartoReference === undefined) p.pick(unit, period, 'CN2R_CARTO', null, 950, 0.03);
  else p.set(unit, period, 'CN2R_CARTO', null, Math.round(cartoReference * 1.1 * rng(unit, k, 'CN2R_CARTO').noise(0.02)));
  p.pick(unit, period, 'CN2R_SENSIB', null, 18 * 1.12 ** k, 0.1);
  p.pick(unit, period, 'CN2R_PAIRS', null, 6 + 2 * k, 0.1);
}

/** The cells of a form, in the demo's indicator order, as far as `codes` go. */
function formCells(p: Planner, unit: string, period: string, codes: readonly string[], scale = 1): Cells {
  const all = p.cells(unit, period);
  const cells: Cells = new Map();
  for (const [key, value] of all) {
    if (codes.includes(key.split('|')[0])) cells.set(key, scale === 1 ? value : Math.round(value * scale));
  }
  return cells;
}

const QUARTER_CODES = INDICATORS.filter((i) => i.unit_kind === 'crp' && i.period_type === 'quarter').map((i) => i.code);
const CRP_YEAR_CODES = INDICATORS.filter((i) => i.unit_kind === 'crp' && i.period_type === 'year').map((i) => i.code);
const CN2R_CODES = INDICATORS.filter((i) => i.unit_kind === 'cn2r').map((i) => i.code);

/** Everything the demo holds, from `today` and the units present. Pure. */
export function planCollectionDemo(today: string, crpUnits: readonly string[], cn2rUnit: string | null): Plan {
  periodOf(today, 'year'); // throws PeriodError (French) on anything but an existing YYYY-MM-DD
  const year = Number(today.slice(0, 4));
  const firstYear = year - 3;
  const p = new Planner(firstYear);
  const limit = dayMs(today) - 6 * HOUR_MS; // nothing happens after yesterday evening
  const clamp = (ms: number) => Math.min(ms, limit);

  const quarters = periodsOfYear(year, 'quarter');
  const due = quarters.filter((q) => dueOn(q) < today);
  const lastDue = due.at(-1) ?? null;
  const pending = quarters.find((q) => parsePeriod(q).end < today && dueOn(q) >= today) ?? null;
  const inProgress = quarters.find((q) => parsePeriod(q).start <= today && today <= parsePeriod(q).end) ?? null;
  const returnedQuarter = lastDue ? Number(lastDue.slice(-1)) : null;

  // Designed changes and their explanations (a change flagged by the form gets its text).
  const accident = 'Accident d’un car scolaire en juin : 38 enfants et adolescents, blessés ou témoins, pris en charge en urgence avec la Fondation Lenval.';
  const afterAccident = 'Retour au niveau habituel après l’afflux exceptionnel de l’an dernier (accident d’un car scolaire, 38 mineurs pris en charge).';
  for (const code of ['ACT_NEW', 'ACT_FA']) {
    for (const band of ['6-11', '12-17']) {
      p.design('CRP-PACA', `${year - 1}-Q3`, code, band, accident);
      p.design('CRP-PACA', `${year}-Q3`, code, band, afterAccident);
    }
  }
  p.design('CRP-PACA', String(year - 1), 'ACT_EVT', 'accident', accident);
  const vacancy = 'Poste de pédopsychiatre vacant de juin à décembre : les nouvelles demandes des mineurs ont été mises en attente. Recrutement effectif au 1er janvier.';
  const recruited = 'Délai revenu à la normale après le recrutement d’un pédopsychiatre en janvier.';
  for (const q of ['Q3', 'Q4']) {
    p.design('CRP-GE', `${year - 2}-${q}`, 'ACT_WAIT_D', 'mineur', vacancy);
    p.design('CRP-GE', `${year - 1}-${q}`, 'ACT_WAIT_D', 'mineur', recruited);
  }
  const lyon = 'Forte hausse des demandes pour des mineurs après plusieurs événements en milieu scolaire dans la région ; un pédopsychiatre à mi-temps renforce l’équipe depuis septembre.';
  p.design('CRP-ARA', `${year}-Q2`, 'ACT_WAIT_D', 'mineur', lyon);
  p.design('CRP-OCC', String(year - 2), 'NET_REF', null, 'Cartographie étendue aux structures de l’ex-Languedoc-Roussillon (sites de Montpellier et de Nîmes) après l’intégration de leurs équipes au centre.');
  p.design('CRP-IDF-PN', String(year - 1), 'ACT_ORIENT', null, 'Convention signée avec la permanence d’accès aux soins de santé (PASS) : chaque nouveau patient est désormais orienté vers un bilan somatique.');
  if (cn2rUnit) p.design(cn2rUnit, String(year - 1), 'CN2R_BOURSES', 'doctorat', 'Second appel à projets doctoraux, cofinancé par la région Hauts-de-France : deux contrats doctoraux de plus.');

  const crp = crpUnits.filter((u) => CRP_PROFILES[u]);
  for (let k = 0; k <= 3; k++) {
    for (const unit of crp) planCrpYear(p, unit, CRP_PROFILES[unit], firstYear + k, k, unit === 'CRP-HDF' && k === 3 ? returnedQuarter : null);
    if (cn2rUnit) planCn2rYear(p, cn2rUnit, firstYear + k, k);
  }
  // Publications of CRP-HDF: the text names the number.
  const hdfPubs = p.get('CRP-HDF', String(year - 1), 'RES_PUB');
  if (hdfPubs !== undefined) p.design('CRP-HDF', String(year - 1), 'RES_PUB', null, `Publication groupée des résultats de l’étude de cohorte régionale : ${hdfPubs} articles acceptés dans l’année.`);

  const submissions: PlannedSubmission[] = [];
  const add = (s: Omit<PlannedSubmission, 'ruleExplanations'>, ruleExplanations: PlannedSubmission['ruleExplanations'] = []) => {
    if (s.status !== 'draft') p.explainOutliers(s.unit, s.period, s.cells);
    submissions.push({ ...s, ruleExplanations });
  };

  /** Created after the period ends, submitted before the due date (or a few days late), validated days later. */
  const validatedChain = (unit: string, period: string, late: boolean) => {
    const r = rng(unit, period, 'dates');
    const end = parsePeriod(period).end;
    const deadline = dueOn(period);
    const submittedDay = late ? addDays(deadline, r.int(3, 25)) : addDays(deadline, -r.int(1, 20));
    const submittedAt = onDay(submittedDay, officeMinutes(r));
    const validated = clamp(onDay(addDays(submittedDay, r.int(2, 12)), officeMinutes(r)));
    const submitted = Math.min(submittedAt, validated - 2 * HOUR_MS);
    const created = Math.min(onDay(addDays(end, r.int(1, 6)), officeMinutes(r)), submitted - HOUR_MS);
    return { created, submitted, validated };
  };
  const ruleTexts: Record<string, { rule: string; text: string }[]> = {
    [`CRP-PACA|${year - 1}-Q3`]: [{ rule: 'MINORS_SHARE', text: `${accident} Part des mineurs exceptionnelle sur ce trimestre.` }],
    [`CRP-GE|${year - 2}-Q3`]: [{ rule: 'WAIT_MINORS_180', text: vacancy }],
    [`CRP-GE|${year - 2}-Q4`]: [{ rule: 'WAIT_MINORS_180', text: vacancy }],
    [`CRP-ARA|${year}-Q2`]: [{ rule: 'WAIT_MINORS_180', text: lyon }],
  };

  for (let y = firstYear; y < year; y++) {
    for (const unit of crp) {
      for (const period of [...periodsOfYear(y, 'quarter'), String(y)]) {
        const late = rng(unit, period, 'late').next() < 0.07;
        const { created, submitted, validated } = validatedChain(unit, period, late);
        const codes = period.includes('Q') ? QUARTER_CODES : CRP_YEAR_CODES;
        add(
          { unit, period, status: 'validated', createdAt: created, updatedAt: validated, submittedAt: submitted, validatedAt: validated, returnedAt: null, returnMessage: null, cells: formCells(p, unit, period, codes) },
          ruleTexts[`${unit}|${period}`],
        );
      }
    }
    if (cn2rUnit) {
      const period = String(y);
      const { created, submitted, validated } = validatedChain(cn2rUnit, period, false);
      add({ unit: cn2rUnit, period, status: 'validated', createdAt: created, updatedAt: validated, submittedAt: submitted, validatedAt: validated, returnedAt: null, returnMessage: null, cells: formCells(p, cn2rUnit, period, CN2R_CODES) });
    }
  }

  // The current year.
  const comments: PlannedComment[] = [];
  let extension: Plan['extension'] = null;
  for (const unit of crp) {
    for (const period of quarters) {
      const r = rng(unit, period, 'current');
      const end = parsePeriod(period).end;
      const deadline = dueOn(period);
      const full = formCells(p, unit, period, QUARTER_CODES);
      const partial = (codes: string[], scale = 1) => formCells(p, unit, period, codes, scale);
      const draftAt = clamp(onDay(addDays(end, r.int(2, 8)), officeMinutes(r)));
      const submittedAt = clamp(onDay(addDays(deadline, -r.int(1, 15)), officeMinutes(r)));
      const base = { unit, period, returnedAt: null, returnMessage: null, validatedAt: null };
      if (lastDue !== null && period < lastDue) {
        const late = unit === 'CRP-CVL' && period === quarters[Number(lastDue.slice(-1)) - 2];
        const { created, submitted, validated } = validatedChain(unit, period, late);
        add({ ...base, status: 'validated', createdAt: created, updatedAt: validated, submittedAt: submitted, validatedAt: validated, cells: full }, ruleTexts[`${unit}|${period}`]);
      } else if (period === lastDue) {
        const status = LAST_DUE_STATUS[unit] ?? 'validated';
        const created = Math.min(draftAt, submittedAt - HOUR_MS);
        if (status === 'validated') {
          const { created: c, submitted, validated } = validatedChain(unit, period, false);
          add({ ...base, status: 'validated', createdAt: c, updatedAt: validated, submittedAt: submitted, validatedAt: validated, cells: full }, ruleTexts[`${unit}|${period}`]);
        } else if (status === 'submitted') {
          add({ ...base, status: 'submitted', createdAt: created, updatedAt: submittedAt, submittedAt, cells: full }, ruleTexts[`${unit}|${period}`]);
        } else if (status === 'returned') {
          const returnedAt = clamp(submittedAt + r.int(3, 8) * DAY_MS);
          const submitted = Math.min(submittedAt, returnedAt - 3 * HOUR_MS);
          add({ ...base, status: 'returned', createdAt: Math.min(created, submitted - HOUR_MS), updatedAt: returnedAt, submittedAt: submitted, returnedAt, returnMessage: RETURN_MESSAGE, cells: full });
          const thread: PlannedComment['thread'] = [
            {
              author: 'admin',
              at: returnedAt - 30 * 60_000,
              body: 'Les consultations de psychologues baissent d’environ 40 % sur un an alors que la file active progresse. Une partie de l’activité (antenne de Valenciennes ?) manque-t-elle dans l’export ?',
            },
          ];
          if (returnedAt + DAY_MS <= limit) {
            thread.push({
              author: 'lead',
              at: returnedAt + DAY_MS,
              body: 'Vérifié : l’export du logiciel de rendez-vous n’a pas repris les psychologues de l’antenne de Valenciennes. Je corrige la valeur et je transmets de nouveau le formulaire cette semaine.',
            });
          }
          comments.push({ unit, period, code: 'ACT_CS', option: 'psychologue', thread });
        } else if (status === 'late_draft' || status === 'extended_draft') {
          const cells = partial(status === 'late_draft' ? ['ACT_FA', 'ACT_NEW'] : ['ACT_FA', 'ACT_NEW', 'ACT_CS']);
          add({ ...base, status: 'draft', createdAt: draftAt, updatedAt: clamp(draftAt + r.int(1, 10) * DAY_MS), submittedAt: null, cells });
          if (status === 'extended_draft') {
            const extendedTo = [addDays(deadline, 30), addDays(today, 14)].sort().at(-1)!;
            extension = { unit, period, dueOn: extendedTo, reason: 'Panne du logiciel de rendez-vous du CHU : extraction des données du trimestre retardée (accord de la coordination).' };
          }
        }
        // late_missing: nothing at all.
      } else if (period === pending) {
        const status = PENDING_STATUS[unit];
        if (status === 'submitted') add({ ...base, status: 'submitted', createdAt: Math.min(draftAt, clamp(submittedAt) - HOUR_MS), updatedAt: submittedAt, submittedAt, cells: full });
        else if (status === 'draft') add({ ...base, status: 'draft', createdAt: draftAt, updatedAt: draftAt, submittedAt: null, cells: full });
      } else if (period === inProgress && IN_PROGRESS.has(unit)) {
        const start = parsePeriod(period).start;
        const elapsed = daysBetween(start, today);
        if (elapsed >= 14) {
          // Running totals so far this quarter.
          const scale = elapsed / (daysBetween(start, end) + 1);
          const createdAt = clamp(onDay(addDays(start, r.int(7, Math.min(elapsed - 2, 20))), officeMinutes(r)));
          add({ ...base, status: 'draft', createdAt, updatedAt: clamp(createdAt + r.int(1, 6) * DAY_MS), submittedAt: null, cells: partial(['ACT_FA', 'ACT_NEW', 'ACT_CS'], scale) });
        }
      }
    }
  }
  if (cn2rUnit && daysBetween(`${year}-01-01`, today) >= 14) {
    // CN2R keeps its own year's running totals up to date.
    const elapsed = daysBetween(`${year}-01-01`, today) / (daysBetween(`${year}-01-01`, `${year}-12-31`) + 1);
    const r = rng(cn2rUnit, year, 'current');
    const createdAt = clamp(onDay(`${year}-01-1${r.int(2, 9)}`, officeMinutes(r)));
    add({
      unit: cn2rUnit,
      period: String(year),
      status: 'draft',
      createdAt,
      updatedAt: Math.max(createdAt, clamp(dayMs(today) - r.int(2, 9) * DAY_MS + officeMinutes(r) * 60_000)),
      submittedAt: null,
      validatedAt: null,
      returnedAt: null,
      returnMessage: null,
      cells: formCells(p, cn2rUnit, String(year), ['CN2R_FOR_SESS', 'CN2R_FOR_PERS', 'CN2R_NET_MEET', 'CN2R_SENSIB'], elapsed),
    });
  }

  // Two more threads: publications of CRP-HDF last year, the minors' delay at Lyon this year.
  const find = (unit: string, period: string) => submissions.find((s) => s.unit === unit && s.period === period && s.status !== 'draft');
  const pubs = find('CRP-HDF', String(year - 1));
  if (pubs?.submittedAt && hdfPubs !== undefined) {
    comments.push({
      unit: 'CRP-HDF',
      period: String(year - 1),
      code: 'RES_PUB',
      option: null,
      thread: [
        { author: 'admin', at: pubs.submittedAt + DAY_MS, body: 'Merci pour l’explication. Pouvez-vous nous transmettre la liste des références pour le rapport d’activité ?' },
        { author: 'lead', at: pubs.submittedAt + DAY_MS + 4 * HOUR_MS, body: `Liste des ${hdfPubs} articles déposée dans l’espace partagé du réseau, dossier « Rapport d’activité ».` },
      ],
    });
  }
  const lyonForm = find('CRP-ARA', `${year}-Q2`);
  if (lyonForm?.submittedAt) {
    const reviewAt = Math.min(lyonForm.validatedAt ?? limit, limit) - HOUR_MS;
    comments.push({
      unit: 'CRP-ARA',
      period: `${year}-Q2`,
      code: 'ACT_WAIT_D',
      option: 'mineur',
      thread: [
        { author: 'lead', at: lyonForm.submittedAt - HOUR_MS, body: 'Délai des mineurs en forte hausse ce trimestre : voir l’explication jointe. Nous priorisons les moins de 12 ans.' },
        { author: 'admin', at: Math.max(reviewAt, lyonForm.submittedAt + HOUR_MS), body: 'Noté, merci. Tenez-nous informés de l’arrivée du renfort : le délai sera suivi en réunion des coordonnateurs.' },
      ],
    });
  }

  // Yearly targets (network-wide for CRP indicators, CN2R's own for its indicators).
  const targets: Plan['targets'] = [];
  for (const indicator of INDICATORS.filter((i) => i.expected_result !== null)) {
    const unitsOf = indicator.unit_kind === 'crp' ? crp : cn2rUnit ? [cn2rUnit] : [];
    const actual = (y: number) => unitsOf.reduce((sum, unit) => sum + [...p.cells(unit, String(y))].filter(([key]) => key.split('|')[0] === indicator.code).reduce((s, [, v]) => s + v, 0), 0);
    const first = actual(firstYear);
    if (first === 0) continue;
    // About 5 % more each year from a first target a little above the first year's actual: met some years, missed others.
    for (let k = 0; k <= 3; k++) targets.push({ code: indicator.code, year: firstYear + k, target: nice(first * (1.03 + 0.055 * k)) });
  }

  return { year, submissions, explanations: p.explanations, comments, extension, targets };
}

// ---- Writing ----

const BATCH = 500;

/**
 * Seeds the collection demo in one transaction; does nothing (returns null) when indicators,
 * campaigns or submissions already exist. Needs the demo units and accounts (seedDemo).
 */
export async function seedCollectionDemo(knex: Knex, options: CollectionDemoOptions): Promise<CollectionDemoSummary | null> {
  for (const rule of RULES) parseRule(rule.expression); // throws on a rule the engine would refuse
  return knex.transaction(async (trx) => {
    const [{ n: indicatorCount }] = await trx('indicators').count({ n: '*' });
    const [{ n: campaignCount }] = await trx('campaigns').count({ n: '*' });
    const [{ n: submissionCount }] = await trx('submissions').count({ n: '*' });
    if (Number(indicatorCount) + Number(campaignCount) + Number(submissionCount) > 0) return null;

    const today = options.today;
    const year = Number(today.slice(0, 4));
    const firstYear = year - 3;
    const units: { id: number; code: string; kind: string; opened_on: string }[] = await trx('units').select('id', 'code', 'kind', 'opened_on').orderBy('id');
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    const crpUnits = units.filter((u) => u.kind === 'crp' && CRP_PROFILES[u.code] && String(u.opened_on) <= `${firstYear}-01-01`).map((u) => u.code);
    const cn2rUnit = units.find((u) => u.kind === 'cn2r')?.code ?? null;
    const admin: { id: number; email: string } | undefined =
      (await trx('users').where({ email: 'admin@demo.local' }).first('id', 'email')) ?? (await trx('users').where({ role: 'admin' }).orderBy('id').first('id', 'email'));
    const leadRows: { unit_id: number; id: number; email: string }[] = await trx('user_units')
      .join('users', 'users.id', 'user_units.user_id')
      .where({ 'users.role': 'unit_lead', 'users.active': true })
      .orderBy('users.email')
      .select('user_units.unit_id', 'users.id', 'users.email');
    const leadOf = new Map<number, { id: number; email: string }>();
    for (const row of leadRows) if (!leadOf.has(row.unit_id)) leadOf.set(row.unit_id, { id: row.id, email: row.email });
    const editorOf = (unit: string) => leadOf.get(unitId.get(unit)!) ?? admin ?? null;

    const plan = planCollectionDemo(today, crpUnits, cn2rUnit);
    const catalogueAt = `${firstYear - 1}-12-01T09:00:00.000Z`;

    // Catalogue.
    const optionId = new Map<string, number>();
    const dimensionId = new Map<string, number>();
    for (const dimension of DIMENSIONS) {
      const [{ id }] = await trx('dimensions')
        .insert({ code: dimension.code, label: dimension.label, sensitive: dimension.sensitive, created_at: catalogueAt, updated_at: catalogueAt })
        .returning('id');
      dimensionId.set(dimension.code, id);
      const rows: { id: number; code: string }[] = await trx('dimension_options')
        .insert(dimension.options.map(([code, label], j) => ({ dimension_id: id, code, label, sort_order: (j + 1) * 10 })))
        .returning(['id', 'code']);
      for (const row of rows) optionId.set(`${dimension.code}|${row.code}`, row.id);
    }
    const indicatorRows: { id: number; code: string }[] = await trx('indicators')
      .insert(
        INDICATORS.map(({ dimension, ...indicator }, i) => ({
          ...indicator,
          dimension_id: dimension ? dimensionId.get(dimension)! : null,
          required: true,
          sort_order: (i + 1) * 10,
          active_from: '2019-01-01',
          created_at: catalogueAt,
          updated_at: catalogueAt,
        })),
      )
      .returning(['id', 'code']);
    const indicatorId = new Map(indicatorRows.map((r) => [r.code, r.id]));
    const dimensionOf = new Map(INDICATORS.map((i) => [i.code, i.dimension]));
    if (plan.targets.length > 0) {
      await trx('indicator_targets').insert(plan.targets.map((t) => ({ indicator_code: t.code, year: t.year, target: t.target, created_at: catalogueAt, updated_at: catalogueAt })));
    }
    const ruleRows: { id: number; code: string }[] = await trx('consistency_rules')
      .insert(RULES.map((r) => ({ ...r, active: true, created_at: catalogueAt, updated_at: catalogueAt })))
      .returning(['id', 'code']);
    const ruleId = new Map(ruleRows.map((r) => [r.code, r.id]));

    // Campaigns: the three past years closed, the current one open.
    let campaignPeriods = 0;
    const campaignId = new Map<number, number>();
    for (let y = firstYear; y <= year; y++) {
      const openedAt = timestamp(Math.min(onDay(`${y - 1}-12-15`, 9 * 60), dayMs(today) - 6 * HOUR_MS));
      const [{ id }] = await trx('campaigns')
        .insert({ year: y, label: `Campagne de collecte ${y}`, status: y < year ? 'closed' : 'open', created_at: openedAt, updated_at: openedAt })
        .returning('id');
      campaignId.set(y, id);
      const periods = [...periodsOfYear(y, 'quarter'), String(y)].map((period) => ({ campaign_id: id, period, opens_on: parsePeriod(period).start, due_on: dueOn(period) }));
      await trx('campaign_periods').insert(periods);
      campaignPeriods += periods.length;
    }
    if (plan.extension) {
      await trx('campaign_extensions').insert({
        campaign_id: campaignId.get(year)!,
        unit_id: unitId.get(plan.extension.unit)!,
        period: plan.extension.period,
        due_on: plan.extension.dueOn,
        reason: plan.extension.reason,
      });
    }

    // Submissions, then their values.
    const submissionRows: { id: number; unit_id: number; period: string }[] = [];
    for (let i = 0; i < plan.submissions.length; i += BATCH) {
      const chunk = plan.submissions.slice(i, i + BATCH).map((s) => {
        const editor = editorOf(s.unit);
        return {
          unit_id: unitId.get(s.unit)!,
          period: s.period,
          status: s.status,
          return_message: s.returnMessage,
          submitted_at: s.submittedAt === null ? null : timestamp(s.submittedAt),
          submitted_by: s.submittedAt === null ? null : (editor?.id ?? null),
          validated_at: s.validatedAt === null ? null : timestamp(s.validatedAt),
          validated_by: s.validatedAt === null ? null : (admin?.id ?? null),
          returned_at: s.returnedAt === null ? null : timestamp(s.returnedAt),
          returned_by: s.returnedAt === null ? null : (admin?.id ?? null),
          created_at: timestamp(s.createdAt),
          updated_at: timestamp(s.updatedAt),
        };
      });
      submissionRows.push(...(await trx('submissions').insert(chunk).returning(['id', 'unit_id', 'period'])));
    }
    const submissionId = new Map(submissionRows.map((r) => [`${r.unit_id}|${r.period}`, r.id]));
    const idOfSubmission = (unit: string, period: string) => submissionId.get(`${unitId.get(unit)}|${period}`)!;

    const valueRows = plan.submissions.flatMap((s) => {
      const editor = editorOf(s.unit);
      const at = timestamp(s.submittedAt ?? s.updatedAt);
      return [...s.cells].map(([key, value]) => {
        const [code, option] = key.split('|');
        return {
          submission_id: idOfSubmission(s.unit, s.period),
          indicator_id: indicatorId.get(code)!,
          option_id: option ? optionId.get(`${dimensionOf.get(code)}|${option}`)! : null,
          value_num: value,
          explanation: plan.explanations.get(`${s.unit}|${s.period}|${key}`) ?? null,
          updated_by: editor?.id ?? null,
          created_at: timestamp(s.createdAt),
          updated_at: at,
        };
      });
    });
    for (let i = 0; i < valueRows.length; i += BATCH) await trx('indicator_values').insert(valueRows.slice(i, i + BATCH));

    const explanationRows = plan.submissions.flatMap((s) =>
      s.status === 'draft'
        ? []
        : s.ruleExplanations.map((e) => ({
            submission_id: idOfSubmission(s.unit, s.period),
            rule_id: ruleId.get(e.rule)!,
            explanation: e.text,
            updated_by: editorOf(s.unit)?.id ?? null,
            updated_at: timestamp(s.submittedAt ?? s.updatedAt),
          })),
    );
    if (explanationRows.length > 0) await trx('rule_explanations').insert(explanationRows);

    let comments = 0;
    for (const c of plan.comments) {
      const option = c.option ? optionId.get(`${dimensionOf.get(c.code)}|${c.option}`)! : null;
      const value = await trx('indicator_values')
        .where({ submission_id: idOfSubmission(c.unit, c.period), indicator_id: indicatorId.get(c.code)! })
        .andWhereRaw('coalesce(option_id, 0) = ?', [option ?? 0])
        .first('id');
      if (!value) continue;
      const rows = c.thread
        .map((m) => ({ ...m, user: m.author === 'admin' ? admin : leadOf.get(unitId.get(c.unit)!) }))
        .filter((m) => m.user)
        .map((m) => ({ value_id: value.id, author_id: m.user!.id, author_email: m.user!.email, body: m.body, created_at: timestamp(m.at) }));
      if (rows.length > 0) await trx('value_comments').insert(rows);
      comments += rows.length;
    }

    const summary: CollectionDemoSummary = {
      dimensions: DIMENSIONS.length,
      options: optionId.size,
      indicators: INDICATORS.length,
      targets: plan.targets.length,
      rules: RULES.length,
      campaigns: campaignId.size,
      campaignPeriods,
      extensions: plan.extension ? 1 : 0,
      submissions: plan.submissions.length,
      values: valueRows.length,
      ruleExplanations: explanationRows.length,
      valueExplanations: valueRows.filter((v) => v.explanation !== null).length,
      comments,
    };
    await trx('audit_log').insert({
      actor_email: 'système (données de démonstration)',
      action: 'demo.collection_seeded',
      entity_type: 'database',
      after: JSON.stringify({ today, years: [firstYear, year], ...summary }),
    });
    return summary;
  });
}
