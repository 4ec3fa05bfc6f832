export * from './csv/csv-format.js';
export * from './audit/build-audit-csv.js';
export * from './collection/build-collection-template.js';
export * from './collection/parse-collection-upload.js';
export * from './tables/build-table-workbook.js';
export * from './budget/parse-accounting-export.js';
