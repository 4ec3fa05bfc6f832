/**
 * Just enough of the ZIP format (the container of an .xlsx) to read its central directory: the
 * names and sizes of the entries, before handing the archive to exceljs (so a 5 MB file that
 * inflates to gigabytes is refused first), and to stamp every entry with one fixed date (JSZip,
 * which exceljs writes through, dates each entry with the current time, so two builds of the same
 * data would differ by their timestamps alone).
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the central-directory record. */
  readonly centralOffset: number;
  /** Offset of the local file header. */
  readonly localOffset: number;
  /** 0 stored, 8 deflated (the only two an .xlsx uses). */
  readonly method: number;
  /** The general-purpose flags (bit 0: encrypted). */
  readonly flags: number;
}

/** Not a readable ZIP archive (truncated, damaged, or ZIP64, which no template needs). */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The entries listed by the central directory; throws ZipFormatError when it cannot be walked. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const data = view(bytes);
  let end = -1;
  for (let i = bytes.length - END_RECORD_SIZE; i >= Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT); i--) {
    if (data.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('Fin d’archive introuvable.');
  const count = data.getUint16(end + 10, true);
  const directorySize = data.getUint32(end + 12, true);
  const directoryOffset = data.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError('Archive ZIP64 non prise en charge.');
  if (directoryOffset + directorySize > end) throw new ZipFormatError('Répertoire central hors de l’archive.');

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (offset + CENTRAL_HEADER_SIZE > end || data.getUint32(offset, true) !== CENTRAL_HEADER) {
      throw new ZipFormatError('Répertoire central endommagé.');
    }
    const flags = data.getUint16(offset + 8, true);
    const method = data.getUint16(offset + 10, true);
    const compressedSize = data.getUint32(offset + 20, true);
    const uncompressedSize = data.getUint32(offset + 24, true);
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const localOffset = data.getUint32(offset + 42, true);
    if (localOffset + LOCAL_HEADER_SIZE > directoryOffset || data.getUint32(localOffset, true) !== LOCAL_HEADER) {
      throw new ZipFormatError('En-tête de fichier endommagé.');
    }
    const name = decoder.decode(bytes.subarray(offset + CENTRAL_HEADER_SIZE, offset + CENTRAL_HEADER_SIZE + nameLength));
    entries.push({ name, compressedSize, uncompressedSize, centralOffset: offset, localOffset, method, flags });
    offset += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, as stored after its local header; throws ZipFormatError when they run past the archive. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  const start = entry.localOffset + LOCAL_HEADER_SIZE + data.getUint16(entry.localOffset + 26, true) + data.getUint16(entry.localOffset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError('Données d’une entrée hors de l’archive.');
  return bytes.subarray(start, start + entry.compressedSize);
}

/** The MS-DOS date and time of a ZIP entry, from the UTC fields of `date` (two-second precision, 1980 to 2107). */
export function dosDateTime(date: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/** A copy of the archive where every entry carries `date` (UTC) in its local and central headers. */
export function stampZipDates(bytes: Uint8Array, date: Date): Buffer {
  const copy = Buffer.from(bytes);
  const data = view(copy);
  const dos = dosDateTime(date);
  for (const entry of zipEntries(copy)) {
    data.setUint16(entry.centralOffset + 12, dos.time, true);
    data.setUint16(entry.centralOffset + 14, dos.date, true);
    data.setUint16(entry.localOffset + 10, dos.time, true);
    data.setUint16(entry.localOffset + 12, dos.date, true);
  }
  return copy;
}
