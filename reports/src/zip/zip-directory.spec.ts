import { ZipFormatError, dosDateTime, stampZipDates, zipEntries } from './zip-directory.js';

describe('zip directory', () => {
  it('encodes MS-DOS dates from the UTC fields, two-second precision, clamped to 1980–2107', () => {
    expect(dosDateTime(new Date('2026-05-04T08:30:41Z'))).toEqual({ date: (46 << 9) | (5 << 5) | 4, time: (8 << 11) | (30 << 5) | 20 });
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z')).date).toBe((0 << 9) | (1 << 5) | 1);
  });

  it('refuses bytes that hold no central directory, or a directory pointing outside the file', () => {
    expect(() => zipEntries(new Uint8Array(100))).toThrowError(ZipFormatError, 'Fin d’archive introuvable.');
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(10, 1, true);
    end.setUint32(12, 46, true);
    end.setUint32(16, 1000, true);
    expect(() => zipEntries(new Uint8Array(end.buffer))).toThrowError(ZipFormatError, 'Répertoire central hors de l’archive.');
    expect(() => stampZipDates(new Uint8Array(end.buffer), new Date())).toThrowError(ZipFormatError);
  });
});
