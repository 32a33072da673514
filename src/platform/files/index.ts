/** What other modules may use of the file store: storeFile() in their transaction, lookups, and the routes plugin. */
export { storeFile, getFile, openBlob, blobPath, maxFileBytes, DEFAULT_MAX_FILE_BYTES, type StoreFileInput, type StoredFile } from './service.js';
export { FILE_TYPES, checkType, sniff, type FileKind } from './detect.js';
export { fileRoutes } from './routes.js';
