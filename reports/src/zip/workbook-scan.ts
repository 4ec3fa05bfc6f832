import { setImmediate as nextTurn } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { ZipFormatError, zipEntries, zipEntryData, type ZipEntry } from './zip-directory.js';

/**
 * A first pass over an uploaded .xlsx, before exceljs loads it: every entry is inflated as a
 * stream, its bytes counted, and the XML of the worksheets tokenised just enough to count cells
 * and rows. The pass stops at the first limit crossed, so a small archive holding millions of
 * cells is refused after reading only what the limit allows — exceljs would build every cell in
 * memory first (seconds of CPU, and a gigabyte for two million cells).
 *
 * Inflating runs on libuv's threads and the tokenising in chunks of 64 KB, between which the
 * event loop serves other requests. The sizes written in the ZIP directory are not trusted: the
 * bytes actually inflated are counted.
 */

export interface WorkbookSheet {
  /** The sheet's name in the workbook (tab). */
  readonly name: string;
  /** Its entry in the archive (`xl/worksheets/sheet1.xml`). */
  readonly path: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

/**
 * Watches one worksheet during the pass: told of every row and cell in file order. It may throw
 * (its caller's refusal) to stop the pass.
 */
export interface SheetWatcher {
  /** A row starts: its number (1-based). */
  row?(row: number): void;
  /** A cell of the current row: its column (1-based) and whether it holds anything (a value, a formula, inline text). */
  cell?(row: number, column: number, filled: boolean): void;
}

export interface WorkbookScanLimits {
  /** Bytes once inflated, all entries together. */
  readonly maxUnzippedBytes: number;
  /** Cell elements in all worksheets together, and entries of the shared string table. */
  readonly maxCells: number;
}

export interface WorkbookScanOptions extends WorkbookScanLimits {
  /** Which worksheets to watch, given the workbook's sheets in tab order. */
  watch?(sheets: readonly WorkbookSheet[]): ReadonlyMap<string, SheetWatcher>;
}

/** A limit of the pass was crossed: the archive was read no further. */
export class WorkbookTooLarge extends Error {
  override readonly name = 'WorkbookTooLarge';
  constructor(
    readonly limit: 'unzipped_bytes' | 'cells',
    readonly max: number,
  ) {
    super(limit === 'cells' ? `Plus de ${max} cellules.` : `Plus de ${max} octets une fois décompressé.`);
  }
}

const CHUNK = 64 * 1024;
/** An unfinished tag longer than this is no worksheet XML. */
const MAX_TAG = 1024 * 1024;
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** The inflated bytes of an entry, chunk by chunk; stops inflating when the consumer stops. */
async function* inflated(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw new ZipFormatError('Entrée chiffrée.');
  const data = zipEntryData(bytes, entry);
  if (entry.method === 0) {
    for (let start = 0; start < data.length; start += CHUNK) {
      if (start > 0) await nextTurn();
      yield Buffer.from(data.buffer, data.byteOffset + start, Math.min(CHUNK, data.length - start));
    }
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError(`Méthode de compression ${entry.method} non prise en charge.`);
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(data);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof ZipFormatError || error instanceof WorkbookTooLarge) throw error;
    throw new ZipFormatError('Données compressées endommagées.');
  } finally {
    inflater.destroy();
  }
}

const attribute = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : e === 'amp' ? '&' : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** `worksheets/sheet1.xml` (relative to xl/) or `/xl/worksheets/sheet1.xml` → the entry name. */
function resolveTarget(target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

/** The sheets in tab order, from the workbook and its relationships (what exceljs reads too). */
export function workbookSheets(workbookXml: string, relsXml: string): WorkbookSheet[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1], 'Id');
    const target = attribute(m[1], 'Target');
    if (id && target) targets.set(id, resolveTarget(unescapeXml(target)));
  }
  const sheets: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const id = /(?:^|\s)[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[1]);
    const path = id ? targets.get(id[1] ?? id[2]) : undefined;
    const state = attribute(m[1], 'state');
    if (path) sheets.push({ name: unescapeXml(attribute(m[1], 'name') ?? ''), path, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible' });
  }
  return sheets;
}

const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|si)(?=[\s/>])([^>]*)>/g;
/**
 * The column of a cell from its `r="AB12"` attribute (1-based), 0 when it has none. By hand rather
 * than by a regular expression: it runs for every cell of a watched sheet.
 */
function columnOf(attrs: string): number {
  for (let at = attrs.indexOf('r='); at >= 0; at = attrs.indexOf('r=', at + 2)) {
    const before = attrs.charCodeAt(at - 1);
    if (at > 0 && before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let i = at + 3;
    if (attrs.charCodeAt(i) === 36) i++; // $
    let column = 0;
    for (let code = attrs.charCodeAt(i) & ~32; code >= 65 && code <= 90 && i < at + 7; code = attrs.charCodeAt(++i) & ~32) column = column * 26 + (code - 64);
    return column;
  }
  return 0;
}

/** Counts the cells (and rows) of one worksheet's XML, fed in chunks; tags may straddle chunks. */
class SheetTokenizer {
  private carry = '';
  private row = 0;
  private column = 0;

  constructor(
    private readonly count: { cells: number; readonly max: number },
    private readonly watcher: SheetWatcher | undefined,
  ) {}

  feed(chunk: Buffer): void {
    // Latin-1 keeps one character per byte: tags and their numbers are ASCII, text is not looked at.
    let text = this.carry + chunk.toString('latin1');
    const open = text.lastIndexOf('<');
    if (open >= 0 && text.indexOf('>', open) < 0) {
      this.carry = text.slice(open);
      text = text.slice(0, open);
      if (this.carry.length > MAX_TAG) throw new ZipFormatError('Feuille illisible.');
    } else this.carry = '';
    const watcher = this.watcher;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      const attrs = m[2];
      if (m[1] === 'c') {
        if (++this.count.cells > this.count.max) throw new WorkbookTooLarge('cells', this.count.max);
        if (!watcher?.cell) continue;
        this.column = columnOf(attrs) || this.column + 1;
        watcher.cell(this.row, this.column, !attrs.endsWith('/'));
      } else if (m[1] === 'row') {
        const ref = watcher ? /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(attrs) : null;
        this.row = ref ? Number(ref[1]) : this.row + 1;
        this.column = 0;
        watcher?.row?.(this.row);
      }
    }
  }
}

/** Counts the entries of the shared string table. */
class StringCounter {
  private carry = '';
  constructor(private readonly count: { cells: number; readonly max: number }) {}

  feed(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    this.carry = text.slice(-3);
    for (let i = text.indexOf('<si', 0); i >= 0 && i < text.length - 3; i = text.indexOf('<si', i + 3)) {
      const next = text[i + 3];
      if ((next === '>' || next === ' ' || next === '/') && ++this.count.cells > this.count.max) throw new WorkbookTooLarge('cells', this.count.max);
    }
  }
}

/**
 * Reads the archive through once within the limits. Throws ZipFormatError when the archive cannot
 * be read, WorkbookTooLarge at the first limit crossed, or what a watcher throws.
 */
export async function scanWorkbook(bytes: Uint8Array, options: WorkbookScanOptions): Promise<void> {
  const entries = zipEntries(bytes);
  let unzipped = 0;
  const inflate = async function* (entry: ZipEntry): AsyncGenerator<Buffer> {
    for await (const chunk of inflated(bytes, entry)) {
      unzipped += chunk.length;
      if (unzipped > options.maxUnzippedBytes) throw new WorkbookTooLarge('unzipped_bytes', options.maxUnzippedBytes);
      yield chunk;
    }
  };
  const text = async (name: string): Promise<string> => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) return '';
    const chunks: Buffer[] = [];
    for await (const chunk of inflate(entry)) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };

  const sheets = workbookSheets(await text(WORKBOOK), await text(WORKBOOK_RELS));
  const watchers = options.watch?.(sheets) ?? new Map<string, SheetWatcher>();
  const worksheets = new Set(sheets.map((s) => s.path));
  const count = { cells: 0, max: options.maxCells };
  for (const entry of entries) {
    if (entry.name === WORKBOOK || entry.name === WORKBOOK_RELS || entry.name.endsWith('/')) continue;
    const isSheet = worksheets.has(entry.name) || /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const reader = isSheet ? new SheetTokenizer(count, watchers.get(entry.name)) : entry.name === 'xl/sharedStrings.xml' ? new StringCounter(count) : null;
    for await (const chunk of inflate(entry)) reader?.feed(chunk);
  }
}
