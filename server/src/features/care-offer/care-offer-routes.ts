import { z } from 'zod';
import { AppError } from '../../errors/http-errors.js';
import { CARE_OFFER_IMPORT_MAX_BYTES, CARE_OFFER_LICENCE, CareOffer, CareOfferImportQuery, CareOfferImportResult, CareOfferDecision, CareOfferHistoryItem, CareOfferQuery, CreateCareOffer, IdParams, ReturnCareOffer, UpdateCareOffer, formatMessage } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { CareOfferService } from './care-offer-service.js';

/** The stable names of the open export's files (the URLs do not change either). */
export const OPEN_DATA_FILE = 'offre-de-soins-psychotraumatisme-cn2r';

export function registerCareOfferRoutes(api: ApiRouter, careOffer: CareOfferService): void {
  const tag = 'Offre de soins';

  api.add(
    {
      method: 'get',
      path: '/care-offer',
      tag,
      summary: 'Lister les structures (publiées ; un responsable voit aussi les propositions de ses centres, la coordination toutes)',
      access: 'careOffer.read',
      query: CareOfferQuery,
      response: { status: 200, description: 'Les structures', schema: z.array(CareOffer) },
    },
    ({ actor, query }) => careOffer.list(actor, query),
  );
  api.add(
    {
      method: 'get',
      path: '/care-offer/:id',
      tag,
      summary: 'Lire une structure',
      access: 'careOffer.read',
      params: IdParams,
      response: { status: 200, description: 'La structure', schema: CareOffer },
      errors: [404],
    },
    ({ actor, params }) => careOffer.get(actor, params.id),
  );
  api.add(
    {
      method: 'get',
      path: '/care-offer/:id/history',
      tag,
      summary: 'Historique d’une structure (proposition, modifications, publication, renvois), du journal d’audit',
      access: 'careOffer.read',
      params: IdParams,
      response: { status: 200, description: 'Les changements, du plus ancien au plus récent', schema: z.array(CareOfferHistoryItem) },
      errors: [404],
    },
    ({ actor, params }) => careOffer.history(actor, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/care-offer',
      tag,
      summary: 'Proposer une structure pour un centre (un responsable : ses centres seulement)',
      access: 'careOffer.propose',
      body: CreateCareOffer,
      response: { status: 201, description: 'La structure proposée', schema: CareOffer },
    },
    ({ actor, body }) => careOffer.create(actor, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/care-offer/:id',
      tag,
      summary: 'Corriger une structure (un responsable : une proposition de ses centres), avec la version lue',
      access: 'careOffer.propose',
      params: IdParams,
      body: UpdateCareOffer,
      response: { status: 200, description: 'La structure corrigée', schema: CareOffer },
      errors: [404, 409],
    },
    ({ actor, params, body }) => careOffer.update(actor, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/care-offer/:id/publish',
      tag,
      summary: 'Publier une proposition (carte et données ouvertes)',
      access: 'careOffer.review',
      params: IdParams,
      body: CareOfferDecision,
      response: { status: 200, description: 'La structure publiée', schema: CareOffer },
      errors: [404, 409],
    },
    ({ actor, params, body }) => careOffer.publish(actor, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/care-offer/:id/return',
      tag,
      summary: 'Renvoyer une structure au centre avec un message (elle redevient une proposition)',
      access: 'careOffer.review',
      params: IdParams,
      body: ReturnCareOffer,
      response: { status: 200, description: 'La structure renvoyée', schema: CareOffer },
      errors: [404, 409],
    },
    ({ actor, params, body }) => careOffer.returnToUnit(actor, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/care-offer/:id/withdraw',
      tag,
      summary: 'Retirer une structure (elle quitte la carte et les données ouvertes)',
      access: 'careOffer.review',
      params: IdParams,
      body: CareOfferDecision,
      response: { status: 200, description: 'La structure retirée', schema: CareOffer },
      errors: [404, 409],
    },
    ({ actor, params, body }) => careOffer.withdraw(actor, params.id, body),
  );

  api.add(
    {
      method: 'post',
      path: '/care-offer/import',
      tag,
      summary: 'Importer une liste de structures en CSV : vérification sans enregistrement (dryRun=true), puis toutes les lignes en propositions, ou aucune',
      description:
        'Corps : le fichier CSV brut (« ; », UTF-8 avec ou sans BOM). En-tête : nom;type;adresse;code_insee;commune;latitude;longitude;public;soins;acces;telephone;site_internet;centre;verifie_le ' +
        '(ordre libre, colonnes en plus ignorées : l’export ouvert se réimporte). Valeurs des listes en code ou en libellé ; soins séparés par « , » ; décimales avec point ou virgule ; date AAAA-MM-JJ ou JJ/MM/AAAA ; centre : code ou nom. ' +
        'Avec dryRun=false, un seul problème fait tout refuser (422, problèmes dans `fields`).',
      access: 'careOffer.propose',
      query: CareOfferImportQuery,
      upload: { contentTypes: ['text/csv'], maxBytes: CARE_OFFER_IMPORT_MAX_BYTES, description: 'Un fichier CSV, 2 Mo et 2 000 lignes au plus.' },
      response: { status: 200, description: 'Les lignes lues, les problèmes, et si elles ont été enregistrées', schema: CareOfferImportResult },
    },
    ({ actor, query, req }) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_media_type', formatMessage('collection_import.send_file', { contentTypes: ['text/csv'] }));
      return careOffer.importCsv(actor, req.body, query.dryRun);
    },
  );

  // ---- open data: no sign-in, stable URLs and file names ----
  const licenceLink = '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"';
  api.add(
    {
      method: 'get',
      path: '/open-data/care-offer.geojson',
      tag: 'Données ouvertes',
      summary: 'Offre de soins publiée en GeoJSON (sans connexion ; licence et date d’export dans « metadata »)',
      description: `Les structures publiées seulement, champs publics seulement. ${CARE_OFFER_LICENCE}`,
      access: 'careOffer.openData',
      response: { status: 200, description: 'FeatureCollection GeoJSON (RFC 7946)', contentType: 'application/geo+json', raw: true },
    },
    async ({ res }) => {
      const body = await careOffer.geoJson();
      res.status(200).type('application/geo+json; charset=utf-8').set('Link', licenceLink).attachment(`${OPEN_DATA_FILE}.geojson`).send(JSON.stringify(body));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/open-data/care-offer.csv',
      tag: 'Données ouvertes',
      summary: 'Offre de soins publiée en CSV (sans connexion ; « ; », UTF-8 avec BOM, coordonnées avec un point décimal)',
      description: `Les structures publiées seulement, champs publics seulement. Licence (en-tête Link) et date d’export (en-tête Last-Modified) accompagnent le fichier, qui reste un tableau sans ligne de commentaire. ${CARE_OFFER_LICENCE}`,
      access: 'careOffer.openData',
      response: { status: 200, description: 'Fichier CSV', contentType: 'text/csv', raw: true },
    },
    async ({ res }) => {
      const body = await careOffer.csv();
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Link', licenceLink)
        .set('Last-Modified', new Date().toUTCString())
        .attachment(`${OPEN_DATA_FILE}.csv`)
        .send(body);
    },
  );
}
