import { CSV_BOM, CSV_SEPARATOR, csvField, csvLine } from './csv-format.js';

describe('csvField', () => {
  const cases: [name: string, value: string | number | boolean | null | undefined, expected: string][] = [
    ['null as an empty field', null, ''],
    ['undefined as an empty field', undefined, ''],
    ['an empty string', '', ''],
    ['plain text as is', 'Centre régional', 'Centre régional'],
    ['accents and typographic apostrophes as is', 'L’équipe à Besançon', 'L’équipe à Besançon'],
    ['an integer', 42, '42'],
    ['a negative number (a number, not a formula)', -1250, '-1250'],
    ['a decimal number', 3.5, '3.5'],
    ['a boolean', true, 'true'],
    ['a separator, quoted', 'a;b', '"a;b"'],
    ['a comma, not quoted (not the separator)', 'a,b', 'a,b'],
    ['quotes, doubled inside quotes', 'dit "bonjour"', '"dit ""bonjour"""'],
    ['a line feed, quoted', 'ligne 1\nligne 2', '"ligne 1\nligne 2"'],
    ['a CRLF, quoted', 'ligne 1\r\nligne 2', '"ligne 1\r\nligne 2"'],
    ['a formula starting with =, neutralised', '=1+1', "'=1+1"],
    ['a value starting with +, neutralised', '+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['a value starting with -, neutralised', '-2+3', "'-2+3"],
    ['a value starting with @, neutralised', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['a value starting with a tab, neutralised', '\tcmd', "'\tcmd"],
    ['a value starting with a CR, neutralised and quoted', '\rcmd', `"'\rcmd"`],
    ['a formula with quotes and separators, neutralised then quoted', '=HYPERLINK("http://x";"y")', `"'=HYPERLINK(""http://x"";""y"")"`],
    ['an = further in the text, untouched', 'a=b', 'a=b'],
  ];
  for (const [name, value, expected] of cases) {
    it(`writes ${name}`, () => {
      expect(csvField(value)).toBe(expected);
    });
  }
});

describe('csvLine', () => {
  it('joins fields with « ; » and ends the line with CRLF', () => {
    expect(CSV_SEPARATOR).toBe(';');
    expect(csvLine(['a', 1, null, 'b;c', undefined, '=x'])).toBe(`a;1;;"b;c";;'=x\r\n`);
  });

  it('writes an empty line for no fields and keeps line breaks inside quoted fields', () => {
    expect(csvLine([])).toBe('\r\n');
    expect(csvLine(['x\r\ny', 'z'])).toBe('"x\r\ny";z\r\n');
  });

  it('declares the UTF-8 byte-order mark Excel needs', () => {
    expect(CSV_BOM).toBe('\uFEFF');
    expect([...Buffer.from(CSV_BOM, 'utf8')]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
