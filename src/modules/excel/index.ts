/** What other modules may use of the Excel module: streamed, logged exports and file names. */
export { contentDisposition, safeName, sendExport, xlsxStream, type Cell, type Head, type Source } from './export.js';
export { XLSX_MIME } from './schema.js';
