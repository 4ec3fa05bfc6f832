import {
  PERIOD_TYPES,
  PeriodError,
  daysInPeriod,
  dueDateOf,
  isPeriodCode,
  nextPeriod,
  openDaysShare,
  parsePeriod,
  periodContains,
  periodLabel,
  periodOf,
  periodShortLabel,
  periodsOfYear,
  periodsWithin,
  previousPeriod,
  samePeriodLastYear,
  unitOpenDuring,
  type PeriodType,
} from './periods.js';

const CODE_ERROR = (code: string) =>
  `Code de période invalide « ${code} » : formats attendus AAAA (année), AAAA-Qn (trimestre 1 à 4) ou AAAA-MM (mois 01 à 12).`;

describe('parsePeriod', () => {
  const valid: [code: string, type: PeriodType, year: number, index: number, start: string, end: string][] = [
    ['2026', 'year', 2026, 1, '2026-01-01', '2026-12-31'],
    ['2026-Q1', 'quarter', 2026, 1, '2026-01-01', '2026-03-31'],
    ['2026-Q2', 'quarter', 2026, 2, '2026-04-01', '2026-06-30'],
    ['2026-Q3', 'quarter', 2026, 3, '2026-07-01', '2026-09-30'],
    ['2026-Q4', 'quarter', 2026, 4, '2026-10-01', '2026-12-31'],
    ['2026-01', 'month', 2026, 1, '2026-01-01', '2026-01-31'],
    ['2026-02', 'month', 2026, 2, '2026-02-01', '2026-02-28'],
    ['2024-02', 'month', 2024, 2, '2024-02-01', '2024-02-29'],
    ['2000-02', 'month', 2000, 2, '2000-02-01', '2000-02-29'],
    ['1900-02', 'month', 1900, 2, '1900-02-01', '1900-02-28'],
    ['2026-04', 'month', 2026, 4, '2026-04-01', '2026-04-30'],
    ['2026-12', 'month', 2026, 12, '2026-12-01', '2026-12-31'],
    ['9999-12', 'month', 9999, 12, '9999-12-01', '9999-12-31'],
  ];
  for (const [code, type, year, index, start, end] of valid) {
    it(`parses ${code}`, () => {
      expect(parsePeriod(code)).toEqual({ code, type, year, index, start, end });
      expect(isPeriodCode(code)).toBeTrue();
    });
  }

  const invalid = ['', '26', '20261', '2026-Q0', '2026-Q5', '2026-q1', '2026-T1', '2026-00', '2026-13', '2026-1', '2026-001',
    ' 2026', '2026 ', '2026-03-01', '0999', '2026-Q1-01', 'abcd'];
  for (const code of invalid) {
    it(`refuses ${JSON.stringify(code)} with a French message`, () => {
      expect(() => parsePeriod(code)).toThrow(new PeriodError(CODE_ERROR(code)));
      expect(isPeriodCode(code)).toBeFalse();
    });
  }

  it('refuses a value that is not a string', () => {
    expect(isPeriodCode(2026)).toBeFalse();
    expect(() => parsePeriod(2026 as unknown as string)).toThrowError(PeriodError, CODE_ERROR('2026'));
  });

  it('lists the period types', () => {
    expect(PERIOD_TYPES).toEqual(['month', 'quarter', 'year']);
  });
});

describe('periodsOfYear', () => {
  it('lists the quarters, months and year in order', () => {
    expect(periodsOfYear(2026, 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOfYear(2026, 'year')).toEqual(['2026']);
    expect(periodsOfYear(2026, 'month')).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06',
      '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12',
    ]);
  });

  it('refuses an unknown type or a year out of range', () => {
    expect(() => periodsOfYear(2026, 'week' as PeriodType)).toThrowError(PeriodError, /Type de période inconnu « week »/);
    expect(() => periodsOfYear(2026.5, 'year')).toThrowError(PeriodError, /Année hors limites/);
    expect(() => periodsOfYear(999, 'year')).toThrowError(PeriodError, /Année hors limites/);
  });
});

describe('periodOf', () => {
  const cases: [date: string, type: PeriodType, expected: string][] = [
    ['2026-01-01', 'month', '2026-01'],
    ['2026-01-01', 'quarter', '2026-Q1'],
    ['2026-03-31', 'quarter', '2026-Q1'],
    ['2026-04-01', 'quarter', '2026-Q2'],
    ['2026-05-15', 'quarter', '2026-Q2'],
    ['2026-09-30', 'quarter', '2026-Q3'],
    ['2026-10-01', 'quarter', '2026-Q4'],
    ['2026-12-31', 'quarter', '2026-Q4'],
    ['2026-12-31', 'year', '2026'],
    ['2024-02-29', 'month', '2024-02'],
  ];
  for (const [date, type, expected] of cases) {
    it(`puts ${date} in the ${type} ${expected}`, () => expect(periodOf(date, type)).toBe(expected));
  }

  const badDates: [date: string, message: string][] = [
    ['2026-02-30', 'Date invalide : le 2026-02-30 n’existe pas.'],
    ['2023-02-29', 'Date invalide : le 2023-02-29 n’existe pas.'],
    ['2026-13-01', 'Date invalide : le 2026-13-01 n’existe pas.'],
    ['2026-00-10', 'Date invalide : le 2026-00-10 n’existe pas.'],
    ['15/05/2026', 'Date invalide « 15/05/2026 » : format AAAA-MM-JJ attendu.'],
    ['2026-5-15', 'Date invalide « 2026-5-15 » : format AAAA-MM-JJ attendu.'],
    ['2026-05-15T00:00:00Z', 'Date invalide « 2026-05-15T00:00:00Z » : format AAAA-MM-JJ attendu.'],
  ];
  for (const [date, message] of badDates) {
    it(`refuses the date ${date}`, () => expect(() => periodOf(date, 'month')).toThrow(new PeriodError(message)));
  }
});

describe('previousPeriod, nextPeriod and samePeriodLastYear', () => {
  const previous: [code: string, expected: string][] = [
    ['2026-Q1', '2025-Q4'],
    ['2026-Q2', '2026-Q1'],
    ['2026-Q4', '2026-Q3'],
    ['2026-01', '2025-12'],
    ['2026-03', '2026-02'],
    ['2026-12', '2026-11'],
    ['2026', '2025'],
  ];
  for (const [code, expected] of previous) {
    it(`goes from ${code} back to ${expected} and forward again`, () => {
      expect(previousPeriod(code)).toBe(expected);
      expect(nextPeriod(expected)).toBe(code);
    });
  }

  const lastYear: [code: string, expected: string][] = [
    ['2026', '2025'],
    ['2026-Q1', '2025-Q1'],
    ['2026-Q4', '2025-Q4'],
    ['2026-01', '2025-01'],
    ['2025-02', '2024-02'],
  ];
  for (const [code, expected] of lastYear) {
    it(`compares ${code} with ${expected}`, () => expect(samePeriodLastYear(code)).toBe(expected));
  }

  it('refuses to go before year 1000 or after 9999', () => {
    expect(() => previousPeriod('1000-Q1')).toThrowError(PeriodError, /Année hors limites : 999/);
    expect(() => nextPeriod('9999-12')).toThrowError(PeriodError, /Année hors limites : 10000/);
  });

  it('refuses an invalid code', () => {
    expect(() => previousPeriod('2026-Q0')).toThrowError(PeriodError, CODE_ERROR('2026-Q0'));
  });
});

describe('periodContains', () => {
  const cases: [outer: string, inner: string, expected: boolean][] = [
    ['2026', '2026', true],
    ['2026', '2026-Q1', true],
    ['2026', '2026-Q4', true],
    ['2026', '2026-01', true],
    ['2026', '2026-12', true],
    ['2026-Q2', '2026-04', true],
    ['2026-Q2', '2026-06', true],
    ['2026-Q2', '2026-Q2', true],
    ['2026-05', '2026-05', true],
    ['2026', '2025-12', false],
    ['2026', '2027-Q1', false],
    ['2026-Q2', '2026-03', false],
    ['2026-Q2', '2026-07', false],
    ['2026-Q2', '2026', false],
    ['2026-Q2', '2026-Q3', false],
    ['2026-04', '2026-Q2', false],
    ['2026-04', '2026-05', false],
  ];
  for (const [outer, inner, expected] of cases) {
    it(`${expected ? 'finds' : 'does not find'} ${inner} within ${outer}`, () => expect(periodContains(outer, inner)).toBe(expected));
  }
});

describe('periodsWithin', () => {
  const cases: [outer: string, type: PeriodType, expected: string[]][] = [
    ['2026', 'quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['2026', 'year', ['2026']],
    ['2026-Q1', 'month', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q4', 'month', ['2026-10', '2026-11', '2026-12']],
    ['2026-Q3', 'quarter', ['2026-Q3']],
    ['2026-Q3', 'year', []],
    ['2026-08', 'month', ['2026-08']],
    ['2026-08', 'quarter', []],
  ];
  for (const [outer, type, expected] of cases) {
    it(`lists the ${type} periods within ${outer}`, () => expect(periodsWithin(outer, type)).toEqual(expected));
  }

  it('lists the 12 months of a year', () => {
    expect(periodsWithin('2026', 'month').length).toBe(12);
  });
});

describe('daysInPeriod', () => {
  const cases: [code: string, days: number][] = [
    ['2026', 365],
    ['2024', 366],
    ['2000', 366],
    ['2100', 365],
    ['2026-Q1', 90],
    ['2024-Q1', 91],
    ['2026-Q2', 91],
    ['2026-Q3', 92],
    ['2026-Q4', 92],
    ['2026-02', 28],
    ['2024-02', 29],
    ['2026-04', 30],
    ['2026-03', 31],
  ];
  for (const [code, days] of cases) {
    it(`counts ${days} days in ${code}`, () => expect(daysInPeriod(code)).toBe(days));
  }
});

describe('period labels', () => {
  const cases: [code: string, label: string, short: string][] = [
    ['2026', 'Année 2026', '2026'],
    ['2026-Q1', '1er trimestre 2026', 'T1 2026'],
    ['2026-Q2', '2e trimestre 2026', 'T2 2026'],
    ['2026-Q3', '3e trimestre 2026', 'T3 2026'],
    ['2026-Q4', '4e trimestre 2026', 'T4 2026'],
    ['2026-01', 'janvier 2026', '01/2026'],
    ['2026-02', 'février 2026', '02/2026'],
    ['2026-03', 'mars 2026', '03/2026'],
    ['2026-08', 'août 2026', '08/2026'],
    ['2026-12', 'décembre 2026', '12/2026'],
  ];
  for (const [code, label, short] of cases) {
    it(`labels ${code} « ${label} » and « ${short} »`, () => {
      expect(periodLabel(code)).toBe(label);
      expect(periodShortLabel(code)).toBe(short);
    });
  }

  it('refuses an invalid code', () => {
    expect(() => periodLabel('2026-Q5')).toThrowError(PeriodError, CODE_ERROR('2026-Q5'));
    expect(() => periodShortLabel('T1 2026')).toThrowError(PeriodError, CODE_ERROR('T1 2026'));
  });
});

describe('unitOpenDuring and openDaysShare', () => {
  const cases: [name: string, period: string, openedOn: string, closedOn: string | null, expected: boolean, share: number][] = [
    ['a unit opening 2026-05-15, for 2026-Q1', '2026-Q1', '2026-05-15', null, false, 0],
    ['a unit opening 2026-05-15, for 2026-Q2', '2026-Q2', '2026-05-15', null, true, 47 / 91],
    ['a unit opening 2026-05-15, for 2026-Q3', '2026-Q3', '2026-05-15', null, true, 1],
    ['a unit opening 2026-05-15, for 2026-04', '2026-04', '2026-05-15', null, false, 0],
    ['a unit opening 2026-05-15, for 2026-05', '2026-05', '2026-05-15', null, true, 17 / 31],
    ['a unit opening 2026-05-15, for 2026', '2026', '2026-05-15', null, true, 231 / 365],
    ['a unit opening 2026-05-15, for 2025', '2025', '2026-05-15', null, false, 0],
    ['a unit opening on the last day of the quarter', '2026-Q2', '2026-06-30', null, true, 1 / 91],
    ['a unit opening the day after the quarter', '2026-Q2', '2026-07-01', null, false, 0],
    ['a unit opened years before', '2026-Q1', '2018-10-11', null, true, 1],
    ['a unit closing on the first day of the quarter', '2026-Q3', '2018-10-11', '2026-07-01', true, 1 / 92],
    ['a unit closed the day before the quarter', '2026-Q3', '2018-10-11', '2026-06-30', false, 0],
    ['a unit closing mid-quarter', '2026-Q1', '2018-10-11', '2026-02-15', true, 46 / 90],
    ['a unit open one day only, within the month', '2026-03', '2026-03-10', '2026-03-10', true, 1 / 31],
    ['a unit opening and closing within a leap February', '2024-02', '2024-02-01', '2024-02-29', true, 1],
    ['a unit closing 29 February, for the leap year', '2024', '2020-01-01', '2024-02-29', true, 60 / 366],
    ['a unit opening on new year’s eve, for the next year’s first quarter', '2027-Q1', '2026-12-31', null, true, 1],
  ];
  for (const [name, period, openedOn, closedOn, expected, share] of cases) {
    it(`${expected ? 'expects' : 'does not expect'} ${name} (share ${share.toFixed(4)})`, () => {
      expect(unitOpenDuring(period, openedOn, closedOn)).toBe(expected);
      expect(openDaysShare(period, openedOn, closedOn)).toBeCloseTo(share, 12);
    });
  }

  it('gives exactly 47/91 for 2026-Q2 and a unit opening 2026-05-15', () => {
    expect(openDaysShare('2026-Q2', '2026-05-15', null)).toBe(47 / 91);
  });

  it('refuses a closing date before the opening date', () => {
    expect(() => unitOpenDuring('2026', '2026-05-15', '2026-05-14')).toThrow(
      new PeriodError('La date de fermeture doit suivre la date d’ouverture.'),
    );
  });

  it('refuses invalid dates and periods, naming the date at fault', () => {
    expect(() => unitOpenDuring('2026', '2026-02-30', null)).toThrow(
      new PeriodError('Date d’ouverture invalide : le 2026-02-30 n’existe pas.'),
    );
    expect(() => openDaysShare('2026', '2026-01-01', '31/12/2026')).toThrow(
      new PeriodError('Date de fermeture invalide « 31/12/2026 » : format AAAA-MM-JJ attendu.'),
    );
    expect(() => openDaysShare('2026-Q5', '2026-01-01', null)).toThrowError(PeriodError, CODE_ERROR('2026-Q5'));
  });
});

describe('dueDateOf', () => {
  const cases: [period: string, days: number, expected: string][] = [
    ['2026-Q1', 0, '2026-03-31'],
    ['2026-Q1', 30, '2026-04-30'],
    ['2026-Q4', 31, '2027-01-31'],
    ['2026', 60, '2027-03-01'],
    ['2027', 60, '2028-02-29'],
    ['2024-01', 29, '2024-02-29'],
    ['2026-01', 29, '2026-03-01'],
    ['2026-12', 1, '2027-01-01'],
  ];
  for (const [period, days, expected] of cases) {
    it(`puts the due date of ${period} + ${days} days on ${expected}`, () => expect(dueDateOf(period, days)).toBe(expected));
  }

  it('refuses a negative or fractional delay', () => {
    const message = 'Le délai de transmission doit être un nombre entier de jours, de 0 à 3 660.';
    expect(() => dueDateOf('2026', -1)).toThrow(new PeriodError(message));
    expect(() => dueDateOf('2026', 1.5)).toThrow(new PeriodError(message));
    expect(() => dueDateOf('2026', Number.NaN)).toThrow(new PeriodError(message));
  });
});

describe('time zone independence', () => {
  // Node reads TZ again when it changes: run the date-sensitive helpers far east and far west of UTC.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Martinique', 'Europe/Paris']) {
    it(`gives the same answers in the time zone ${zone}`, () => {
      if (!env) return pending('no process.env to change the time zone');
      const saved = env['TZ'];
      env['TZ'] = zone;
      try {
        expect(periodOf('2026-12-31', 'year')).toBe('2026');
        expect(periodOf('2027-01-01', 'quarter')).toBe('2027-Q1');
        expect(parsePeriod('2026-Q1')).toEqual(jasmine.objectContaining({ start: '2026-01-01', end: '2026-03-31' }));
        expect(daysInPeriod('2026-Q1')).toBe(90); // spans the spring DST change in Europe
        expect(daysInPeriod('2026-Q4')).toBe(92); // spans the autumn one
        expect(openDaysShare('2026-Q2', '2026-05-15', null)).toBe(47 / 91);
        expect(dueDateOf('2026-Q1', 30)).toBe('2026-04-30');
      } finally {
        if (saved === undefined) delete env['TZ'];
        else env['TZ'] = saved;
      }
    });
  }
});
