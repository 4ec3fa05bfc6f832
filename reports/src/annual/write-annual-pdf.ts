import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { DRAFT_MARK, formatDecimal, formatEuros, formatFigureChange, formatInstantFr } from '@cn2r/shared';
import {
  cellNumber,
  columnTotal,
  derivedValue,
  editionText,
  submissionText,
  isEtpt,
  isSuppressed,
  tableNotes,
  DISPLAY_DECIMALS,
  cellDisplayKind,
  suppressedText,
  type AnnualCell,
  type AnnualCellKind,
  type AnnualChart,
  type AnnualColumn,
  type AnnualDocument,
  type AnnualTable,
} from './annual-document.js';
import { ANNUAL_COLORS, PDF_STYLES } from './annual-styles.js';

/**
 * An annual report as a PDF (pdfmake 0.3, server side): title page, table of contents, one
 * section per chapter with its narrative, bar charts (SVG) and tables, page numbers. No remote or
 * local access besides the bundled Roboto files; the creation date comes from `generatedAt`, and
 * pdfkit derives the document id from the metadata, so the same document gives the same bytes.
 */

const require = createRequire(import.meta.url);
const roboto = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<'normal' | 'bold' | 'italics' | 'bolditalics', string> };
const FONT_DIR = dirname(roboto.Roboto.normal);

pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
pdfmake.setFonts(roboto);

const NBSP = '\u00A0';
/** Roboto has no U+202F nor U+2009: a no-break space instead, in any text put in the PDF (numbers already come without them). */
export const pdfText = (text: string): string => text.replace(/[\u202F\u2009]/g, NBSP);

/** A negative number typeset with the minus sign (U+2212, which Roboto has), not a hyphen. */
export const withMinusSign = (text: string): string => text.replace(/^-(?=\d)/, '\u2212');

/** A number with exactly `decimals` digits, U+00A0 between thousands (the shared French formatter). */
const frenchNumber = (value: number, decimals: number): string => formatDecimal(value, decimals);

/** fr-FR display of a plain number of a kind (euros in euros, a percentage as a fraction). */
export function formatNumber(kind: AnnualCellKind, value: number): string {
  if (kind === 'euros') return withMinusSign(formatEuros(Math.round(value * 100)));
  if (kind === 'percent') return withMinusSign(`${frenchNumber(value * 100, DISPLAY_DECIMALS.percent)}${NBSP}%`);
  return withMinusSign(frenchNumber(value, DISPLAY_DECIMALS[cellDisplayKind(kind, value)]));
}

function formatCell(column: AnnualColumn, cell: AnnualCell): string {
  if (cell === null) return '—';
  if (typeof cell === 'string') return pdfText(cell);
  if (isSuppressed(cell)) return suppressedText(cell);
  if (column.kind === 'euros' && typeof cell === 'number') return withMinusSign(formatEuros(cell));
  if (isEtpt(cell) && cell.den !== 0) return withMinusSign(frenchNumber(cell.num / cell.den, DISPLAY_DECIMALS.etpt));
  const value = cellNumber(column.kind, cell);
  return value === null ? '—' : formatNumber(column.kind, value);
}

function formatDerived(column: AnnualColumn, value: number | null): string {
  if (value === null) return '—';
  if (column.derived && 'points' in column.derived) return withMinusSign(pdfText(formatFigureChange({ unit: 'points', bp: Math.round(value * 100) })));
  return column.derived && 'difference' in column.derived ? formatNumber(column.kind, value) : formatNumber('percent', value);
}

function pdfTable(table: AnnualTable): Content[] {
  const { columns } = table;
  const header: TableCell[] = columns.map((c) => ({ text: pdfText(c.header), style: 'tableHeader', alignment: c.kind === 'text' ? 'left' : 'center' }));
  const body: TableCell[][] = [header];
  table.rows.forEach((row, r) => {
    body.push(
      columns.map((column, i) => ({
        text: column.derived ? formatDerived(column, derivedValue(column.derived, columns, row)) : formatCell(column, row[i]),
        alignment: column.kind === 'text' ? 'left' : 'right',
        fillColor: r % 2 ? `#${ANNUAL_COLORS.grey}` : undefined,
        style: 'tableBody',
      })),
    );
  });
  if (table.totalLabel) {
    const totals: AnnualCell[] = columns.map((_, i) => columnTotal(table, i));
    body.push(
      columns.map((column, i) => ({
        text: i === 0 ? pdfText(table.totalLabel!) : column.derived ? formatDerived(column, derivedValue(column.derived, columns, totals)) : column.total ? formatCell(column, totals[i]) : '',
        alignment: i === 0 || column.kind === 'text' ? 'left' : 'right',
        style: 'tableTotal',
      })),
    );
  }
  const out: Content[] = [];
  if (table.title) out.push({ text: pdfText(table.title), style: 'h2', keepWithNext: true } as Content);
  out.push({
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: columns.map((c, i) => (columns.length < 8 && (i === 0 || (c.kind === 'text' && (c.width ?? 0) >= 40)) ? '*' : 'auto')), body },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#BFBFBF', vLineColor: () => '#BFBFBF', paddingTop: () => 2, paddingBottom: () => 2 },
  });
  for (const note of tableNotes(table)) out.push({ text: pdfText(note), style: 'note' });
  return out;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Short axis label: `1,2 M€`, `350 k€`, `6 420`. */
function axisLabel(kind: AnnualChart['kind'], value: number): string {
  if (kind === 'percent') return `${frenchNumber(value * 100, 0)}${NBSP}%`;
  if (kind === 'euros') {
    if (Math.abs(value) >= 1_000_000) return `${frenchNumber(value / 1_000_000, 1)}${NBSP}M€`;
    if (Math.abs(value) >= 1_000) return `${frenchNumber(value / 1_000, 0)}${NBSP}k€`;
    return `${frenchNumber(value, 0)}${NBSP}€`;
  }
  return frenchNumber(value, 0);
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** A grouped bar chart as SVG: one group per category, one bar per series, a legend below. */
export function barChartSvg(chart: AnnualChart, width = 500, height = 230): string {
  const toNumber = (v: number) => (chart.kind === 'euros' ? v / 100 : chart.kind === 'percent' ? v / 10_000 : v);
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null).map(toNumber));
  const max = niceMax(Math.max(0, ...values));
  const left = 62;
  const top = 10;
  const legendHeight = 16 * Math.ceil(chart.series.length / 2);
  const bottom = 34 + legendHeight;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  for (let t = 0; t <= 4; t++) {
    const y = top + plotH - (plotH * t) / 4;
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#D9D9D9" stroke-width="0.5"/>`);
    parts.push(`<text x="${left - 4}" y="${y + 3}" font-family="Roboto" font-size="7" text-anchor="end" fill="#595959">${escapeXml(pdfText(axisLabel(chart.kind, (max * t) / 4)))}</text>`);
  }
  const groupW = plotW / Math.max(1, chart.categories.length);
  const barW = Math.min(40, (groupW * 0.8) / Math.max(1, chart.series.length));
  const colors = chart.series.length <= 3 ? ANNUAL_COLORS.series.slice(3 - chart.series.length) : [...ANNUAL_COLORS.series, '5B9BD5', 'A5A5A5', 'ED7D31'];
  chart.categories.forEach((category, c) => {
    const groupX = left + c * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((series, s) => {
      const raw = series.values[c];
      if (raw === null || raw === undefined) return;
      const value = Math.max(0, toNumber(raw));
      const h = (plotH * value) / max;
      parts.push(`<rect x="${groupX + s * barW}" y="${top + plotH - h}" width="${barW - 2}" height="${h}" fill="#${colors[s % colors.length]}"/>`);
    });
    const label = category.length > 26 ? `${category.slice(0, 25)}…` : category;
    parts.push(`<text x="${left + c * groupW + groupW / 2}" y="${top + plotH + 12}" font-family="Roboto" font-size="7" text-anchor="middle" fill="#262626">${escapeXml(pdfText(label))}</text>`);
  });
  chart.series.forEach((series, s) => {
    const x = left + (s % 2) * (plotW / 2);
    const y = height - legendHeight + Math.floor(s / 2) * 16 + 4;
    const label = series.label.length > 48 ? `${series.label.slice(0, 47)}…` : series.label;
    parts.push(`<rect x="${x}" y="${y}" width="9" height="9" fill="#${colors[s % colors.length]}"/>`);
    parts.push(`<text x="${x + 13}" y="${y + 8}" font-family="Roboto" font-size="7.5" fill="#262626">${escapeXml(pdfText(label))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}


export function annualPdfDefinition(document: AnnualDocument): TDocumentDefinitions {
  const at = new Date(document.generatedAt);
  const title = `${document.title} ${document.year}`;
  const edition = editionText(document.edition);
  const submission = submissionText(document.edition);
  const draft = document.edition?.status === 'draft';
  const content: Content[] = [
    { text: pdfText(document.organisation), style: 'subtitle', margin: [0, 160, 0, 24] },
    { text: pdfText(title), style: 'title', margin: [0, 0, 0, 12] },
    { text: pdfText(document.subtitle), style: 'subtitle', margin: [0, 0, 0, 8] },
    ...(edition ? [{ text: pdfText(edition), style: 'subtitle', bold: true, color: draft ? '#b00020' : '#1a1a1a', margin: [0, 8, 0, 8] } as Content] : []),
    ...(submission ? [{ text: pdfText(submission), style: 'subtitle', margin: [0, 0, 0, 8] } as Content] : []),
    {
      text: pdfText(
        document.edition?.status === 'official'
          ? `Générée le ${formatInstantFr(at, { date: 'long', time: 'none' })} ; données arrêtées à cette date`
          : `Données arrêtées le ${formatInstantFr(at, { date: 'long', time: 'none' })}`,
      ),
      style: 'note',
    },
    // The contents also become the PDF's bookmarks (outline), for navigation with a screen reader or the viewer's panel.
    { toc: { title: { text: 'Sommaire', style: 'h1' }, textStyle: 'toc', numberStyle: 'toc', outlines: true }, pageBreak: 'before' } as Content,
  ];
  for (const section of document.sections) {
    const wide = section.tables.some((t) => t.columns.length > 9);
    content.push({ text: pdfText(section.title), style: 'h1', tocItem: true, pageBreak: 'before', pageOrientation: wide ? 'landscape' : 'portrait' } as Content);
    if (section.narrative) for (const paragraph of section.narrative.split(/\n+/)) content.push({ text: pdfText(paragraph), style: 'narrative' });
    for (const chart of section.charts ?? []) {
      if (chart.series.length === 0 || chart.series.every((s) => s.values.every((v) => v === null))) continue;
      content.push({ text: pdfText(chart.title), style: 'h2', keepWithNext: true } as Content);
      content.push({ svg: barChartSvg(chart), width: 480, margin: [0, 0, 0, 6] } as Content);
    }
    for (const table of section.tables) content.push(...pdfTable(table));
    if (!section.narrative && section.tables.length === 0) content.push({ text: 'Aucun texte pour cette section.', style: 'note' });
  }
  return {
    pageSize: 'A4',
    pageMargins: [40, 44, 40, 48],
    // Language and title for assistive technologies (pdfmake writes no structure tree: the PDF is not tagged).
    language: 'fr-FR',
    displayTitle: true,
    info: { title, author: pdfText(document.organisation), subject: pdfText(document.subtitle), creator: 'CN2R Pilotage', producer: 'CN2R Pilotage', creationDate: at, modDate: at },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: PDF_STYLES as unknown as TDocumentDefinitions['styles'],
    content,
    ...(draft && { watermark: { text: pdfText(DRAFT_MARK), color: '#b00020', opacity: 0.08, bold: true, fontSize: 44 } }),
    footer: (current: number, total: number) =>
      current === 1
        ? null
        : {
            columns: [
              { text: pdfText(`${document.organisation} — ${title}${edition ? ` — ${edition}` : ''}`), fontSize: 7.5, color: draft ? '#b00020' : '#595959' },
              { text: `Page ${current} sur ${total}`, alignment: 'right', fontSize: 7.5, color: '#595959', width: 'auto' },
            ],
            margin: [40, 16, 40, 0],
          },
  };
}

export async function writeAnnualPdf(document: AnnualDocument): Promise<Buffer> {
  return pdfmake.createPdf(annualPdfDefinition(document)).getBuffer();
}
