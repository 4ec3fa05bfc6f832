import { deflatedZip } from './oversized-workbook-fixture.js';
import { WorkbookTooLarge, scanWorkbook, workbookSheets, type SheetWatcher } from './workbook-scan.js';
import { ZipFormatError } from './zip-directory.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const WORKBOOK = `<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
<sheet name="Mode d&#8217;emploi" sheetId="1" r:id="rId1"/><sheet name="Trimestres &amp; mois" sheetId="2" state="hidden" r:id="rId2"/><sheet r:id="rId3" name="Données" state="veryHidden" sheetId="3"/></sheets></workbook>`;
const RELS = `<Relationships><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="x/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId3" Target="./worksheets/../worksheets/data.xml" Type="x/worksheet"/></Relationships>`;

/** A worksheet's XML: `rows` rows of `columns` cells, every third one empty (self-closing). */
function sheetXml(rows: number, columns: number, { prefix = '', refs = true } = {}): string {
  let xml = `<${prefix}worksheet><${prefix}cols><${prefix}col min="1" max="3"/></${prefix}cols><${prefix}sheetData>`;
  for (let r = 1; r <= rows; r++) {
    xml += refs ? `<${prefix}row r="${r}" spans="1:${columns}">` : `<${prefix}row>`;
    for (let c = 1; c <= columns; c++) {
      const ref = refs ? ` r="${String.fromCharCode(64 + c)}${r}"` : '';
      xml += c % 3 === 0 ? `<${prefix}c${ref} s="1"/>` : `<${prefix}c${ref} t="inlineStr"><${prefix}is><${prefix}t>a &lt; b</${prefix}t></${prefix}is></${prefix}c>`;
    }
    xml += `</${prefix}row>`;
  }
  return `${xml}</${prefix}sheetData><${prefix}conditionalFormatting><${prefix}cfRule type="x"/></${prefix}conditionalFormatting></${prefix}worksheet>`;
}

function workbook(sheets: Record<string, string>, extra: [string, Uint8Array][] = []): Buffer {
  return deflatedZip([['xl/workbook.xml', utf8(WORKBOOK)], ['xl/_rels/workbook.xml.rels', utf8(RELS)], ...Object.entries(sheets).map(([name, xml]): [string, Uint8Array] => [name, utf8(xml)]), ...extra]);
}

/** A watcher that records the rows and the cells it is told of. */
function recorder() {
  const seen = { rows: [] as number[], cells: 0, filled: 0, columns: new Set<number>() };
  const watcher: SheetWatcher = {
    row: (row) => seen.rows.push(row),
    cell: (_row, column, filled) => {
      seen.cells++;
      if (filled) seen.filled++;
      seen.columns.add(column);
    },
  };
  return { seen, watcher };
}

const limits = { maxUnzippedBytes: 100 * 1024 * 1024, maxCells: 1_000_000 };

describe('scanWorkbook', () => {
  it('names the sheets in tab order, with their state and their entry, from the workbook and its relationships', () => {
    expect(workbookSheets(WORKBOOK, RELS)).toEqual([
      { name: 'Mode d’emploi', path: 'xl/worksheets/sheet1.xml', state: 'visible' },
      { name: 'Trimestres & mois', path: 'xl/worksheets/sheet2.xml', state: 'hidden' },
      { name: 'Données', path: 'xl/worksheets/data.xml', state: 'veryHidden' },
    ]);
  });

  it('tells a watcher every row and cell, across chunk boundaries, with or without references and namespace prefixes', async () => {
    // 3 000 rows of 9 cells: about 400 KB of XML, inflated in 64 KB chunks that cut tags anywhere.
    const bytes = workbook({
      'xl/worksheets/sheet1.xml': sheetXml(3000, 9),
      'xl/worksheets/sheet2.xml': sheetXml(3000, 9, { prefix: 'x:' }),
      'xl/worksheets/data.xml': sheetXml(3000, 9, { refs: false }),
    });
    const recorders = [recorder(), recorder(), recorder()];
    await scanWorkbook(bytes, { ...limits, watch: (sheets) => new Map(sheets.map((s, i) => [s.path, recorders[i].watcher])) });
    for (const { seen } of recorders) {
      expect(seen.rows.length).toBe(3000);
      expect(seen.rows.every((r, i) => r === i + 1)).toBeTrue();
      expect([seen.cells, seen.filled]).toEqual([27_000, 18_000]);
      expect([...seen.columns].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('stops at the first cell over the limit, all sheets and shared strings counted, without reading further', async () => {
    const { seen, watcher } = recorder();
    const bytes = workbook({ 'xl/worksheets/sheet1.xml': sheetXml(100, 10), 'xl/worksheets/sheet2.xml': sheetXml(5000, 10) });
    const error = await scanWorkbook(bytes, { ...limits, maxCells: 2000, watch: (sheets) => new Map([[sheets[1].path, watcher]]) }).catch((e: unknown) => e);
    expect(error).toEqual(jasmine.any(WorkbookTooLarge));
    expect([(error as WorkbookTooLarge).limit, (error as WorkbookTooLarge).max]).toEqual(['cells', 2000]);
    // 1 000 cells in the first sheet, then the second sheet's first 100 rows.
    expect(seen.rows.length).toBe(101);
    expect(seen.cells).toBe(1000);

    const strings = `<sst count="3000">${'<si><t>x</t></si>'.repeat(3000)}</sst>`;
    const stringError = await scanWorkbook(workbook({}, [['xl/sharedStrings.xml', utf8(strings)]]), { ...limits, maxCells: 2999 }).catch((e: unknown) => e);
    expect((stringError as WorkbookTooLarge).limit).toBe('cells');
    await expectAsync(scanWorkbook(workbook({}, [['xl/sharedStrings.xml', utf8(strings)]]), { ...limits, maxCells: 3000 })).toBeResolved();
  });

  it('counts the bytes actually inflated, whatever the directory says', async () => {
    const bytes = workbook({ 'xl/worksheets/sheet1.xml': sheetXml(10, 3) }, [['xl/media/image1.png', new Uint8Array(1024 * 1024)]]);
    await expectAsync(scanWorkbook(bytes, { ...limits, maxUnzippedBytes: 1024 * 1024 + 10_000 })).toBeResolved();
    const error = await scanWorkbook(bytes, { ...limits, maxUnzippedBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect([(error as WorkbookTooLarge).limit, (error as WorkbookTooLarge).max]).toEqual(['unzipped_bytes', 1024 * 1024]);
  });

  it('stops when a watcher throws, and refuses damaged compressed data or an unknown compression', async () => {
    const bytes = workbook({ 'xl/worksheets/sheet1.xml': sheetXml(50, 3) });
    const stop = new Error('assez');
    await expectAsync(
      scanWorkbook(bytes, {
        ...limits,
        watch: (sheets) =>
          new Map([
            [
              sheets[0].path,
              {
                row: (r: number) => {
                  if (r === 10) throw stop;
                },
              },
            ],
          ]),
      }),
    ).toBeRejectedWith(stop);

    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf('xl/worksheets/sheet1.xml') + 24;
    damaged.fill(0xff, at + 5, at + 40);
    await expectAsync(scanWorkbook(damaged, limits)).toBeRejectedWithError(ZipFormatError);
    const unknown = Buffer.from(bytes);
    unknown.writeUInt16LE(12, unknown.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    await expectAsync(scanWorkbook(unknown, limits)).toBeRejectedWithError(ZipFormatError, /Méthode de compression 12/);
  });
});
