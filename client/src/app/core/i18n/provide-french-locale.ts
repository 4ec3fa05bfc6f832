import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { DEFAULT_CURRENCY_CODE, EnvironmentProviders, LOCALE_ID, makeEnvironmentProviders } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MAT_NATIVE_DATE_FORMATS } from '@angular/material/core';
import { FrenchDateAdapter } from './french-date-adapter';

/**
 * French everywhere: Angular pipes (dates, numbers), euros, and the Material date adapter.
 * The datepicker and paginator labels are provided by the components that use them
 * (`provideFrenchDatepickerIntl`, `provideFrenchPaginatorIntl`), so that those modules
 * stay out of the initial bundle.
 */
export function provideFrenchLocale(): EnvironmentProviders {
  registerLocaleData(localeFr);
  return makeEnvironmentProviders([
    { provide: LOCALE_ID, useValue: 'fr-FR' },
    { provide: DEFAULT_CURRENCY_CODE, useValue: 'EUR' },
    { provide: MAT_DATE_LOCALE, useValue: 'fr-FR' },
    { provide: DateAdapter, useClass: FrenchDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  ]);
}
