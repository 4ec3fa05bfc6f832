import { ACCOUNTING_IMPORT_MAX_BYTES, ACCOUNTING_IMPORT_TYPES, AccountingImportQuery, AccountingImportResult, YearParams } from '@cn2r/shared';
import { AppError } from '../../../errors/http-errors.js';
import type { ApiRouter } from '../../../http/api-router.js';
import type { AccountingImportService } from './accounting-import-service.js';

/** The import of an accounting export (commitments and payments) into a fiscal year. */
export function registerAccountingImportRoutes(api: ApiRouter, imports: AccountingImportService): void {
  api.add(
    {
      method: 'post',
      path: '/budget/:year/accounting-import',
      tag: 'Budget',
      summary: 'Importer les engagements et paiements d’un export comptable (xlsx ou CSV) : vérification sans enregistrement (dryRun=true), puis tout ou rien',
      description:
        'Corps : le fichier brut. En-tête : `date;ligne;type;tiers;objet;reference;montant;engagement;nature_paiement` (ordre libre ; CSV séparé par « ; », UTF-8). ' +
        'Chaque écriture suit les règles de la saisie unitaire (AE et CP disponibles, reste à payer de l’engagement, journal d’audit). Une référence déjà enregistrée dans l’exercice est refusée : réimporter le même fichier ne compte rien deux fois. ' +
        'dryRun=true (par défaut) : la liste des écritures et de tous les problèmes ; dryRun=false : tout est enregistré dans une transaction, ou rien (422, problèmes dans `fields`, `path` = emplacement).',
      access: 'budget.write',
      params: YearParams,
      query: AccountingImportQuery,
      upload: { contentTypes: ACCOUNTING_IMPORT_TYPES, maxBytes: ACCOUNTING_IMPORT_MAX_BYTES, description: 'L’export comptable (.xlsx ou CSV), 5 Mo au plus.' },
      response: { status: 200, description: 'Les écritures, les problèmes, et si elles ont été enregistrées', schema: AccountingImportResult },
      errors: [404, 409],
    },
    ({ actor, params, query, req }) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError(415, 'unsupported_media_type', `Envoyez le fichier lui-même, avec l’en-tête Content-Type ${ACCOUNTING_IMPORT_TYPES.join(' ou ')}.`);
      }
      return imports.importFile(actor, params.year, req.body, query.dryRun);
    },
  );
}
