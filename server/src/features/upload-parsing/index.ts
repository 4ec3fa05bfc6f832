/**
 * Reading uploaded files (the collection workbook or CSV, the accounting export) away from the
 * thread that serves HTTP: `uploadParserThread` in the server, `inProcessUploadParsers` in the
 * specs and the command-line tools. Used by collection-import, budget (accounting import) and
 * care-offer (its workbook import).
 */
export { type UploadParsers, inProcessUploadParsers } from './upload-parsers.js';
export { UploadParserThread, uploadParserThread } from './upload-parser-thread.js';
