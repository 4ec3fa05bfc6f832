import * as z from 'zod';
import { IsoDate, Timestamp, optionalText, requiredText, withoutControlCharacters } from './common.js';

/**
 * The care-offer registry (issue #18): structures referenced by the network's units (a hospital
 * service, a medical-psychological emergency cell, an association for victims…), proposed by the
 * unit leads, published by the coordination, shown on the map and in the open export. Structures
 * only: never a person's name (RGPD) — the form says so; nothing is refused automatically.
 */

export const CARE_OFFER_KIND_VALUES = ['hospital_service', 'cump', 'specialised_consultation', 'victim_association', 'health_centre', 'group_practice', 'other'] as const;
export const CareOfferKind = z.enum(CARE_OFFER_KIND_VALUES, { error: 'Type de structure inconnu.' });
export type CareOfferKind = z.infer<typeof CareOfferKind>;
export const careOfferKindLabels: Record<CareOfferKind, string> = {
  hospital_service: 'Service hospitalier',
  cump: 'Cellule d’urgence médico-psychologique (CUMP)',
  specialised_consultation: 'Consultation spécialisée',
  victim_association: 'Association d’aide aux victimes',
  health_centre: 'Centre de santé',
  group_practice: 'Cabinet de groupe',
  other: 'Autre',
};

export const CARE_OFFER_PUBLIC_VALUES = ['adults', 'minors', 'all'] as const;
export const CareOfferPublic = z.enum(CARE_OFFER_PUBLIC_VALUES, { error: 'Public inconnu.' });
export type CareOfferPublic = z.infer<typeof CareOfferPublic>;
export const careOfferPublicLabels: Record<CareOfferPublic, string> = { adults: 'Adultes', minors: 'Mineurs', all: 'Tous publics' };

export const CARE_OFFER_CARE_VALUES = ['evaluation', 'psychotherapy', 'emergency', 'group_therapy', 'social_legal_support', 'orientation'] as const;
export const CareOfferCare = z.enum(CARE_OFFER_CARE_VALUES, { error: 'Soin proposé inconnu.' });
export type CareOfferCare = z.infer<typeof CareOfferCare>;
export const careOfferCareLabels: Record<CareOfferCare, string> = {
  evaluation: 'Évaluation',
  psychotherapy: 'Psychothérapie du psychotraumatisme',
  emergency: 'Prise en charge immédiate',
  group_therapy: 'Groupes thérapeutiques',
  social_legal_support: 'Accompagnement social et juridique',
  orientation: 'Écoute et orientation',
};

export const CARE_OFFER_ACCESS_VALUES = ['free', 'referral', 'appointment', 'emergency_only'] as const;
export const CareOfferAccess = z.enum(CARE_OFFER_ACCESS_VALUES, { error: 'Mode d’accès inconnu.' });
export type CareOfferAccess = z.infer<typeof CareOfferAccess>;
export const careOfferAccessLabels: Record<CareOfferAccess, string> = {
  free: 'Accès libre',
  referral: 'Sur orientation d’un professionnel',
  appointment: 'Sur rendez-vous',
  emergency_only: 'Activée en cas d’événement',
};

export const CARE_OFFER_STATUS_VALUES = ['proposed', 'published', 'withdrawn'] as const;
export const CareOfferStatus = z.enum(CARE_OFFER_STATUS_VALUES, { error: 'Statut inconnu.' });
export type CareOfferStatus = z.infer<typeof CareOfferStatus>;
export const careOfferStatusLabels: Record<CareOfferStatus, string> = { proposed: 'Proposée', published: 'Publiée', withdrawn: 'Retirée' };

/** Bounds of the French territory, overseas included (Saint-Pierre-et-Miquelon and the north at 52°, French Polynesia down to −28°; every longitude). */
export const CARE_OFFER_BOUNDS = { latitude: [-28, 52] as const, longitude: [-180, 180] as const };

const coordinate = (label: string, [min, max]: readonly [number, number]) =>
  z
    .number({ error: `${label} : nombre décimal attendu (point ou virgule).` })
    .refine(Number.isFinite, { error: `${label} : nombre décimal attendu.` })
    .min(min, { error: `${label} : entre ${min} et ${max} (France, outre-mer compris).` })
    .max(max, { error: `${label} : entre ${min} et ${max} (France, outre-mer compris).` });

/** A commune's INSEE code: 5 characters, Corsica's 2A/2B and overseas 97x included. */
export const InseeCode = z
  .string({ error: 'Le code INSEE de la commune : texte attendu.' })
  .trim()
  .toUpperCase()
  .regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'Le code INSEE de la commune compte 5 caractères (ex. 75056, 2A004, 97209).' });

const phone = z
  .string({ error: 'Le téléphone : texte attendu.' })
  .trim()
  .regex(/^(\+?[\d .()-]{6,25})?$/, { error: 'Le téléphone : chiffres, espaces, points ou « + » (ex. 03 80 29 30 31).' })
  .nullish()
  .transform((v) => (v ? v : null));

const website = z
  .string({ error: 'Le site internet : texte attendu.' })
  .trim()
  .max(300, { error: 'Le site internet : 300 caractères au plus.' })
  .refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), { error: 'Le site internet : adresse commençant par https:// attendue.' })
  .nullish()
  .transform((v) => (v ? v : null));

export const CareOffer = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: CareOfferKind,
  address: z.string(),
  communeInsee: z.string(),
  commune: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  public: CareOfferPublic,
  care: z.array(CareOfferCare),
  access: CareOfferAccess,
  phone: z.string().nullable(),
  website: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  region: z.string(),
  checkedOn: IsoDate,
  status: CareOfferStatus,
  /** The coordination's message when it returned the proposal (cleared on the next publication). */
  returnMessage: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type CareOffer = z.infer<typeof CareOffer>;

const fields = {
  name: requiredText('Le nom de la structure', 200),
  kind: CareOfferKind,
  address: requiredText('L’adresse', 300),
  communeInsee: InseeCode,
  commune: requiredText('La commune', 100),
  latitude: coordinate('La latitude', CARE_OFFER_BOUNDS.latitude),
  longitude: coordinate('La longitude', CARE_OFFER_BOUNDS.longitude),
  public: CareOfferPublic,
  care: z
    .array(CareOfferCare, { error: 'Les soins proposés : liste attendue.' })
    .min(1, { error: 'Choisissez au moins un soin proposé.' })
    .max(CARE_OFFER_CARE_VALUES.length)
    .transform((list) => CARE_OFFER_CARE_VALUES.filter((c) => list.includes(c))),
  access: CareOfferAccess,
  phone,
  website,
  unitId: z.number({ error: 'Le centre référent est obligatoire.' }).int().positive({ error: 'Le centre référent est obligatoire.' }),
  checkedOn: IsoDate,
};
export const CreateCareOffer = z.strictObject(fields);
export type CreateCareOffer = z.infer<typeof CreateCareOffer>;
export const UpdateCareOffer = z.strictObject({ ...fields, version: z.number({ error: 'Version attendue.' }).int().positive() });
export type UpdateCareOffer = z.infer<typeof UpdateCareOffer>;

/** Publish or withdraw: the version read. */
export const CareOfferDecision = z.strictObject({ version: z.number({ error: 'Version attendue.' }).int().positive() });
export type CareOfferDecision = z.infer<typeof CareOfferDecision>;
/** Return to the unit: the version read and why. */
export const ReturnCareOffer = z.strictObject({
  version: z.number({ error: 'Version attendue.' }).int().positive(),
  message: requiredText('Le message au centre', 1000, 'multi'),
});
export type ReturnCareOffer = z.infer<typeof ReturnCareOffer>;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : String(v).split(',')), z.array(item).optional());

export const CareOfferQuery = z.object({
  kind: oneOrMany(CareOfferKind),
  public: CareOfferPublic.optional(),
  care: oneOrMany(CareOfferCare),
  region: withoutControlCharacters(z.string().trim().max(100), 'single', 'La région').optional(),
  status: CareOfferStatus.optional(),
  unitId: z.coerce.number({ error: 'Centre : identifiant entier attendu.' }).int().positive().optional(),
});
export type CareOfferQuery = z.infer<typeof CareOfferQuery>;

/** One change of an entry, from the audit log. */
export const CareOfferHistoryItem = z.object({
  at: Timestamp,
  action: z.string(),
  actor: z.string(),
  message: z.string().nullable(),
  /** For a correction: the fields it changed, in French (`careOfferFieldLabels`), in the form's order; empty otherwise. */
  changes: z.array(z.string()),
});
export type CareOfferHistoryItem = z.infer<typeof CareOfferHistoryItem>;

/** The fields of the open export, in order: public fields only (no internal id, status or user). */
export const CARE_OFFER_OPEN_FIELDS = ['nom', 'type', 'adresse', 'commune', 'code_insee', 'latitude', 'longitude', 'public', 'soins', 'acces', 'telephone', 'site_internet', 'centre_referent', 'region', 'verifie_le'] as const;
export const CARE_OFFER_LICENCE = 'Licence Ouverte / Open Licence version 2.0 (Etalab) — https://www.etalab.gouv.fr/licence-ouverte-open-licence/';

/**
 * An entry's public fields with their French labels, as both exports write them (the open export's
 * row, the start of the registry export's): its referencing unit is added by each under its own column.
 */
export function careOfferLabelledFields(e: CareOffer) {
  return {
    nom: e.name,
    type: careOfferKindLabels[e.kind],
    adresse: e.address,
    commune: e.commune,
    code_insee: e.communeInsee,
    latitude: e.latitude,
    longitude: e.longitude,
    public: careOfferPublicLabels[e.public],
    soins: e.care.map((c) => careOfferCareLabels[c]).join(', '),
    acces: careOfferAccessLabels[e.access],
    telephone: e.phone,
    site_internet: e.website,
    region: e.region,
    verifie_le: e.checkedOn,
  };
}

// ---- Import (CSV or Excel) and the registry export ----

/** The import's columns: the open export's (so an export comes back in), `centre` taking the unit's code or name. */
export const CARE_OFFER_IMPORT_COLUMNS = ['nom', 'type', 'adresse', 'code_insee', 'commune', 'latitude', 'longitude', 'public', 'soins', 'acces', 'telephone', 'site_internet', 'centre', 'verifie_le'] as const;
export type CareOfferImportColumn = (typeof CARE_OFFER_IMPORT_COLUMNS)[number];
/**
 * The columns' French headers, as the import template and the registry export show them. The
 * import reads either (accents, case, spaces and underscores aside: « Vérifié le » is `verifie_le`).
 */
export const careOfferImportHeaders: Record<CareOfferImportColumn, string> = {
  nom: 'Nom',
  type: 'Type',
  adresse: 'Adresse',
  code_insee: 'Code INSEE',
  commune: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  public: 'Public',
  soins: 'Soins',
  acces: 'Accès',
  telephone: 'Téléphone',
  site_internet: 'Site internet',
  centre: 'Centre',
  verifie_le: 'Vérifié le',
};
/** The file types the import reads: an Excel workbook (its first sheet, or « Structures ») or a CSV. */
export const CARE_OFFER_IMPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] as const;
export const CARE_OFFER_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const CARE_OFFER_IMPORT_MAX_LINES = 2_000;

export const CareOfferImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun vaut true (vérification sans enregistrement) ou false (import).' })
    .default('true')
    .transform((v) => v === 'true'),
});
export type CareOfferImportQuery = z.infer<typeof CareOfferImportQuery>;

export const CareOfferImportResult = z.object({
  dryRun: z.boolean(),
  /** Whether the structures were recorded (all of them, as proposals), or none. */
  saved: z.boolean(),
  lines: z.array(z.object({ line: z.number().int(), name: z.string(), unitName: z.string() })),
  problems: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});
export type CareOfferImportResult = z.infer<typeof CareOfferImportResult>;

/** An entry's fields in French, for the history of its corrections. */
export const careOfferFieldLabels: Record<keyof CreateCareOffer, string> = {
  name: 'Nom',
  kind: 'Type',
  address: 'Adresse',
  communeInsee: 'Code INSEE',
  commune: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  public: 'Public',
  care: 'Soins proposés',
  access: 'Accès',
  phone: 'Téléphone',
  website: 'Site internet',
  unitId: 'Centre référent',
  checkedOn: 'Vérifiée le',
};
