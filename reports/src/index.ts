export * from './csv/csv-format.js';
export * from './audit/build-audit-csv.js';
