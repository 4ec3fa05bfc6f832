import { parseAccountingExport, parseCollectionUpload, type ParsedAccountingExport, type ParsedCollectionUpload } from '@cn2r/reports';

/**
 * Reads an uploaded file into plain data: the collection workbook or CSV, the accounting export.
 * They throw the reading's own refusals (CollectionUploadRefused, AccountingExportRefused), which
 * the services turn into 4xx answers.
 */
export interface UploadParsers {
  collection(bytes: Uint8Array): Promise<ParsedCollectionUpload>;
  accounting(bytes: Uint8Array): Promise<ParsedAccountingExport>;
}

/** The parsers in the calling thread: for the specs and the command-line tools. */
export const inProcessUploadParsers: UploadParsers = {
  collection: (bytes) => parseCollectionUpload(bytes),
  accounting: (bytes) => parseAccountingExport(bytes),
};
