/** Messages of the annual reports (versions, narratives, financial statement) and of the dashboards. */
import { formatFigureChange, type FigureChange } from '../collection/figure-change.js';
import { formatInstantFr } from '../format/french-dates.js';
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

/** A step of a report version refused in its current status. */
export type ReportVersionAction = 'present' | 'supersede' | 'approve';

export interface ReportMessageParams {
  'reports.version_not_found': { readonly year: number; readonly number: number };
  /** The version's status label. */
  'reports.illegal_transition': { readonly action: ReportVersionAction; readonly year: number; readonly number: number; readonly status: string };
  'reports.version_stale': { readonly year: number; readonly number: number };
  'reports.approved': { readonly year: number; readonly number: number };
  'reports.unknown_section': { readonly section: string };
  'reports.narrative_stale': void;
  'reports.financial_year_not_found': { readonly year: number };
  /** Another official version took the number this one's files carry. */
  'reports.generated_meanwhile': { readonly year: number };
  /** An approval dated before the version it approves was generated (ISO dates). */
  'reports.approval_before_generation': { readonly agDate: string; readonly generatedOn: string };
  /** Another generation of the same year is running (started at, ISO instant; by whom). */
  'reports.generation_running': { readonly year: number; readonly startedAt: string; readonly by: string | null };
  /** The approval certificate of a version not approved (or approved before certificates existed). */
  'reports.no_certificate': { readonly year: number; readonly number: number };
  /** A value far from last year's on the unit's dashboard (`change` null: it was zero). */
  'dashboards.outlier': {
    readonly indicator: string;
    readonly option: string | null;
    readonly change: FigureChange | null;
    readonly percent: number;
  };
}

const reportActions: Record<ReportVersionAction, string> = {
  present: 'marquer présentée à l’AG',
  supersede: 'remplacer',
  approve: 'approuver',
};

export const frenchReportMessages: CatalogueOf<ReportMessageParams> = {
  'reports.version_not_found': ({ year, number }) => `Version ${number} des rapports ${year} introuvable.`,
  'reports.illegal_transition': ({ action, year, number, status }) =>
    `Impossible de ${reportActions[action]} la version ${number} des rapports ${year} : elle est « ${status} ».`,
  'reports.version_stale': ({ year, number }) => frenchStaleVersion(`La version ${number} des rapports ${year}`, 'masculine'),
  'reports.approved': ({ year, number }) => `Les rapports ${year} sont approuvés (version ${number}) : aucune nouvelle version ne peut être générée.`,
  'reports.unknown_section': ({ section }) => `Section « ${section} » inconnue pour ce rapport.`,
  'reports.narrative_stale': () => frenchStaleVersion('Ce texte', 'masculine'),
  'reports.financial_year_not_found': ({ year }) => `Exercice ${year} introuvable : le bilan financier se tire d’un exercice budgétaire.`,
  'reports.generation_running': ({ year, startedAt, by }) =>
    `Une génération de la version officielle des rapports ${year} est déjà en cours (lancée le ${formatInstantFr(startedAt)}${by ? ` par ${by}` : ''}) : attendez qu’elle se termine, puis rechargez la page.`,
  'reports.no_certificate': ({ year, number }) => `La version ${number} des rapports ${year} n’a pas de certificat d’approbation : il est établi quand l’assemblée générale l’approuve.`,
  'reports.approval_before_generation': ({ agDate, generatedOn }) =>
    `L’assemblée générale du ${agDate.split('-').reverse().join('/')} précède la génération de cette version (${generatedOn.split('-').reverse().join('/')}) : elle ne peut pas l’avoir approuvée.`,
  'reports.generated_meanwhile': ({ year }) => `Une autre version des rapports ${year} a été générée pendant celle-ci : relancez la génération.`,
  'dashboards.outlier': ({ indicator, option, change, percent }) =>
    `${indicator}${option ? ` — ${option}` : ''} : ${change === null ? 'valeur non nulle alors qu’elle était nulle' : `écart de ${formatFigureChange(change)}`} par rapport à l’an dernier (plus de ${percent} %).`,
};
