import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatInstantFr, formatLongDateFr, type AssemblyDeliberation, type ReportFile } from '@cn2r/shared';
import { PDF_STYLES } from './annual-styles.js';
// Also sets pdfmake's fonts and access policy (bundled Roboto only).
import { pdfText } from './write-annual-pdf.js';

/** What the approval certificate of an official version states (plain data: it crosses to the builder thread). */
export interface ApprovalCertificateData {
  readonly organisation: string;
  readonly year: number;
  readonly number: number;
  /** ISO instant of the version's data snapshot (its generation). */
  readonly generatedAt: string;
  /** The four files, as stored: name in the download URL, size and sha256. */
  readonly files: readonly { readonly file: ReportFile; readonly bytes: number; readonly sha256: string }[];
  readonly meeting: Omit<AssemblyDeliberation['meeting'], 'id'>;
  readonly deliberation: Omit<AssemblyDeliberation, 'id' | 'meeting'>;
  /** Who recorded the approval in the application, and when (ISO instant): also the PDF's creation date. */
  readonly recordedBy: string;
  readonly recordedAt: string;
}

const FILE_TITLES: Record<ReportFile, string> = {
  'activity.xlsx': 'Rapport d’activité — classeur (xlsx)',
  'activity.pdf': 'Rapport d’activité — document (PDF)',
  'financial.xlsx': 'Bilan financier — classeur (xlsx)',
  'financial.pdf': 'Bilan financier — document (PDF)',
};

const sizeText = (bytes: number) => `${new Intl.NumberFormat('fr-FR').format(Math.ceil(bytes / 1024)).replace(/\u202F/g, '\u00A0')}\u00A0ko`;
/** A sha256 in four groups of 16 hexadecimal digits, so it wraps where a reader can follow it. */
const groupedHash = (sha256: string) => sha256.match(/.{1,16}/g)!.join(' ');

/**
 * The approval certificate of an official version of the annual reports (one A4 page): which
 * version the general assembly approved — its number, generation date and the sha256 of its four
 * files, so anyone can check a copy a year later — by which deliberation (number, title, date,
 * vote, minutes' sha256) and who recorded it. Built once, when the approval is recorded, and stored
 * with the version; the same data gives the same bytes.
 */
export function approvalCertificateDefinition(data: ApprovalCertificateData): TDocumentDefinitions {
  const recordedAt = new Date(data.recordedAt);
  const title = `Certificat d’approbation — rapports annuels ${data.year}, version officielle n° ${data.number}`;
  const d = data.deliberation;
  const row = (label: string, value: string): Content[] => [
    { text: pdfText(label), bold: true },
    { text: pdfText(value) },
  ];
  const content: Content[] = [
    { text: pdfText(data.organisation), style: 'subtitle', margin: [0, 0, 0, 16] },
    { text: 'Certificat d’approbation', style: 'title', margin: [0, 0, 0, 6] },
    { text: pdfText(`Rapport d’activité et bilan financier ${data.year} — version officielle n° ${data.number}`), style: 'subtitle', margin: [0, 0, 0, 18] },
    {
      text: pdfText(
        `L’${data.meeting.bodyName.replace(/^Assemblée/, 'assemblée')} du ${formatLongDateFr(data.meeting.heldOn)} a approuvé, par sa délibération n° ${d.number}, la version officielle n° ${data.number} des rapports annuels ${data.year}, générée le ${formatInstantFr(data.generatedAt, { date: 'long' })} (heure de Paris). Cette version se compose des quatre fichiers ci-dessous, identifiés par leur empreinte SHA-256 : un fichier dont l’empreinte est identique est, octet pour octet, celui qui a été approuvé.`,
      ),
      margin: [0, 0, 0, 14],
      lineHeight: 1.25,
    },
    { text: 'La délibération', style: 'h2', margin: [0, 0, 0, 6] },
    {
      table: {
        widths: [150, '*'],
        body: [
          row('Numéro', d.number),
          row('Intitulé', d.title),
          row('Séance', `${data.meeting.bodyName} du ${formatLongDateFr(data.meeting.heldOn)}${data.meeting.quorumReached ? ' (quorum atteint)' : ''}`),
          row('Date de la délibération', formatLongDateFr(d.adoptedOn)),
          row('Vote', `${d.votesFor} voix pour, ${d.votesAgainst} contre, ${d.abstentions} abstention${d.abstentions > 1 ? 's' : ''}`),
          row('Procès-verbal (SHA-256)', d.minutesSha256 ? groupedHash(d.minutesSha256) : 'non joint'),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 14],
    },
    { text: 'Les fichiers approuvés', style: 'h2', margin: [0, 0, 0, 6] },
    {
      table: {
        headerRows: 1,
        widths: [150, 50, '*'],
        body: [
          [
            { text: 'Fichier', style: 'tableHeader' },
            { text: 'Taille', style: 'tableHeader', alignment: 'right' },
            { text: 'Empreinte SHA-256', style: 'tableHeader' },
          ],
          ...data.files.map((f) => [
            { text: pdfText(FILE_TITLES[f.file]) },
            { text: sizeText(f.bytes), alignment: 'right' as const },
            { text: groupedHash(f.sha256), fontSize: 8 },
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 14],
    },
    {
      text: pdfText(
        `Approbation enregistrée dans CN2R Pilotage par ${data.recordedBy} le ${formatInstantFr(recordedAt, { date: 'long' })} (heure de Paris). Ce certificat est établi une seule fois, au moment de cet enregistrement, et conservé avec la version ; ni lui ni les fichiers approuvés ne peuvent plus être modifiés.`,
      ),
      style: 'note',
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    language: 'fr-FR',
    displayTitle: true,
    info: { title: pdfText(title), author: pdfText(data.organisation), subject: 'Certificat d’approbation', creator: 'CN2R Pilotage', producer: 'CN2R Pilotage', creationDate: recordedAt, modDate: recordedAt },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1a1a1a' },
    styles: PDF_STYLES as unknown as TDocumentDefinitions['styles'],
    content,
    footer: { text: pdfText(`${data.organisation} — ${title}`), fontSize: 7.5, color: '#595959', margin: [48, 20, 48, 0] },
  };
}

export function buildApprovalCertificate(data: ApprovalCertificateData): Promise<Buffer> {
  return pdfmake.createPdf(approvalCertificateDefinition(data)).getBuffer();
}
