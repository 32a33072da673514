/**
 * What a file really is, from its bytes: the allow-listed types (PDF, JPEG, PNG, WebP, DOCX, XLSX,
 * plain text), checked by signature and, for Office files, by the parts inside the ZIP. Pure: no I/O.
 */

/** The allowed file types: canonical MIME type, the MIME types a client may declare, and extensions. */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', declared: ['application/pdf', 'application/x-pdf'], ext: ['pdf'] },
  jpeg: { mime: 'image/jpeg', declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'], ext: ['jpg', 'jpeg', 'jpe'] },
  png: { mime: 'image/png', declared: ['image/png', 'image/x-png'], ext: ['png'] },
  webp: { mime: 'image/webp', declared: ['image/webp'], ext: ['webp'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    declared: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip', 'application/x-zip-compressed'],
    ext: ['docx'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    declared: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', 'application/x-zip-compressed'],
    ext: ['xlsx'],
  },
  txt: { mime: 'text/plain', declared: ['text/plain'], ext: ['txt', 'text', 'log'] },
} as const;

export type FileKind = keyof typeof FILE_TYPES;

/** Declared types that say nothing; the content decides. */
const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** Extensions refused whatever the content: they would be run or rendered if saved and opened. */
const DANGEROUS_EXT = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'msi', 'ps1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'hta', 'jar', 'sh', 'lnk', 'reg',
  'html', 'htm', 'xhtml', 'shtml', 'svg', 'xml', 'php', 'jsp', 'asp', 'aspx', 'docm', 'xlsm', 'dotm', 'xltm',
]);

const startsWith = (data: Buffer, sig: number[], at = 0): boolean =>
  data.length >= at + sig.length && sig.every((b, i) => data[at + i] === b);

/** The names of the entries of a ZIP archive, read from its central directory; null when it is not a well-formed ZIP. */
export function zipEntryNames(data: Buffer): string[] | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  const from = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  if (offset + size > eocd || count === 0xffff || offset === 0xffffffff) return null;
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || data.readUInt32LE(p) !== CDH) return null;
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    if (p + 46 + nameLen > eocd) return null;
    names.push(data.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function officeKind(data: Buffer): FileKind | null {
  const names = zipEntryNames(data);
  if (!names) return null;
  const has = new Set(names.map((n) => n.toLowerCase()));
  if (!has.has('[content_types].xml')) return null;
  // Macro-enabled documents carry a VBA project: refused even when named .docx/.xlsx.
  if (names.some((n) => /(^|\/)vbaproject\.bin$/i.test(n))) return null;
  const word = has.has('word/document.xml');
  const excel = has.has('xl/workbook.xml');
  if (word === excel) return null;
  return word ? 'docx' : 'xlsx';
}

/** The character set of plain text (UTF-8, or GB18030 as older Chinese Windows saves it), or null for binary content. */
export function textCharset(data: Buffer): 'utf-8' | 'gb18030' | null {
  const body = startsWith(data, [0xef, 0xbb, 0xbf]) ? data.subarray(3) : data;
  for (const charset of ['utf-8', 'gb18030'] as const) {
    let text: string;
    try {
      text = new TextDecoder(charset, { fatal: true }).decode(body);
    } catch {
      continue;
    }
    // Control characters other than tab, line feed, form feed and carriage return mean binary data.
    return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : charset;
  }
  return null;
}

/** The allowed type the bytes are, or null when they are none of them. */
export function sniff(data: Buffer): FileKind | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF....WEBP
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return officeKind(data); // PK\3\4
  return textCharset(data) ? 'txt' : null;
}

/** The MIME type without parameters, lower-cased. */
export function baseMime(mime: string): string {
  return mime.split(';')[0].trim().toLowerCase();
}

/** The extension of a file name when it looks like one (letters and digits only), lower-cased. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : null;
}

export type TypeCheck = { ok: true; kind: FileKind; mime: string } | { ok: false; reason: 'content' | 'declared' | 'extension' };

/**
 * Decides what a file is: the content must be an allowed type; the declared MIME type, unless it
 * says nothing, must agree with it; and the name must not claim another allowed type or a
 * dangerous one. The MIME type to store is the canonical one (with the charset for text).
 */
export function checkType(data: Buffer, declaredMime: string, name: string): TypeCheck {
  const kind = sniff(data);
  if (!kind) return { ok: false, reason: 'content' };
  const t = FILE_TYPES[kind];
  const declared = baseMime(declaredMime);
  if (!GENERIC_MIME.has(declared) && !(t.declared as readonly string[]).includes(declared)) return { ok: false, reason: 'declared' };
  const ext = extensionOf(name);
  if (ext && !(t.ext as readonly string[]).includes(ext)) {
    const claimsOther = Object.values(FILE_TYPES).some((o) => (o.ext as readonly string[]).includes(ext));
    if (claimsOther || DANGEROUS_EXT.has(ext)) return { ok: false, reason: 'extension' };
  }
  const mime = kind === 'txt' ? `text/plain; charset=${textCharset(data)}` : t.mime;
  return { ok: true, kind, mime };
}

/** A safe display name: no directories, no control or bidirectional-override characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (!clean || clean === '.' || clean === '..') return 'file';
  if (clean.length <= 200) return clean;
  const ext = extensionOf(clean);
  return ext ? `${clean.slice(0, 199 - ext.length)}.${ext}` : clean.slice(0, 200);
}

/** A Content-Disposition header that downloads the file under its name (RFC 6266, with an ASCII fallback). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
