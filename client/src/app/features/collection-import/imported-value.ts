import { type CellValue, formatInteger, formatNumber } from '@cn2r/shared';

/** A value of the changes table in French: `1 234`, `12,5`, `Oui` / `Non`, « vide » for none. */
export function importedValueText(value: CellValue): string {
  if (value === null) return 'vide';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return formatNumber(value, { maximumFractionDigits: 4 });
  return value;
}

/** A file size in French: `850 octets`, `12,4 Ko`, `4,8 Mo`. */
export function fileSizeText(bytes: number): string {
  const one = { format: (n: number) => formatNumber(n, { maximumFractionDigits: 1, narrowSpace: true }) };
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1024 * 1024) return `${one.format(bytes / 1024)} Ko`;
  return `${one.format(bytes / 1024 / 1024)} Mo`;
}

/** « 3 modifications », « 1 modification », « aucune modification », « aucun problème ». */
export function countText(n: number, singular: string, plural = `${singular}s`, feminine = false): string {
  if (n === 0) return `${feminine ? 'aucune' : 'aucun'} ${singular}`;
  return `${formatInteger(n)} ${n > 1 ? plural : singular}`;
}
