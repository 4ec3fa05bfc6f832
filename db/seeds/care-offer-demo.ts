import type { Knex } from 'knex';

/**
 * Demo care-offer registry (issue #18): eight structures per regional centre, two in each of four
 * communes of its region (fictitious names, real communes with their INSEE code, plausible
 * coordinates a few kilometres apart, Martinique included), checked in `today`'s year up to
 * `today`. The fourth structure of four centres is still a proposal (one of them returned by the
 * coordination with a message); the others are published. The indicator « structures
 * référencées » of `today`'s year is then computed from these (76 published); the earlier years
 * keep their typed values (52, 59 and 65 for the network in 2023–2025: see collection-demo’s NET_REF). Does
 * nothing when the registry already has entries.
 */
export interface CareOfferDemoOptions {
  /** `YYYY-MM-DD`; the current year is its year. */
  readonly today: string;
}

type Kind = 'hospital_service' | 'cump' | 'specialised_consultation' | 'victim_association' | 'health_centre' | 'group_practice' | 'other';
type Commune = readonly [insee: string, name: string, lat: number, lon: number, phonePrefix: string];

/** Per centre: four communes of its region (the first is the host city). */
const COMMUNES: Record<string, readonly Commune[]> = {
  'CRP-BFC': [['21231', 'Dijon', 47.322, 5.0415, '03 80'], ['25056', 'Besançon', 47.2378, 6.0241, '03 81'], ['89024', 'Auxerre', 47.7986, 3.5673, '03 86'], ['71076', 'Chalon-sur-Saône', 46.7806, 4.8539, '03 85']],
  'CRP-CVL': [['37261', 'Tours', 47.3941, 0.6848, '02 47'], ['45234', 'Orléans', 47.903, 1.9093, '02 38'], ['18033', 'Bourges', 47.081, 2.3988, '02 48'], ['28085', 'Chartres', 48.4439, 1.489, '02 37']],
  'CRP-GE': [['67482', 'Strasbourg', 48.5734, 7.7521, '03 88'], ['57463', 'Metz', 49.1193, 6.1757, '03 87'], ['51454', 'Reims', 49.2583, 4.0317, '03 26'], ['54395', 'Nancy', 48.6921, 6.1844, '03 83']],
  'CRP-HDF': [['59350', 'Lille', 50.6292, 3.0573, '03 20'], ['80021', 'Amiens', 49.8941, 2.2958, '03 22'], ['62041', 'Arras', 50.291, 2.7775, '03 21'], ['59512', 'Roubaix', 50.6942, 3.1746, '03 20']],
  'CRP-ARA': [['69123', 'Lyon', 45.764, 4.8357, '04 72'], ['38185', 'Grenoble', 45.1885, 5.7245, '04 76'], ['63113', 'Clermont-Ferrand', 45.7772, 3.087, '04 73'], ['42218', 'Saint-Étienne', 45.4397, 4.3872, '04 77']],
  'CRP-IDF-CS': [['75056', 'Paris', 48.8449, 2.3734, '01 43'], ['94028', 'Créteil', 48.7904, 2.4556, '01 45'], ['94041', 'Ivry-sur-Seine', 48.8157, 2.3849, '01 46'], ['75056', 'Paris', 48.8296, 2.3387, '01 45']],
  'CRP-IDF-PN': [['93066', 'Saint-Denis', 48.9362, 2.3574, '01 48'], ['93008', 'Bobigny', 48.9077, 2.4397, '01 48'], ['95018', 'Argenteuil', 48.9472, 2.2467, '01 34'], ['75056', 'Paris', 48.899, 2.344, '01 42']],
  'CRP-MQ': [['97209', 'Fort-de-France', 14.6037, -61.0731, '05 96'], ['97213', 'Le Lamentin', 14.6131, -60.9994, '05 96'], ['97222', 'Le Robert', 14.6775, -60.9394, '05 96'], ['97229', 'Schœlcher', 14.615, -61.0903, '05 96']],
  'CRP-OCC': [['31555', 'Toulouse', 43.6047, 1.4442, '05 61'], ['34172', 'Montpellier', 43.6108, 3.8767, '04 67'], ['30189', 'Nîmes', 43.8367, 4.3601, '04 66'], ['66136', 'Perpignan', 42.6887, 2.8948, '04 68']],
  'CRP-PACA': [['06088', 'Nice', 43.7102, 7.262, '04 93'], ['13055', 'Marseille', 43.2965, 5.3698, '04 91'], ['83137', 'Toulon', 43.1242, 5.928, '04 94'], ['84007', 'Avignon', 43.9493, 4.8055, '04 90']],
};

const STREETS = ['rue des Tilleuls', 'avenue de la République', 'boulevard Pasteur', 'rue du Moulin', 'place de la Mairie', 'rue Victor-Hugo', 'allée des Acacias', 'rue de la Gare'];

/** Four structure templates, one per commune of a centre: name, kind, public, care, access. */
const TEMPLATES: readonly ((commune: string, k: number) => readonly [name: string, kind: Kind, pub: string, care: string, access: string])[] = [
  (c) => [`Unité de psychotraumatologie — Hôpital des Quatre-Vents (${c})`, 'hospital_service', 'adults', 'evaluation,psychotherapy,group_therapy', 'referral'],
  (c, k) => (k % 2 === 0 ? [`Association Horizon Victimes — antenne de ${c}`, 'victim_association', 'all', 'social_legal_support,orientation', 'free'] : [`Cellule d’urgence médico-psychologique du secteur de ${c}`, 'cump', 'all', 'emergency,orientation', 'emergency_only']),
  (c, k) => (k % 3 === 0 ? [`Maison des adolescents Les Passerelles (${c})`, 'specialised_consultation', 'minors', 'evaluation,psychotherapy,orientation', 'appointment'] : [`Centre de santé Les Glycines (${c})`, 'health_centre', 'all', 'evaluation,orientation', 'appointment']),
  (c, k) => (k % 2 === 0 ? [`Cabinet de groupe du Parc — consultation du psychotraumatisme (${c})`, 'group_practice', 'adults', 'psychotherapy', 'appointment'] : [`Consultation enfants et familles Arc-en-ciel (${c})`, 'specialised_consultation', 'minors', 'evaluation,psychotherapy', 'referral']),
];

/** The second structure of each commune, a few kilometres from the first (a district or the next town). */
const SECOND_TEMPLATES: readonly ((commune: string, k: number) => readonly [name: string, kind: Kind, pub: string, care: string, access: string])[] = [
  (c) => [`Centre médico-psychologique adultes du secteur de ${c}-Nord`, 'hospital_service', 'adults', 'evaluation,psychotherapy,orientation', 'referral'],
  (c) => [`Consultation victimes de violences Les Iris (${c})`, 'specialised_consultation', 'adults', 'evaluation,psychotherapy,social_legal_support', 'appointment'],
  (c) => [`Centre médico-psychologique infanto-juvénile Les Mouettes (${c})`, 'hospital_service', 'minors', 'evaluation,psychotherapy', 'referral'],
  (c) => [`Association Écoute et Droits des victimes — permanence de ${c}`, 'victim_association', 'all', 'social_legal_support,orientation', 'free'],
];
/** How far the second structure of a commune lies from the first, in degrees (about 3 km). */
const SECOND_OFFSET = { latitude: 0.03, longitude: -0.04 } as const;

/** The centres whose fourth structure is still a proposal (the first of them returned with a message). */
const PROPOSED = ['CRP-GE', 'CRP-MQ', 'CRP-OCC', 'CRP-IDF-PN'];
const RETURN_MESSAGE = 'Merci de préciser si la consultation accueille aussi les adolescents de plus de 16 ans, et le numéro du secrétariat.';

const pad = (n: number) => String(n).padStart(2, '0');

export async function seedCareOfferDemo(knex: Knex, options: CareOfferDemoOptions): Promise<{ published: number; proposed: number } | null> {
  if (Number((await knex('care_offers').count({ n: '*' }))[0].n) > 0) return null;
  const units = new Map((await knex('units').whereIn('code', Object.keys(COMMUNES)).select('id', 'code')).map((u) => [u.code as string, u.id as number]));
  if (units.size === 0) return null;
  const year = Number(options.today.slice(0, 4));
  const todayMonth = Number(options.today.slice(5, 7));
  const todayDay = Number(options.today.slice(8, 10));
  const rows: Record<string, unknown>[] = [];
  let k = 0;
  for (const [code, communes] of Object.entries(COMMUNES)) {
    const unitId = units.get(code);
    if (unitId === undefined) continue;
    for (const pass of [0, 1] as const) communes.forEach(([insee, commune, firstLat, firstLon, prefix], i) => {
      const [name, kind, pub, care, access] = (pass === 0 ? TEMPLATES : SECOND_TEMPLATES)[i](commune, k);
      const lat = pass === 0 ? firstLat : Math.round((firstLat + SECOND_OFFSET.latitude) * 10_000) / 10_000;
      // Martinique's communes here lie on its west coast: the second structure is inland, to the east.
      const lon = pass === 0 ? firstLon : Math.round((firstLon + (firstLon < -50 ? -1 : 1) * SECOND_OFFSET.longitude) * 10_000) / 10_000;
      // Checked in the year, never after today: spread over the months up to today's.
      const month = 1 + ((k * 5) % todayMonth);
      const day = month === todayMonth ? 1 + (k % todayDay) : 1 + ((k * 7) % 28);
      const proposed = pass === 0 && i === 3 && PROPOSED.includes(code);
      rows.push({
        name,
        kind,
        address: `${2 + ((k * 13) % 97)} ${STREETS[k % STREETS.length]}`,
        commune_insee: insee,
        commune,
        latitude: lat,
        longitude: lon,
        public: pub,
        care,
        access,
        phone: `${prefix} ${pad(10 + ((k * 17) % 89))} ${pad(10 + ((k * 31) % 89))} ${pad(10 + ((k * 7) % 89))}`,
        website: kind === 'victim_association' ? `https://horizon-victimes.example.org/${insee}` : null,
        unit_id: unitId,
        checked_on: `${year}-${pad(month)}-${pad(day)}`,
        status: proposed ? 'proposed' : 'published',
        return_message: proposed && code === PROPOSED[0] ? RETURN_MESSAGE : null,
        published_at: proposed ? null : new Date(`${year}-${pad(month)}-${pad(day)}T10:00:00Z`),
      });
      k++;
    });
  }
  const inserted: { id: number; status: string; published_at: Date | null; checked_on: unknown }[] = await knex('care_offers').insert(rows).returning(['id', 'status', 'published_at', 'checked_on']);
  // Each entry's history starts when it was published (or proposed: the day it was checked), not at the seeding.
  await knex('audit_log').insert(
    inserted.map((r) => ({
      actor_email: 'système (données de démonstration)',
      action: r.status === 'published' ? 'care_offer.published' : 'care_offer.created',
      entity_type: 'care_offer',
      entity_id: String(r.id),
      at: r.published_at ?? new Date(`${String(r.checked_on instanceof Date ? r.checked_on.toISOString() : r.checked_on).slice(0, 10)}T09:00:00Z`),
    })),
  );
  const published = inserted.filter((r) => r.status === 'published').length;
  return { published, proposed: inserted.length - published };
}
