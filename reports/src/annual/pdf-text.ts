import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF written by pdfmake / pdfkit, for the specs: objects are read
 * from the file, content streams inflated, glyph ids mapped back to characters through each
 * font's ToUnicode CMap. Not a general PDF parser (no object streams, no xref streams): enough
 * for what pdfkit writes. Fragments on one line are joined (` | ` between table cells, guessed:
 * a fragment not ending with a space or a hyphen), lines by a newline.
 */

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | null;
}

function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
    } else {
      const dict = body.slice(0, streamAt);
      let from = start + streamAt + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = bytes.subarray(from, from + length);
      objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    }
    header.lastIndex = end;
  }
  return objects;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const chars = (h: string) => String.fromCodePoint(...(h.replace(/\s+/g, '').match(/.{4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = hex(line[1]);
      const to = hex(line[2]);
      if (line[3].startsWith('[')) {
        [...line[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((m, i) => map.set(from + i, chars(m[1])));
      } else {
        const first = hex(line[3].slice(1, -1));
        for (let code = from; code <= to; code++) map.set(code, String.fromCodePoint(first + code - from));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(hex(line[1]), chars(line[2]));
  }
  return map;
}

export function pdfPagesText(bytes: Buffer): string[] {
  const objects = readObjects(bytes);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const cmapCache = new Map<number, Map<number, string>>();
  const fontMap = (fontObject: number) => {
    if (!cmapCache.has(fontObject)) {
      const toUnicode = ref(objects.get(fontObject)?.dict ?? '', 'ToUnicode');
      const stream = toUnicode === null ? null : objects.get(toUnicode)?.stream;
      cmapCache.set(fontObject, stream ? parseCmap(stream.toString('latin1')) : new Map());
    }
    return cmapCache.get(fontObject)!;
  };

  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(root?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

  return kids.map((pageNumber) => {
    const page = objects.get(pageNumber)!.dict;
    const resourcesRef = ref(page, 'Resources');
    const resources = resourcesRef === null ? page : objects.get(resourcesRef)!.dict;
    const fonts = new Map<string, number>();
    const fontDict = /\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)) fonts.set(m[1], Number(m[2]));
    const contents = ref(page, 'Contents');
    const stream = contents === null ? '' : (objects.get(contents)?.stream?.toString('latin1') ?? '');

    const lines: string[] = [];
    let line = '';
    let lineY: string | null = null;
    let glyphs = new Map<number, string>();
    for (const m of stream.matchAll(/\/(\S+) [\d.]+ Tf|1 0 0 1 [-\d.]+ ([-\d.]+) Tm|\[((?:<[0-9a-fA-F]*>\s*[-\d.]*\s*)*)\] TJ/g)) {
      if (m[1] !== undefined) {
        glyphs = fontMap(fonts.get(m[1]) ?? -1);
      } else if (m[2] !== undefined) {
        if (lineY !== null && m[2] !== lineY) {
          lines.push(line);
          line = '';
        } else if (line && !/[\s\-–/]$/.test(line)) {
          // pdfmake breaks words after a space or a hyphen: anything else starts a new cell.
          line += ' | ';
        }
        lineY = m[2];
      } else {
        for (const h of m[3].matchAll(/<([0-9a-fA-F]*)>/g)) {
          for (const code of h[1].match(/.{4}/g) ?? []) line += glyphs.get(parseInt(code, 16)) ?? '\uFFFD';
        }
      }
    }
    if (line) lines.push(line);
    return lines.join('\n');
  });
}
