/** What other modules may use of the Excel module: streamed, logged exports and file names. */
export { anchorOf, contentDisposition, onePage, paged, safeName, sendExport, xlsxStream, type Cell, type Head, type Source } from './export.js';
export { MAX_EXPORT_ROWS, XLSX_MIME } from './schema.js';
export { ImportRunner, readUpload, type RowChecker } from './import.js';
export { buildTemplate } from './template.js';
export { TEMPLATE_FILE, type RowError } from './schema.js';
export { cellText, parseDate, parseYesNo, type Primitive } from './parse.js';
export type { SheetRow, Checked } from './import-rows.js';
