import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';

const FRENCH_DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

/**
 * The native adapter formats with Intl (fr-FR gives 25/12/2026) but parses with `Date.parse`,
 * which reads 01/02/2026 as 2 January. This one reads what a French user types: JJ/MM/AAAA
 * (also with - or .), and AAAA-MM-JJ. Impossible dates (31/02) are invalid, not rolled over.
 */
@Injectable()
export class FrenchDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      if (value.trim() === '') return null;
      const french = FRENCH_DATE.exec(value);
      if (french) return this.build(+french[3], +french[2], +french[1]);
      const iso = ISO_DATE.exec(value);
      if (iso) return this.build(+iso[1], +iso[2], +iso[3]);
      return this.invalid();
    }
    return super.parse(value, parseFormat);
  }

  private build(year: number, month: number, day: number): Date {
    const date = new Date(year, month - 1, day);
    const exists = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
    return exists ? date : this.invalid();
  }
}
