import {
  COLLECTION_UPLOAD_MAX_BYTES,
  COLLECTION_UPLOAD_TYPES,
  CampaignFileParams,
  CollectionImportQuery,
  CollectionImportResult,
  formatMessage,
} from '@cn2r/shared';
import { AppError } from '../../errors/http-errors.js';
import type { ApiRouter } from '../../http/api-router.js';
import type { CollectionImportService } from './collection-import-service.js';

const XLSX = COLLECTION_UPLOAD_TYPES[0];
const base = '/units/:unitId/campaigns/:year';
const scope = ({ params }: { params: { unitId: number } }) => [params.unitId];

/** The Excel template of a unit's campaign, and the import of a filled template or CSV. */
export function registerCollectionImportRoutes(api: ApiRouter, imports: CollectionImportService): void {
  const tag = 'Saisie par fichier';

  api.add(
    {
      method: 'get',
      path: `${base}/template.xlsx`,
      tag,
      summary: 'Le classeur Excel de saisie d’un centre pour une campagne : valeurs actuelles, périodes verrouillées, mode d’emploi',
      description: 'Une feuille par type de période (Trimestres, Année, Mois), une ligne par indicateur et modalité ; seules les cellules jaunes sont lues à l’import.',
      access: 'forms.write',
      params: CampaignFileParams,
      unitScope: scope,
      response: { status: 200, description: 'Le classeur (.xlsx)', contentType: XLSX },
      errors: [404],
    },
    async ({ actor, params, res }) => {
      const { fileName, bytes } = await imports.template(actor, params.unitId, params.year);
      res.status(200).type(XLSX).attachment(fileName).send(bytes);
    },
  );

  api.add(
    {
      method: 'post',
      path: `${base}/import`,
      tag,
      summary: 'Importer un classeur rempli ou un CSV : vérification sans enregistrement (dryRun=true), puis import de toutes les modifications ou d’aucune',
      description:
        'Corps : le fichier brut. CSV : séparateur « ; », UTF-8 avec ou sans BOM, en-tête `indicateur;modalite;periode;valeur`. ' +
        'Avec dryRun=false, un seul problème fait tout refuser (422, problèmes dans `fields` : `path` = emplacement).',
      access: 'forms.write',
      params: CampaignFileParams,
      query: CollectionImportQuery,
      upload: {
        contentTypes: COLLECTION_UPLOAD_TYPES,
        maxBytes: COLLECTION_UPLOAD_MAX_BYTES,
        description: 'Le classeur téléchargé puis rempli (.xlsx), ou un fichier CSV ; 5 Mo et 50 000 cellules au plus.',
      },
      unitScope: scope,
      response: { status: 200, description: 'Les modifications, les problèmes, et si elles ont été enregistrées', schema: CollectionImportResult },
      errors: [404],
    },
    async ({ actor, params, query, req }) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError(415, 'unsupported_media_type', formatMessage('collection_import.send_file', { contentTypes: COLLECTION_UPLOAD_TYPES }));
      }
      return imports.importFile(actor, params.unitId, params.year, req.body, query.dryRun);
    },
  );
}
