/**
 * Messages of the collection: campaigns and their periods, data entry (the forms and their
 * workflow), the import of a filled template, the completeness reminders. Period codes, dates and
 * values are formatted here.
 */
import { periodLabel } from '../collection/periods.js';
import { formatDateFr, formatInstantFr, formatLongDateFr } from '../format/french-dates.js';
import { formatInteger, formatNumber, type FrenchNumberOptions } from '../format/french-numbers.js';
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

/** A value of a form's cell as shown in a message. */
export type ShownValue = number | string | boolean | null;

/** A step of the submission workflow refused in the submission's current status. */
export type SubmissionAction = 'submit' | 'validate' | 'return' | 'reopen_value';

export interface CollectionMessageParams {
  'campaigns.not_found': void;
  'campaigns.year_taken': { readonly year: number };
  'campaigns.year_taken_field': void;
  'campaigns.none_for_year': { readonly year: number };
  'campaigns.campaign_stale': void;
  /** A status change not allowed (the statuses' labels). */
  'campaigns.illegal_transition': { readonly from: string; readonly to: string };
  /** Periods with entries cannot leave the campaign (period codes). */
  'campaigns.periods_started': { readonly periods: readonly string[] };
  'campaigns.period_not_in_campaign': { readonly period: string; readonly year: number };
  'campaigns.unit_closed_in_period': { readonly unit: string; readonly period: string };
  'campaigns.nothing_due_in_period': { readonly unit: string; readonly period: string };
  'campaigns.extension_before_due': { readonly dueOn: string };
  'campaigns.extension_not_found': void;
  'campaigns.periods_outside_year': { readonly year: number; readonly periods: readonly string[] };
  'campaigns.period_twice': { readonly period: string };
  'data_entry.text_expected': void;
  'data_entry.boolean_expected': void;
  'data_entry.number_expected': void;
  'data_entry.no_validated_submission': void;
  'data_entry.indicator_not_expected': void;
  'data_entry.option_expected': void;
  'data_entry.indicator_not_broken_down': void;
  'data_entry.value_gone': void;
  'data_entry.value_gone_field': void;
  'data_entry.submission_stale': void;
  'data_entry.cannot_submit': { readonly problems: number };
  /** Validation refused by an error-level rule (its message). */
  'data_entry.consistency_error': { readonly message: string };
  'data_entry.value_already_reopened': void;
  'data_entry.rule_not_found': void;
  'data_entry.submission_not_found': void;
  'data_entry.value_not_found': void;
  'data_entry.no_validated_value': void;
  'data_entry.unit_closed': { readonly unit: string };
  'data_entry.nothing_due': { readonly unit: string };
  'data_entry.value_missing': { readonly label: string };
  'data_entry.outlier_unexplained': { readonly label: string; readonly percent: number };
  /** A warning-level rule without its explanation (the rule's message). */
  'data_entry.rule_unexplained': { readonly message: string };
  'data_entry.writers_only': void;
  'data_entry.submitted_locked': void;
  'data_entry.validated_locked': void;
  'data_entry.no_campaign': void;
  'data_entry.campaign_not_open': void;
  /** The submission's status label. */
  'data_entry.illegal_transition': { readonly action: SubmissionAction; readonly status: string };
  /** Someone else saved the value since it was read (`by` null when unknown). */
  'data_entry.value_changed': { readonly by: string | null; readonly at: Date | string; readonly value: ShownValue };
  'collection_import.send_file': { readonly contentTypes: readonly string[] };
  'collection_import.other_unit': { readonly fileUnit: string; readonly unitName: string; readonly unitCode: string };
  'collection_import.other_year': { readonly fileYear: number; readonly year: number };
  'collection_import.refused': { readonly problems: number };
  'collection_import.period_not_in_campaign': { readonly period: string; readonly year: number };
  'collection_import.unit_closed': { readonly unit: string; readonly period: string };
  'collection_import.nothing_due': { readonly unit: string; readonly period: string };
  'collection_import.unknown_indicator': { readonly code: string; readonly period: string };
  'collection_import.option_missing': { readonly code: string; readonly options: readonly string[] };
  'collection_import.unknown_option': { readonly option: string; readonly code: string; readonly options: readonly string[] };
  'collection_import.not_broken_down': { readonly code: string };
  /** The same cell given twice (the first one's location). */
  'collection_import.duplicate': { readonly first: string };
  /** A cell the form refuses now (the refusal's message). */
  'collection_import.cell_refused': { readonly label: string; readonly period: string; readonly message: string };
  'collection_import.changed_since_template': { readonly label: string; readonly at: Date | string; readonly by: string | null; readonly value: ShownValue };
  'collection_import.more_problems': { readonly more: number };
  /** The reminder to a centre late on some periods (codes and ISO due dates). */
  'completeness.reminder': { readonly unit: string; readonly late: readonly { readonly period: string; readonly dueOn: string }[] };
}

/** « vide », « oui », « non », a French number or « text ». */
const shown = (value: ShownValue, options: FrenchNumberOptions = {}) =>
  value === null ? 'vide' : typeof value === 'number' ? formatNumber(value, options) : typeof value === 'boolean' ? (value ? 'oui' : 'non') : `« ${value} »`;
const s = (n: number) => (n > 1 ? 's' : '');

const submissionActions: Record<SubmissionAction, string> = {
  submit: 'transmettre',
  validate: 'valider',
  return: 'renvoyer',
  reopen_value: 'rouvrir une valeur de',
};

export const frenchCollectionMessages: CatalogueOf<CollectionMessageParams> = {
  'campaigns.not_found': () => 'Campagne introuvable.',
  'campaigns.year_taken': ({ year }) => `Une campagne existe déjà pour ${year}.`,
  'campaigns.year_taken_field': () => 'Année déjà couverte par une campagne.',
  'campaigns.none_for_year': ({ year }) => `Aucune campagne de collecte pour ${year}.`,
  'campaigns.campaign_stale': () => frenchStaleVersion('Cette campagne', 'feminine'),
  'campaigns.illegal_transition': ({ from, to }) => `Une campagne « ${from} » ne peut pas passer à « ${to} ».`,
  'campaigns.periods_started': ({ periods }) =>
    `Des saisies ont déjà commencé pour ${periods.map(periodLabel).join(', ')} : ${periods.length > 1 ? 'ces périodes ne peuvent pas être retirées' : 'cette période ne peut pas être retirée'} de la campagne.`,
  'campaigns.period_not_in_campaign': ({ period, year }) => `La période ${period} ne fait pas partie de la campagne ${year}.`,
  'campaigns.unit_closed_in_period': ({ unit, period }) => `${unit} n’était pas ouvert pendant la période ${periodLabel(period)} : rien à lui demander.`,
  'campaigns.nothing_due_in_period': ({ unit, period }) =>
    `${unit} n’a aucun indicateur à déclarer pour la période ${periodLabel(period)} : rien à lui demander.`,
  'campaigns.extension_before_due': ({ dueOn }) => `La nouvelle échéance doit suivre l’échéance normale de la période, le ${formatLongDateFr(dueOn)}.`,
  'campaigns.extension_not_found': () => 'Aucune prolongation pour ce centre et cette période.',
  'campaigns.periods_outside_year': ({ year, periods }) =>
    `Toutes les périodes doivent appartenir à l’année de la campagne (${year}) : ${periods.join(', ')}.`,
  'campaigns.period_twice': ({ period }) => `La période ${period} figure deux fois.`,
  'data_entry.text_expected': () => 'Texte attendu.',
  'data_entry.boolean_expected': () => 'Réponse attendue : oui ou non.',
  'data_entry.number_expected': () => 'Nombre attendu.',
  'data_entry.no_validated_submission': () =>
    'Aucune saisie validée pour ce centre et cette période : elle sera consultable après sa validation.',
  'data_entry.indicator_not_expected': () => 'Cet indicateur n’est pas attendu pour cette période.',
  'data_entry.option_expected': () => 'Modalité attendue parmi celles de la ventilation de cet indicateur.',
  'data_entry.indicator_not_broken_down': () => 'Cet indicateur n’est pas ventilé.',
  'data_entry.value_gone': () => 'Cette valeur a été supprimée ou n’existe pas encore : rechargez la page.',
  'data_entry.value_gone_field': () => 'Version inconnue.',
  // « modifié » as the service has always written it for this feminine subject.
  'data_entry.submission_stale': () => frenchStaleVersion('Cette saisie', 'masculine'),
  'data_entry.cannot_submit': ({ problems }) => `La saisie ne peut pas être transmise : ${problems} point${s(problems)} à corriger.`,
  'data_entry.consistency_error': ({ message }) => `Erreur de cohérence : ${message}`,
  'data_entry.value_already_reopened': () => 'Cette valeur est déjà rouverte.',
  'data_entry.rule_not_found': () => 'Règle de cohérence introuvable ou inactive.',
  'data_entry.submission_not_found': () => 'Saisie introuvable.',
  'data_entry.value_not_found': () => 'Valeur introuvable dans cette saisie.',
  'data_entry.no_validated_value': () => 'Aucune valeur validée pour ce centre, cette période et cette cellule.',
  'data_entry.unit_closed': ({ unit }) => `${unit} n’était pas ouvert pendant cette période : aucune saisie n’est attendue.`,
  'data_entry.nothing_due': ({ unit }) => `${unit} n’a aucun indicateur à déclarer pour cette période : aucune saisie n’est attendue.`,
  'data_entry.value_missing': ({ label }) => `${label} : valeur obligatoire manquante.`,
  'data_entry.outlier_unexplained': ({ label, percent }) =>
    `${label} : écart de plus de ${percent} % avec l’an dernier, une explication est demandée.`,
  'data_entry.rule_unexplained': ({ message }) => `${message} — une explication est demandée.`,
  'data_entry.writers_only': () => 'Seuls le responsable du centre et la coordination saisissent des valeurs.',
  'data_entry.submitted_locked': () => 'La saisie est transmise : elle ne peut plus être modifiée, sauf si la coordination la renvoie.',
  'data_entry.validated_locked': () => 'La saisie est validée : ses valeurs sont verrouillées. La coordination peut rouvrir une valeur précise.',
  'data_entry.no_campaign': () => 'Aucune campagne de collecte ne couvre cette période.',
  'data_entry.campaign_not_open': () => 'La campagne de collecte de cette période n’est pas ouverte.',
  'data_entry.illegal_transition': ({ action, status }) => `Impossible de ${submissionActions[action]} cette saisie : elle est « ${status} ».`,
  'data_entry.value_changed': ({ by, at, value }) =>
    `Valeur modifiée entre-temps par ${by ?? 'un autre utilisateur'} le ${formatInstantFr(at)} : la valeur actuelle est ${shown(value)}. Vérifiez-la avant de la remplacer.`,
  'collection_import.send_file': ({ contentTypes }) => `Envoyez le fichier lui-même, avec l’en-tête Content-Type ${contentTypes.join(' ou ')}.`,
  'collection_import.other_unit': ({ fileUnit, unitName, unitCode }) =>
    `Ce fichier est celui du centre ${fileUnit}, pas de ${unitName} (${unitCode}) : téléchargez le modèle de ce centre.`,
  'collection_import.other_year': ({ fileYear, year }) =>
    `Ce fichier est celui de la campagne ${fileYear}, pas de la campagne ${year} : téléchargez le modèle de ${year}.`,
  'collection_import.refused': ({ problems }) =>
    `Le fichier contient ${problems} problème${s(problems)} : rien n’a été importé. Corrigez-le puis vérifiez-le de nouveau.`,
  'collection_import.period_not_in_campaign': ({ period, year }) => `La période « ${periodLabel(period)} » ne fait pas partie de la campagne ${year}.`,
  'collection_import.unit_closed': ({ unit, period }) =>
    `${unit} n’était pas ouvert pendant la période « ${periodLabel(period)} » : aucune valeur n’est attendue.`,
  'collection_import.nothing_due': ({ unit, period }) =>
    `${unit} n’a aucun indicateur à déclarer pour la période « ${periodLabel(period)} » : aucune valeur n’est attendue.`,
  'collection_import.unknown_indicator': ({ code, period }) => `Indicateur ${code} inconnu, ou non collecté pour la période « ${periodLabel(period)} ».`,
  'collection_import.option_missing': ({ code, options }) => `Code de modalité manquant pour ${code} : ${options.join(', ')}.`,
  'collection_import.unknown_option': ({ option, code, options }) => `Modalité « ${option} » inconnue pour ${code} : ${options.join(', ')}.`,
  'collection_import.not_broken_down': ({ code }) => `${code} n’est pas ventilé : laissez le code de modalité vide.`,
  'collection_import.duplicate': ({ first }) => `Valeur déjà donnée (${first}) pour le même indicateur, la même modalité et la même période.`,
  'collection_import.cell_refused': ({ label, period, message }) => `${label} (${periodLabel(period)}) : ${message}`,
  'collection_import.changed_since_template': ({ label, at, by, value }) =>
    `${label} : valeur modifiée dans CN2R Pilotage le ${formatInstantFr(at)}${by ? ` par ${by}` : ''}, après la création de ce fichier ; elle vaut maintenant ${shown(value, { maximumFractionDigits: 10 })}. Téléchargez un nouveau modèle, ou remettez cette valeur.`,
  'collection_import.more_problems': ({ more }) =>
    `… et ${formatInteger(more, { narrowSpace: true })} autre${s(more)} problème${s(more)}, non détaillé${s(more)}.`,
  'completeness.reminder': ({ unit, late }) =>
    [
      'Bonjour,',
      '',
      `Sauf erreur de notre part, la saisie de l’activité du ${unit} n’a pas encore été transmise pour :`,
      ...late.map((c) => `- ${periodLabel(c.period)} (échéance le ${formatDateFr(c.dueOn)})`),
      '',
      'Pourriez-vous la compléter et la transmettre dans CN2R Pilotage (menu « Saisie ») ? En cas de difficulté, la coordination peut accorder un délai.',
      '',
      'Bien cordialement,',
      'La coordination du CN2R',
    ].join('\n'),
};
