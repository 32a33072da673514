/** File type detection: signatures, Office parts inside the ZIP, text, and what a name or declared type may claim. */
import { describe, expect, it } from 'vitest';
import { checkType, cleanName, contentDisposition, sniff, textCharset, zipEntryNames } from './detect.js';
import { blobPath } from './service.js';
import { CT, DOCX, PDF, PNG, XLSX, zip } from './testing.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(12)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

describe('sniff', () => {
  it('recognises each allowed type by its bytes', () => {
    expect(sniff(PDF)).toBe('pdf');
    expect(sniff(PNG)).toBe('png');
    expect(sniff(JPEG)).toBe('jpeg');
    expect(sniff(WEBP)).toBe('webp');
    expect(sniff(DOCX)).toBe('docx');
    expect(sniff(XLSX)).toBe('xlsx');
    expect(sniff(Buffer.from('会议纪要\r\n第一项\t通过\n'))).toBe('txt');
  });

  it('refuses executables, bare ZIPs, macro documents and binary data', () => {
    expect(sniff(EXE)).toBeNull();
    expect(sniff(zip({ 'a.txt': 'hello' }))).toBeNull();
    expect(sniff(zip({ '[Content_Types].xml': CT, 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'x' }))).toBeNull();
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(sniff(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
    expect(sniff(Buffer.from('GIF89a'))).toBe('txt'); // text-looking bytes are text; a real GIF has binary after its header
    expect(sniff(Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0])]))).toBeNull();
  });

  it('reads text as UTF-8 or GB18030', () => {
    expect(textCharset(Buffer.from('\ufeff你好'))).toBe('utf-8');
    expect(textCharset(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toBe('gb18030'); // 你好 in GBK
    expect(textCharset(Buffer.from([0x68, 0x69, 0x00]))).toBeNull();
  });

  it('lists ZIP entries from the central directory and rejects truncated archives', () => {
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(zipEntryNames(DOCX.subarray(0, DOCX.length - 5))).toBeNull();
  });
});

describe('checkType', () => {
  it('stores the canonical type whatever a generic declaration said', () => {
    expect(checkType(PDF, 'application/octet-stream', '报告.pdf')).toEqual({ ok: true, kind: 'pdf', mime: 'application/pdf' });
    expect(checkType(JPEG, 'image/jpg', 'a.JPG')).toMatchObject({ ok: true, mime: 'image/jpeg' });
    expect(checkType(Buffer.from('hi'), 'text/plain; charset=utf-8', 'a.txt')).toMatchObject({ ok: true, mime: 'text/plain; charset=utf-8' });
    expect(checkType(DOCX, 'application/zip', '总结.docx')).toMatchObject({ ok: true, kind: 'docx' });
  });

  it('refuses content that is not allowed, a declared type that disagrees, and a lying extension', () => {
    expect(checkType(EXE, 'application/pdf', 'a.pdf')).toEqual({ ok: false, reason: 'content' });
    expect(checkType(PNG, 'application/pdf', 'a.png')).toEqual({ ok: false, reason: 'declared' });
    expect(checkType(Buffer.from('<script>alert(1)</script>'), 'text/html', 'a.html')).toEqual({ ok: false, reason: 'declared' });
    expect(checkType(PNG, 'application/octet-stream', 'a.pdf')).toEqual({ ok: false, reason: 'extension' });
    expect(checkType(Buffer.from('<svg/>'), 'text/plain', 'x.svg')).toEqual({ ok: false, reason: 'extension' });
    expect(checkType(PDF, '', '2024.06.01 会议')).toMatchObject({ ok: true }); // not an extension we know
  });
});

describe('names and headers', () => {
  it('cleans names of paths, control and bidi characters', () => {
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('C:\\Users\\a\\报告.pdf')).toBe('报告.pdf');
    expect(cleanName('evil\u202egpj.exe')).toBe('evilgpj.exe');
    expect(cleanName('\u0000')).toBe('file');
    const long = cleanName(`${'长'.repeat(300)}.docx`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('builds a download header with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('会议 "纪要".pdf')).toBe(`attachment; filename="__ ____.pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%20%22%E7%BA%AA%E8%A6%81%22.pdf`);
  });

  it('places blobs at ab/cd/<hash> and refuses anything else', () => {
    const h = 'ab'.repeat(32);
    expect(blobPath('/d', h)).toBe(`/d/ab/ab/${h}`);
    expect(() => blobPath('/d', '../x')).toThrow();
  });
});
