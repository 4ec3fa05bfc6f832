/**
 * Messages of the indicator catalogue: dimensions and their options, indicators and their
 * revisions, annual targets, consistency rules. Dates are ISO, formatted here.
 */
import { formatLongDateFr } from '../format/french-dates.js';
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

/** A removed option that has values. */
export interface OptionWithValues {
  readonly code: string;
  readonly label: string;
  readonly values: number;
}

export interface CatalogueMessageParams {
  'catalogue.dimension_code_taken': { readonly code: string };
  'catalogue.dimension_not_found': void;
  'catalogue.dimension_stale': void;
  'catalogue.dimension_unknown': { readonly id: number };
  'catalogue.options_same_code': void;
  /** Options that cannot be removed: they have values (one or several). */
  'catalogue.options_have_values': { readonly options: readonly OptionWithValues[] };
  'catalogue.option_used_by_rules': { readonly option: string; readonly rules: readonly string[] };
  'catalogue.indicator_not_found': void;
  'catalogue.indicator_code_not_found': { readonly code: string };
  'catalogue.indicator_code_taken': { readonly code: string };
  'catalogue.indicator_stale': void;
  'catalogue.previous_revision_stale': void;
  /** A revision replaced by a later one: edit the current one. */
  'catalogue.revision_replaced': { readonly code: string; readonly revision: number; readonly since: string };
  'catalogue.min_above_max': void;
  'catalogue.targets_block_detach': { readonly code: string };
  'catalogue.targets_block_detach_field': void;
  'catalogue.counterpart_not_cn2r': void;
  'catalogue.counterpart_self': void;
  'catalogue.counterpart_not_network': { readonly code: string };
  'catalogue.revision_before_current': { readonly currentFrom: string };
  'catalogue.revision_after_end': { readonly code: string; readonly activeTo: string };
  /** Values entered for periods ending on `from` or later (period codes). */
  'catalogue.revision_values_late': { readonly from: string; readonly periods: readonly string[] };
  'catalogue.end_before_revision': void;
  'catalogue.dates_leave_values_outside': { readonly periods: readonly string[] };
  'catalogue.revision_before_previous': { readonly previousFrom: string };
  'catalogue.previous_revision_values_late': { readonly periods: readonly string[] };
  'catalogue.target_not_in_force': { readonly code: string; readonly year: number };
  'catalogue.target_without_expected_result': { readonly code: string; readonly year: number };
  'catalogue.rule_code_taken': { readonly code: string };
  'catalogue.rule_not_found': void;
  'catalogue.rule_stale': void;
  'catalogue.rule_explained': { readonly explanations: number };
  'catalogue.rule_expression_invalid': void;
  /** The expression names an unknown indicator (position in the expression, or null). */
  'catalogue.rule_unknown_indicator': { readonly code: string; readonly position: number | null };
  'catalogue.rule_indicator_not_broken_down': { readonly code: string; readonly option: string; readonly position: number | null };
  'catalogue.rule_unknown_option': {
    readonly code: string;
    readonly option: string;
    readonly dimension: string;
    readonly options: readonly string[];
    readonly position: number | null;
  };
}

/** The first four period codes, then « … ». */
const periodList = (periods: readonly string[]) => (periods.length > 4 ? `${periods.slice(0, 4).join(', ')}…` : periods.join(', '));
/** « (position 12) » after a rule's problem, when known. */
const at = (position: number | null) => (position === null ? '' : ` (position ${position})`);
const plural = (n: number, word: string) => `${word}${n > 1 ? 's' : ''}`;

export const frenchCatalogueMessages: CatalogueOf<CatalogueMessageParams> = {
  'catalogue.dimension_code_taken': ({ code }) => `Le code « ${code} » est déjà utilisé par une autre ventilation.`,
  'catalogue.dimension_not_found': () => 'Ventilation introuvable.',
  'catalogue.dimension_stale': () => frenchStaleVersion('Cette ventilation', 'feminine'),
  'catalogue.dimension_unknown': ({ id }) => `Ventilation inconnue (identifiant ${id}).`,
  'catalogue.options_same_code': () => 'Deux modalités ont le même code.',
  'catalogue.options_have_values': ({ options }) => {
    const names = options.map((o) => `« ${o.code} » (${o.label}, ${o.values} ${plural(o.values, 'valeur')})`).join(', ');
    return options.length === 1
      ? `La modalité ${names} a déjà des valeurs saisies : elle ne peut pas être retirée. Vous pouvez la renommer.`
      : `Les modalités ${names} ont déjà des valeurs saisies : elles ne peuvent pas être retirées. Vous pouvez les renommer.`;
  },
  'catalogue.option_used_by_rules': ({ option, rules }) =>
    `La modalité « ${option} » est utilisée par la règle de cohérence ${rules.join(', ')} : modifiez la règle avant de retirer la modalité.`,
  'catalogue.indicator_not_found': () => 'Indicateur introuvable.',
  'catalogue.indicator_code_not_found': ({ code }) => `Indicateur « ${code} » introuvable.`,
  'catalogue.indicator_code_taken': ({ code }) => `Le code « ${code} » est déjà utilisé par un autre indicateur.`,
  'catalogue.indicator_stale': () => frenchStaleVersion('Cet indicateur', 'masculine'),
  'catalogue.previous_revision_stale': () => frenchStaleVersion('La révision précédente de cet indicateur', 'feminine'),
  'catalogue.revision_replaced': ({ code, revision, since }) =>
    `Cette révision de ${code} a été remplacée par la révision ${revision} (depuis le ${formatLongDateFr(since)}) : modifiez la révision en cours.`,
  'catalogue.min_above_max': () => 'Le minimum doit être inférieur ou égal au maximum.',
  'catalogue.targets_block_detach': ({ code }) => `${code} a des cibles annuelles : supprimez-les avant de le détacher de son résultat attendu.`,
  'catalogue.targets_block_detach_field': () => 'Cibles existantes.',
  'catalogue.counterpart_not_cn2r': () => 'Seul un indicateur du CN2R peut désigner son équivalent dans le réseau des centres.',
  'catalogue.counterpart_self': () => 'Un indicateur ne peut pas être son propre équivalent.',
  'catalogue.counterpart_not_network': ({ code }) => `« ${code} » n’est pas un indicateur des centres du réseau.`,
  'catalogue.revision_before_current': ({ currentFrom }) =>
    `La nouvelle révision doit commencer après le début de la révision en cours (le ${formatLongDateFr(currentFrom)}).`,
  'catalogue.revision_after_end': ({ code, activeTo }) =>
    `${code} prend fin le ${formatLongDateFr(activeTo)} : la nouvelle révision doit commencer au plus tard le lendemain.`,
  'catalogue.revision_values_late': ({ from, periods }) =>
    `Des valeurs ont déjà été saisies sous la révision en cours pour des périodes qui se terminent le ${formatLongDateFr(from)} ou après (${periodList(periods)}) : la nouvelle révision doit commencer après leur fin.`,
  'catalogue.end_before_revision': () => 'La date de fin doit suivre le début de la nouvelle révision.',
  'catalogue.dates_leave_values_outside': ({ periods }) =>
    `Des valeurs ont déjà été saisies pour ${periodList(periods)} : ces dates les laisseraient hors de la période de validité de l’indicateur.`,
  'catalogue.revision_before_previous': ({ previousFrom }) =>
    `La révision doit commencer après le début de la précédente (le ${formatLongDateFr(previousFrom)}).`,
  'catalogue.previous_revision_values_late': ({ periods }) =>
    `Des valeurs ont été saisies sous la révision précédente pour ${periodList(periods)} : cette révision doit commencer après leur fin.`,
  'catalogue.target_not_in_force': ({ code, year }) => `L’indicateur ${code} n’est pas en vigueur en ${year}.`,
  'catalogue.target_without_expected_result': ({ code, year }) =>
    `Seuls les indicateurs rattachés à un résultat attendu du financeur ont une cible annuelle : ce n’est pas le cas de ${code} en ${year}.`,
  'catalogue.rule_code_taken': ({ code }) => `Le code « ${code} » est déjà utilisé par une autre règle.`,
  'catalogue.rule_not_found': () => 'Règle introuvable.',
  'catalogue.rule_stale': () => frenchStaleVersion('Cette règle', 'feminine'),
  'catalogue.rule_explained': ({ explanations }) =>
    `Des saisies ont déjà expliqué cette règle (${explanations} ${plural(explanations, 'explication')}) : elle ne peut pas être supprimée, désactivez-la plutôt.`,
  'catalogue.rule_expression_invalid': () => 'Expression invalide.',
  'catalogue.rule_unknown_indicator': ({ code, position }) => `L’indicateur « ${code} » n’existe pas dans le catalogue${at(position)}.`,
  'catalogue.rule_indicator_not_broken_down': ({ code, option, position }) =>
    `L’indicateur « ${code} » n’est pas ventilé : « ${code}[${option}] » n’existe pas${at(position)}.`,
  'catalogue.rule_unknown_option': ({ code, option, dimension, options, position }) =>
    `« ${option} » n’est pas une modalité de « ${dimension} », la ventilation de ${code} (modalités : ${options.join(', ')})${at(position)}.`,
};
