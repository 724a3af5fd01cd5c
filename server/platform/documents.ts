// Documents (pdf, docx, xlsx) judged by content, never by name alone: the
// extension must match what the bytes are. Refused with the reason: an
// executable, any other archive, a macro-enabled Office file (a vbaProject part
// or a macroEnabled content type, whatever the name says), the old binary
// Office formats, and anything whose content is not the named kind. Images
// take the photo path (photos.ts), which re-encodes them. The bytes are kept as
// they came (a document is evidence; it is never rewritten), under the storage
// root beside the photos.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from './errors.ts';
import { entryText, ZipError, zipEntries } from './zip.ts';

export const DOCUMENT_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档（.docx）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格（.xlsx）' },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

const refuse = (filename: string, why: string) => new AppError('FILE_REFUSED', `“${filename}”${why}`);

/** What the first bytes say, for the ones refused outright. */
function refusedByMagic(b: Buffer): string | null {
  const at = (sig: number[], off = 0) => sig.every((x, i) => b[off + i] === x);
  if (at([0x4d, 0x5a])) return '是 Windows 可执行程序，不能上传';
  if (at([0x7f, 0x45, 0x4c, 0x46])) return '是可执行程序（ELF），不能上传';
  if (at([0xcf, 0xfa, 0xed, 0xfe]) || at([0xfe, 0xed, 0xfa, 0xce]) || at([0xca, 0xfe, 0xba, 0xbe])) return '是可执行程序（Mach-O），不能上传';
  if (at([0x23, 0x21])) return '是脚本文件，不能上传';
  if (at([0x52, 0x61, 0x72, 0x21])) return '是 RAR 压缩包，不能上传压缩包，请上传其中的文档';
  if (at([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '是 7z 压缩包，不能上传压缩包，请上传其中的文档';
  if (at([0x1f, 0x8b])) return '是 gzip 压缩包，不能上传压缩包，请上传其中的文档';
  if (at([0x42, 0x5a, 0x68])) return '是 bzip2 压缩包，不能上传压缩包，请上传其中的文档';
  if (at([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return '是 xz 压缩包，不能上传压缩包，请上传其中的文档';
  if (b.length > 262 && b.toString('latin1', 257, 262) === 'ustar') return '是 tar 归档，不能上传压缩包，请上传其中的文档';
  if (at([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return '是旧版 Office 格式（.doc/.xls），请另存为 .docx 或 .xlsx 后上传';
  if (at([0xff, 0xd8, 0xff]) || at([0x89, 0x50, 0x4e, 0x47]) || (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')) {
    return '是图片，请用“上传照片”添加';
  }
  return null;
}

/** What an OOXML package is, from its [Content_Types].xml and part names; throws the refusal otherwise. */
async function ooxmlKind(buf: Buffer, filename: string): Promise<DocumentKind> {
  let entries: ReturnType<typeof zipEntries>;
  try {
    entries = zipEntries(buf, 5000);
  } catch (e) {
    if (e instanceof ZipError && e.kind === 'too_large') throw refuse(filename, '内部文件过多或过大，无法检查，不能上传');
    throw refuse(filename, '已损坏，无法读取');
  }
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types) throw refuse(filename, '是 zip 压缩包，不能上传压缩包，请上传其中的文档');
  if (types.usize > 1024 * 1024) throw refuse(filename, '内容类型清单过大，无法检查');
  if (entries.some((e) => /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$/i.test(e.name)))
    throw refuse(filename, '含有宏（VBA），不能上传；请另存为不含宏的 .docx 或 .xlsx');
  let ct: string;
  try {
    ct = await entryText(buf, types);
  } catch {
    throw refuse(filename, '已损坏，无法读取');
  }
  if (/macroEnabled|vbaProject|ms-office\.activeX/i.test(ct)) throw refuse(filename, '是启用宏的 Office 文件，不能上传；请另存为不含宏的 .docx 或 .xlsx');
  const has = (name: string) => entries.some((e) => e.name === name);
  if (/wordprocessingml\.document\.main\+xml/.test(ct) && has('word/document.xml')) return 'docx';
  if (/spreadsheetml\.sheet\.main\+xml/.test(ct) && has('xl/workbook.xml')) return 'xlsx';
  if (/presentationml/.test(ct)) throw refuse(filename, '是 PowerPoint 演示文稿，只能上传 PDF、Word（.docx）或 Excel（.xlsx）');
  throw refuse(filename, '不是可识别的 Word 或 Excel 文档');
}

/** The kind of `buf` when it is what `filename`'s extension says; a clear refusal otherwise. */
export async function sniffDocument(buf: Buffer, filename: string): Promise<DocumentKind> {
  const ext = path.extname(filename).slice(1).toLowerCase();
  if (/^(docm|xlsm|dotm|xltm|xlam|pptm)$/.test(ext)) throw refuse(filename, '是启用宏的 Office 文件，不能上传；请另存为不含宏的 .docx 或 .xlsx');
  if (!(ext in DOCUMENT_KINDS)) {
    throw refuse(filename, `的类型（${ext ? `.${ext}` : '无扩展名'}）不支持，只能上传 PDF、Word（.docx）或 Excel（.xlsx）；照片请用“上传照片”`);
  }
  if (buf.length === 0) throw refuse(filename, '是空文件');
  const bad = refusedByMagic(buf);
  if (bad) throw refuse(filename, bad);
  let kind: DocumentKind;
  if (buf.toString('latin1', 0, 5) === '%PDF-') kind = 'pdf';
  else if (buf.readUInt32LE(0) === 0x04034b50 || buf.readUInt32LE(0) === 0x06054b50) kind = await ooxmlKind(buf, filename);
  else throw refuse(filename, `的内容不是${DOCUMENT_KINDS[ext as DocumentKind].label}`);
  if (kind !== ext) throw refuse(filename, `的内容是${DOCUMENT_KINDS[kind].label}，与扩展名 .${ext} 不符`);
  return kind;
}

export interface StoredDocument {
  path: string;
  kind: DocumentKind;
  mime: string;
  bytes: number;
  sha256: string;
}

/** Check and store one document under `root` (beside the photos: documents/YYYY/MM/<uuid>.<ext>). */
export async function storeDocument(root: string, buf: Buffer, filename: string, maxBytes: number): Promise<StoredDocument> {
  if (buf.length > maxBytes) throw new AppError('FILE_TOO_LARGE', documentTooLarge(filename, maxBytes));
  const kind = await sniffDocument(buf, filename);
  const now = new Date();
  const dir = path.join('documents', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'));
  await fs.mkdir(path.join(root, dir), { recursive: true });
  const rel = path.join(dir, `${crypto.randomUUID()}.${kind}`);
  await fs.writeFile(path.join(root, rel), buf, { flag: 'wx' });
  return { path: rel, kind, mime: DOCUMENT_KINDS[kind].mime, bytes: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

export const documentTooLarge = (filename: string, maxBytes: number) => `“${filename}”超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩或拆分后上传`;
