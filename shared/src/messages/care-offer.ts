/** Messages of the care-offer registry (offre de soins): entries, their review, the open export and the import. */
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

export interface CareOfferMessageParams {
  'careOffer.not_found': void;
  'careOffer.stale': void;
  'careOffer.unit_not_crp': void;
  /** An update, publication or return asked on an entry whose status does not allow it. */
  'careOffer.illegal_transition': { readonly status: string };
  /** A unit lead editing an entry the coordination has published or withdrawn. */
  'careOffer.locked_for_lead': void;
  'careOffer.import_empty': void;
  'careOffer.import_missing_columns': { readonly columns: readonly string[] };
  'careOffer.import_line_errors': { readonly count: number };
  /** An old binary Excel file (.xls) sent to the import. */
  'careOffer.import_old_workbook': void;
  /** Bytes that are neither an .xlsx nor text. */
  'careOffer.import_not_a_table': void;
}

export const frenchCareOfferMessages: CatalogueOf<CareOfferMessageParams> = {
  'careOffer.not_found': () => 'Structure introuvable dans l’offre de soins.',
  'careOffer.stale': () => frenchStaleVersion('Cette structure', 'feminine'),
  'careOffer.unit_not_crp': () => 'Le centre référent doit être un centre régional (CRP) ouvert.',
  'careOffer.illegal_transition': ({ status }) => `Impossible : la structure est « ${status} ».`,
  'careOffer.locked_for_lead': () => 'Cette structure est publiée ou retirée : seule la coordination peut la modifier. Proposez une nouvelle fiche si besoin.',
  'careOffer.import_empty': () => 'Le fichier ne contient aucune ligne de structure.',
  'careOffer.import_missing_columns': ({ columns }) => `Colonnes manquantes : ${columns.join(', ')}.`,
  'careOffer.import_line_errors': ({ count }) => `${count} ligne${count > 1 ? 's' : ''} en erreur : rien n’a été importé.`,
  'careOffer.import_old_workbook': () => 'Classeur Excel ancien (.xls) : enregistrez-le au format .xlsx, ou en CSV UTF-8.',
  'careOffer.import_not_a_table': () => 'Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV.',
};
