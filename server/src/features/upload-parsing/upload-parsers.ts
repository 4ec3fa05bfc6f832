import {
  parseAccountingExport,
  parseCollectionUpload,
  readCareOfferWorkbook,
  type CareOfferWorkbookRows,
  type ParsedAccountingExport,
  type ParsedCollectionUpload,
} from '@cn2r/reports';

/**
 * Reads an uploaded file into plain data: the collection workbook or CSV, the accounting export,
 * a care-offer workbook. They throw the reading's own refusals (CollectionUploadRefused,
 * AccountingExportRefused, CareOfferWorkbookRefused), which
 * the services turn into 4xx answers.
 */
export interface UploadParsers {
  collection(bytes: Uint8Array): Promise<ParsedCollectionUpload>;
  accounting(bytes: Uint8Array): Promise<ParsedAccountingExport>;
  /** A care-offer workbook (.xlsx) as text rows; the server checks them as it checks a CSV's lines. */
  careOffer(bytes: Uint8Array): Promise<CareOfferWorkbookRows>;
}

/** The parsers in the calling thread: for the specs and the command-line tools. */
export const inProcessUploadParsers: UploadParsers = {
  collection: (bytes) => parseCollectionUpload(bytes),
  accounting: (bytes) => parseAccountingExport(bytes),
  careOffer: (bytes) => readCareOfferWorkbook(bytes),
};
