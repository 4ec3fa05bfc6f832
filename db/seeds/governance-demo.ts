import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Demo governance (../../shared/DOMAIN.md, « Governance of the grouping »): the grouping's ten
 * members (the State's six ministries, ENM, CNRS, CHU de Lille, AP-HP) with their share of the
 * votes, a conseil d’administration beside the general assembly, and for each of the demo's three
 * years (the budget demo's: the two before `today`'s and `today`'s) two general assemblies — in
 * March (accounts and activity report of the year before, first amending budget) and in November
 * (initial budget of the next year) — and a board meeting in June, each with numbered
 * deliberations (« 2025-01 »…), the vote and a small PDF of minutes; and a few deliverables per
 * expected result and year. Nothing held after `today`, except the next March's general assembly,
 * recorded as planned (quorum not yet reached, nobody attending, no deliberation): the one the
 * year's official report versions are submitted to. Does nothing when members already exist.
 */

export interface GovernanceDemoOptions {
  /** `YYYY-MM-DD`; the current year is its year. */
  readonly today: string;
}

export interface GovernanceDemoSummary {
  readonly members: number;
  readonly meetings: number;
  readonly deliberations: number;
  readonly deliverables: number;
}

type Category = 'state' | 'public_body' | 'health_establishment';
const MEMBERS: readonly (readonly [name: string, category: Category, rightsBp: number])[] = [
  ['Ministère chargé de la santé', 'state', 1_500],
  ['Ministère de l’Éducation nationale', 'state', 900],
  ['Ministère de la Justice', 'state', 900],
  ['Ministère de l’Enseignement supérieur et de la Recherche', 'state', 900],
  ['Ministère de l’Intérieur', 'state', 900],
  ['Ministère des Armées', 'state', 900],
  ['École nationale de la magistrature', 'public_body', 700],
  ['CNRS', 'public_body', 700],
  ['CHU de Lille', 'health_establishment', 1_400],
  ['AP-HP', 'health_establishment', 1_200],
];

interface DemoDeliberation {
  readonly title: (year: number) => string;
  /** For, against, abstentions. */
  readonly votes: readonly [number, number, number];
}
interface DemoMeeting {
  readonly body: 'general_assembly' | 'board';
  readonly monthDay: string;
  readonly kind: 'ordinary' | 'extraordinary';
  /** Members (by index in MEMBERS) represented rather than present; the rest are present except `absent`. */
  readonly represented: readonly number[];
  readonly absent: readonly number[];
  readonly deliberations: readonly DemoDeliberation[];
}

const MEETINGS: readonly DemoMeeting[] = [
  {
    body: 'general_assembly',
    monthDay: '03-26',
    kind: 'ordinary',
    represented: [4, 7],
    absent: [],
    deliberations: [
      { title: (y) => `Approbation du compte financier ${y - 1}`, votes: [10, 0, 0] },
      { title: (y) => `Approbation du rapport d’activité ${y - 1}`, votes: [10, 0, 0] },
      { title: (y) => `Budget rectificatif n° 1 de l’exercice ${y}`, votes: [9, 0, 1] },
    ],
  },
  {
    body: 'board',
    monthDay: '06-18',
    kind: 'ordinary',
    represented: [3],
    absent: [6],
    deliberations: [{ title: (y) => `Programme de formation du réseau ${y}-${y + 1}`, votes: [9, 0, 0] }],
  },
  {
    body: 'general_assembly',
    monthDay: '11-19',
    kind: 'ordinary',
    represented: [1, 5, 9],
    absent: [7],
    deliberations: [{ title: (y) => `Budget initial de l’exercice ${y + 1}`, votes: [8, 0, 1] }],
  },
];

type Result = 'mapping' | 'network' | 'good_practice' | 'training';
type Kind = 'map' | 'referential' | 'module' | 'meeting' | 'other';
const DELIVERABLES: readonly (readonly [result: Result, title: (y: number) => string, kind: Kind, monthDay: string, link: string | null])[] = [
  ['mapping', (y) => `Cartographie de l’offre de soins en psychotraumatisme — mise à jour ${y}`, 'map', '06-30', 'https://cn2r.fr/cartographie'],
  ['mapping', (y) => `Annuaire des dispositifs ouverts en ${y}`, 'map', '12-15', null],
  ['network', (y) => `Journées nationales du réseau des centres ${y}`, 'meeting', '10-08', null],
  ['network', () => 'Groupe de travail « données d’activité » (quatre réunions)', 'meeting', '04-15', null],
  ['good_practice', (y) => `Référentiel de bonnes pratiques n° ${y - 2021} : prise en charge des enfants exposés`, 'referential', '09-30', 'https://cn2r.fr/ressources'],
  ['training', () => 'Module de formation « repérer le psychotraumatisme » (premier recours)', 'module', '05-31', null],
  ['training', () => 'Référentiel de formation des professionnels des centres', 'referential', '11-30', null],
];

/** A one-page PDF whose content shows `text` (ASCII): small minutes for the demo, with a valid xref table. */
export function demoPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');
  const stream = `BT /F1 12 Tf 72 760 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export async function seedGovernanceDemo(knex: Knex, options: GovernanceDemoOptions): Promise<GovernanceDemoSummary | null> {
  const current = Number(options.today.slice(0, 4));
  const years = [current - 2, current - 1, current];
  const run = async (trx: Knex.Transaction): Promise<GovernanceDemoSummary | null> => {
    const [{ n }] = await trx('governance_members').count({ n: '*' });
    if (Number(n) > 0) return null;

    const memberIds: number[] = [];
    for (const [name, category, rightsBp] of MEMBERS) {
      const [{ id }] = await trx('governance_members').insert({ name, category, rights_bp: rightsBp, member_from: '2019-01-01' }).returning('id');
      memberIds.push(id as number);
    }
    const bodyIds: Record<'general_assembly' | 'board', number> = {
      general_assembly: (await trx('governance_bodies').where({ kind: 'general_assembly' }).orderBy('id').first('id'))?.id ?? (await trx('governance_bodies').insert({ kind: 'general_assembly', name: 'Assemblée générale' }).returning('id'))[0].id,
      board: (await trx('governance_bodies').insert({ kind: 'board', name: 'Conseil d’administration' }).returning('id'))[0].id,
    };

    let meetings = 0;
    let deliberations = 0;
    for (const year of years) {
      let seq = 0;
      for (const m of MEETINGS) {
        const heldOn = `${year}-${m.monthDay}`;
        if (heldOn > options.today) continue;
        const [{ id: meetingId }] = await trx('governance_meetings').insert({ body_id: bodyIds[m.body], held_on: heldOn, kind: m.kind, quorum_reached: true }).returning('id');
        meetings += 1;
        await trx('governance_meeting_attendance').insert(
          memberIds.flatMap((memberId, i) => (m.absent.includes(i) ? [] : [{ meeting_id: meetingId, member_id: memberId, attendance: m.represented.includes(i) ? 'represented' : 'present' }])),
        );
        for (const d of m.deliberations) {
          seq += 1;
          const number = `${year}-${String(seq).padStart(2, '0')}`;
          const title = d.title(year);
          const [{ id: deliberationId }] = await trx('governance_deliberations')
            .insert({ number, meeting_id: meetingId, adopted_on: heldOn, title, votes_for: d.votes[0], votes_against: d.votes[1], abstentions: d.votes[2] })
            .returning('id');
          const bytes = demoPdf(`Proces-verbal - deliberation ${number} du ${heldOn} (donnees de demonstration)`);
          await trx('governance_deliberation_minutes').insert({
            deliberation_id: deliberationId,
            file_name: `PV-deliberation-${number}.pdf`,
            media_type: 'application/pdf',
            size_bytes: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            bytes,
          });
          deliberations += 1;
        }
      }
    }

    // The general assembly to come, where the current year's accounts and activity report go.
    await trx('governance_meetings').insert({
      body_id: bodyIds.general_assembly,
      held_on: `${current + 1}-${MEETINGS[0].monthDay}`,
      kind: 'ordinary',
      quorum_reached: false,
      notes: `Séance prévue : compte financier et rapport d’activité ${current}.`,
    });
    meetings += 1;

    let deliverables = 0;
    for (const year of years) {
      for (const [result, title, kind, monthDay, link] of DELIVERABLES) {
        const dueOn = `${year}-${monthDay}`;
        const status = dueOn <= options.today ? 'delivered' : monthDay >= '12-01' ? 'planned' : 'in_progress';
        await trx('deliverables').insert({ expected_result: result, title: title(year), kind, due_on: dueOn, status, link_url: link });
        deliverables += 1;
      }
    }

    const summary = { members: memberIds.length, meetings, deliberations, deliverables };
    await trx('audit_log').insert({ actor_email: 'système (données de démonstration)', action: 'demo.governance_seeded', entity_type: 'database', after: JSON.stringify({ years, ...summary }) });
    return summary;
  };
  return (knex as Knex.Transaction).isTransaction ? run(knex as Knex.Transaction) : knex.transaction(run);
}
