import { z } from 'zod';
import { AppError } from '../../errors/http-errors.js';
import { CARE_OFFER_IMPORT_MAX_BYTES, CARE_OFFER_IMPORT_TYPES, CARE_OFFER_LICENCE, CareOffer, CareOfferImportQuery, CareOfferImportResult, CareOfferDecision, CareOfferHistoryItem, CareOfferQuery, CreateCareOffer, IdParams, ReturnCareOffer, UpdateCareOffer, formatMessage } from '@cn2r/shared';
import type { ApiRouter } from '../../http/api-router.js';
import type { Clock } from '../../clock.js';
import type { CareOfferService } from './care-offer-service.js';

/** The stable names of the open export's files (the URLs do not change either). */
export const OPEN_DATA_FILE = 'offre-de-soins-psychotraumatisme-cn2r';
/** The registry export's files, dated the day of the export. */
const REGISTRY_FILE = 'registre-offre-de-soins';
const XLSX = CARE_OFFER_IMPORT_TYPES[0];

export function registerCareOfferRoutes(api: ApiRouter, careOffer: CareOfferService, clock: Clock): void {
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
  // Before `/care-offer/:id`, which would take « export.xlsx » for an id.
  const exportDescription =
    'Les structures que l’utilisateur peut lire (la coordination : toutes, quel que soit leur statut ; un responsable : les structures publiées et celles de ses centres ; les autres : les publiées), avec les filtres de la liste. ' +
    'Colonnes : celles de l’import (en-têtes en français, l’export se réimporte) puis statut, région, message de renvoi, date de publication et de dernière modification.';
  api.add(
    {
      method: 'get',
      path: '/care-offer/export.xlsx',
      tag,
      summary: 'Exporter le registre en Excel (.xlsx) : en-têtes en français, dates en dates, coordonnées en nombres',
      description: exportDescription,
      access: 'careOffer.read',
      query: CareOfferQuery,
      response: { status: 200, description: 'Le classeur (.xlsx)', contentType: XLSX, raw: true },
    },
    async ({ actor, query, res }) => {
      const bytes = await careOffer.registryWorkbook(actor, query);
      res.status(200).type(XLSX).attachment(`${REGISTRY_FILE}-${clock.today()}.xlsx`).send(bytes);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/care-offer/export.csv',
      tag,
      summary: 'Exporter le registre en CSV (« ; », UTF-8 avec BOM, virgule décimale, dates JJ/MM/AAAA)',
      description: exportDescription,
      access: 'careOffer.read',
      query: CareOfferQuery,
      response: { status: 200, description: 'Fichier CSV', contentType: 'text/csv', raw: true },
    },
    async ({ actor, query, res }) => {
      const body = await careOffer.registryCsv(actor, query);
      res.status(200).type('text/csv; charset=utf-8').attachment(`${REGISTRY_FILE}-${clock.today()}.csv`).send(body);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/care-offer/import-template.xlsx',
      tag,
      summary: 'Modèle d’import (.xlsx) : la feuille « Structures » à remplir et la feuille « Valeurs autorisées » (colonnes, types, publics, soins, accès)',
      access: 'careOffer.propose',
      response: { status: 200, description: 'Le classeur (.xlsx)', contentType: XLSX, raw: true },
    },
    async ({ res }) => {
      res.status(200).type(XLSX).attachment('modele-import-offre-de-soins.xlsx').send(await careOffer.importTemplate());
    },
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
      summary: 'Importer une liste de structures (Excel .xlsx ou CSV) : vérification sans enregistrement (dryRun=true), puis toutes les lignes en propositions, ou aucune',
      description:
        'Corps : le fichier brut. Excel : la feuille « Structures » (le modèle d’import), sinon la première feuille visible ; les lignes sont numérotées comme dans la feuille. ' +
        'CSV : « ; », UTF-8 avec ou sans BOM. En-tête : nom;type;adresse;code_insee;commune;latitude;longitude;public;soins;acces;telephone;site_internet;centre;verifie_le, ou les mêmes en français (« Code INSEE », « Vérifié le »…) ' +
        '(ordre libre, colonnes en plus ignorées : l’export ouvert et l’export du registre se réimportent). Valeurs des listes en code ou en libellé ; soins séparés par « , » ; décimales avec point ou virgule ; date AAAA-MM-JJ, JJ/MM/AAAA ou date Excel ; centre : code ou nom. ' +
        'Avec dryRun=false, un seul problème fait tout refuser (422, problèmes dans `fields`).',
      access: 'careOffer.propose',
      query: CareOfferImportQuery,
      upload: { contentTypes: CARE_OFFER_IMPORT_TYPES, maxBytes: CARE_OFFER_IMPORT_MAX_BYTES, description: 'Un classeur Excel (.xlsx) ou un fichier CSV, 2 Mo et 2 000 lignes au plus.' },
      response: { status: 200, description: 'Les lignes lues, les problèmes, et si elles ont été enregistrées', schema: CareOfferImportResult },
    },
    ({ actor, query, req }) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_media_type', formatMessage('collection_import.send_file', { contentTypes: CARE_OFFER_IMPORT_TYPES }));
      return careOffer.importFile(actor, req.body, query.dryRun);
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
