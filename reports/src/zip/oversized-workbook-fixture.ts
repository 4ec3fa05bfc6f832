import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { workbookSheets } from './workbook-scan.js';
import { zipEntries, zipEntryData } from './zip-directory.js';

/**
 * For the specs: a real workbook (a template) whose sheet is filled with a block of numbers a user
 * could paste, far beyond the import's limits — the file of the issue: 1,9 million cells in under
 * 5 MB of archive. Built directly as XML and deflated (exceljs would take a minute to write it).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of deflated entries, in the given order. */
export function deflatedZip(files: readonly (readonly [name: string, content: Uint8Array])[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = deflateRawSync(content, { level: 6 });
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    central.push(record, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The entries of an archive, inflated. */
export function unzipped(bytes: Uint8Array): [name: string, content: Buffer][] {
  return zipEntries(bytes).map((e) => [e.name, e.method === 0 ? Buffer.from(zipEntryData(bytes, e)) : inflateRawSync(zipEntryData(bytes, e))]);
}

const columnLetters = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

export interface OversizeOptions {
  /** The sheet to fill (by its tab name). */
  readonly sheet: string;
  /** Rows added below the sheet's last row. */
  readonly rows: number;
  /** Cells in each added row, from column A. */
  readonly columns: number;
}

/** `template` with `rows` × `columns` numbers added to one of its sheets. */
export function oversizedWorkbook(template: Uint8Array, { sheet, rows, columns }: OversizeOptions): Buffer {
  const files = unzipped(template);
  const text = (name: string) => files.find(([n]) => n === name)?.[1].toString('utf8') ?? '';
  const target = workbookSheets(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels')).find((s) => s.name === sheet);
  if (!target) throw new Error(`no sheet ${sheet} in the template`);
  const index = files.findIndex(([n]) => n === target.path);
  const xml = files[index][1].toString('utf8');
  const last = [...xml.matchAll(/<row r="(\d+)"/g)].reduce((max, m) => Math.max(max, Number(m[1])), 0);
  const letters = Array.from({ length: columns }, (_, i) => columnLetters(i + 1));
  // Small numbers, a little random (counts of a few): the archive then weighs what the issue's file did.
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) % 3;
  const added: string[] = [];
  for (let r = last + 1; r <= last + rows; r++) {
    let row = `<row r="${r}">`;
    for (const letter of letters) row += `<c r="${letter}${r}"><v>${next()}</v></c>`;
    added.push(row + '</row>');
  }
  const filled = xml.includes('</sheetData>') ? xml.replace('</sheetData>', `${added.join('')}</sheetData>`) : xml.replace('<sheetData/>', `<sheetData>${added.join('')}</sheetData>`);
  files[index] = [target.path, Buffer.from(filled, 'utf8')];
  return deflatedZip(files);
}

/**
 * The issue's file: the template given, its « Trimestres » sheet filled down 100 000 rows of 19
 * columns (1,9 million cells, about 4,8 MB zipped). Built once per template and kept in the
 * temporary directory (a few seconds to build).
 */
export function issueOversizedWorkbook(template: Uint8Array): Buffer {
  const options: OversizeOptions = { sheet: 'Trimestres', rows: 100_000, columns: 19 };
  const key = createHash('sha256').update(template).update(JSON.stringify(options)).update('v2').digest('hex').slice(0, 16);
  const file = path.join(tmpdir(), `cn2r-oversized-${key}.xlsx`);
  if (existsSync(file)) return readFileSync(file);
  const bytes = oversizedWorkbook(template, options);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return bytes;
}
