/** Messages of the staff: people, assignments and their allocations, job ceilings, contributions in kind. */
import { formatDateFr } from '../format/french-dates.js';
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

/** An allocation's dates (ISO), `toOn` null when open-ended. */
export interface AllocationDates {
  readonly fromOn: string;
  readonly toOn: string | null;
}

export interface StaffMessageParams {
  /** Allocations that do not total 100 % every day (the problems are beside the fields). */
  'staff.allocations_not_full': void;
  /** Allocations charging a line of another fiscal year, or spanning two (problems beside the fields). */
  'staff.allocations_across_years': void;
  'staff.allocation_line_not_found': AllocationDates;
  'staff.allocation_line_other_year': AllocationDates & { readonly lineYear: number; readonly lineCode: string; readonly year: number };
  'staff.allocation_spans_years': AllocationDates & { readonly year: number };
  'staff.fiscal_year_missing': { readonly year: number };
  /** A change that would alter a closed year's headcount or costs. */
  'staff.closed_year_change': { readonly year: number };
  'staff.member_not_found': void;
  'staff.member_stale': void;
  'staff.member_has_assignments': void;
  'staff.assignment_not_found': void;
  'staff.assignment_stale': void;
  'staff.job_ceiling_stale': void;
  'staff.contribution_not_found': void;
  'staff.contribution_stale': void;
}

/** « à partir du 1 janvier 2026 », « du 1 janvier 2026 au 30 juin 2026 ». */
const frenchAllocationDates = ({ fromOn, toOn }: AllocationDates) =>
  toOn === null ? `à partir du ${formatDateFr(fromOn)}` : `du ${formatDateFr(fromOn)} au ${formatDateFr(toOn)}`;

export const frenchStaffMessages: CatalogueOf<StaffMessageParams> = {
  'staff.allocations_not_full': () => 'La ventilation doit totaliser exactement 100\u00A0% chaque jour de l’affectation.',
  'staff.allocations_across_years': () => 'Chaque ventilation impute une ligne budgétaire de l’exercice de ses dates, et ne couvre qu’un exercice.',
  'staff.allocation_line_not_found': (dates) => `La ligne budgétaire de la ventilation ${frenchAllocationDates(dates)} est introuvable.`,
  'staff.allocation_line_other_year': ({ lineYear, lineCode, year, ...dates }) =>
    `La ligne ${lineYear} · ${lineCode} n’appartient pas à l’exercice ${year} : une ventilation ne couvre qu’un exercice ; imputez celle ${frenchAllocationDates(dates)} sur une ligne ${year}.`,
  'staff.allocation_spans_years': ({ year, ...dates }) =>
    `La ventilation ${frenchAllocationDates(dates)} déborde de l’exercice ${year} : une ventilation ne couvre qu’un exercice ; coupez-la au 31 décembre ${year} et imputez la suite sur une ligne de l’exercice suivant.`,
  'staff.fiscal_year_missing': ({ year }) => `L’exercice ${year} n’existe pas.`,
  'staff.closed_year_change': ({ year }) =>
    `L’exercice ${year} est clos : cette modification changerait ses effectifs ou ses coûts. Datez-la dans un exercice ouvert.`,
  'staff.member_not_found': () => 'Personne introuvable.',
  'staff.member_stale': () => frenchStaleVersion('Cette personne', 'feminine'),
  'staff.member_has_assignments': () => 'Cette personne a des affectations : elle ne peut pas être supprimée.',
  'staff.assignment_not_found': () => 'Affectation introuvable.',
  'staff.assignment_stale': () => frenchStaleVersion('Cette affectation', 'feminine'),
  'staff.job_ceiling_stale': () => frenchStaleVersion('Ce plafond d’emplois', 'masculine'),
  'staff.contribution_not_found': () => 'Contribution en nature introuvable.',
  'staff.contribution_stale': () => frenchStaleVersion('Cette contribution en nature', 'feminine'),
};
