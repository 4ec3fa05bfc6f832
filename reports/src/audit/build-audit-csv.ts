import { type AuditEntry, formatInstantFr } from '@cn2r/shared';
import { CSV_BOM, csvLine } from '../csv/csv-format.js';

const header = ['N°', 'Date et heure (Paris)', 'Auteur', 'Action', 'Type d’entité', 'Identifiant', 'Avant', 'Après', 'Motif', 'Requête'];


const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The audit log as CSV, one line at a time, so a long journal streams without being held in memory. */
export async function* buildAuditCsv(entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(header);
  for await (const e of entries) {
    yield csvLine([
      e.id,
      formatInstantFr(e.at, { time: 'medium' }),
      e.actorEmail,
      e.action,
      e.entityType,
      e.entityId,
      json(e.before),
      json(e.after),
      e.reason,
      e.requestId,
    ]);
  }
}
