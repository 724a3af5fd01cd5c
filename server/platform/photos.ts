// Photos from phones: accepted by content (JPEG, PNG or WebP, ≤ 15 MB), never
// by extension; re-encoded as JPEG with sharp, which drops EXIF and every
// other metadata block; capture time and GPS are read first and kept as
// fields. A thumbnail is made for lists and timelines.
//
// Untrusted images are bounded before they are decoded: the header is read
// first (sharp's metadata() reads no pixels) and an image over
// MAX_PHOTO_PIXELS is refused (IMAGE_TOO_LARGE) — a 31 KB PNG can declare
// 16000×16000 pixels, 768 MB once decoded. The same limit is passed to every
// pipeline (limitInputPixels) as a second guard. Decoding runs under
// `imageWork` (a few jobs per process; the rest wait) with libvips' operation
// cache off, so memory taken for a photo is given back after it.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { AppError } from './errors.ts';
import { Semaphore } from './semaphore.ts';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** 120 megapixels: a 108 MP phone photo passes, a 16000×16000 bomb does not. */
export const MAX_PHOTO_PIXELS = 120_000_000;
const PIXELS_TEXT = '1.2 亿像素（约 12000×10000）';

sharp.cache(false);

/** Image decoding, two at a time per process (the machine's cores); up to 200 wait. */
export const imageWork = new Semaphore(2, 200, '服务器正在处理大量照片，请稍后重新上传');

/** A sharp pipeline over untrusted (or stored) bytes with the pixel limit on. */
export const image = (buf: Buffer, o: sharp.SharpOptions = {}) => sharp(buf, { limitInputPixels: MAX_PHOTO_PIXELS, ...o });

const tooManyPixels = (filename: string) => new AppError('IMAGE_TOO_LARGE', `“${filename}”像素过大，照片最大 ${PIXELS_TEXT}，请缩小后重新上传`);
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export interface StoredPhoto {
  path: string; // relative to the storage root
  thumbPath: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  takenAt: Date | null;
  gpsLat: number | null;
  gpsLng: number | null;
}

function gpsToDecimal(v: unknown, ref: unknown): number | null {
  if (!Array.isArray(v) || v.length !== 3) return null;
  const [d, m, s] = v.map(Number);
  if (![d, m, s].every(Number.isFinite)) return null;
  const x = d + m / 60 + s / 3600;
  return ref === 'S' || ref === 'W' ? -x : x;
}

/** What the photo says about itself, before the metadata is stripped. */
export function readExif(exif: Buffer | undefined): { takenAt: Date | null; gpsLat: number | null; gpsLng: number | null } {
  if (!exif) return { takenAt: null, gpsLat: null, gpsLng: null };
  try {
    const e = exifReader(exif);
    // EXIF times carry no zone (exif-reader reads them as UTC): use OffsetTimeOriginal
    // when the camera wrote it, else China Standard Time, where these photos are taken.
    const t = e.Photo?.DateTimeOriginal ?? e.Image?.DateTime;
    const off = /^([+-])(\d{2}):(\d{2})$/.exec(String((e.Photo as any)?.OffsetTimeOriginal ?? '+08:00')) ?? ['', '+', '08', '00'];
    const offMs = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) * 60_000;
    const takenAt = t instanceof Date && !Number.isNaN(t.getTime()) ? new Date(t.getTime() - offMs) : null;
    const lat = gpsToDecimal(e.GPSInfo?.GPSLatitude, e.GPSInfo?.GPSLatitudeRef);
    const lng = gpsToDecimal(e.GPSInfo?.GPSLongitude, e.GPSInfo?.GPSLongitudeRef);
    const ok = lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
    return { takenAt, gpsLat: ok ? lat : null, gpsLng: ok ? lng : null };
  } catch {
    return { takenAt: null, gpsLat: null, gpsLng: null };
  }
}

/** Check, re-encode and store one photo. Throws a clear 4xx for anything that is not a photo. */
export async function storePhoto(root: string, buf: Buffer, filename = '照片'): Promise<StoredPhoto> {
  if (buf.length > MAX_PHOTO_BYTES) throw new AppError('FILE_TOO_LARGE', `“${filename}”超过 15 MB，请压缩后重新上传`);
  // The header only: metadata() decodes no pixel, and refuses a header that
  // declares more than the limit.
  let meta: sharp.Metadata;
  try {
    meta = await image(buf, { failOn: 'error' }).metadata();
  } catch (e) {
    if (/pixel limit/i.test(String((e as Error)?.message))) throw tooManyPixels(filename);
    throw new AppError('UNSUPPORTED_FILE', `“${filename}”不是可识别的图片，请上传 JPEG、PNG 或 WebP 照片`);
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    throw new AppError('UNSUPPORTED_FILE', `“${filename}”的格式（${meta.format ?? '未知'}）不支持，请上传 JPEG、PNG 或 WebP 照片`);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PHOTO_PIXELS) throw tooManyPixels(filename);
  const info = readExif(meta.exif);
  const id = crypto.randomUUID();
  const now = new Date();
  const dir = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'));
  await fs.mkdir(path.join(root, dir), { recursive: true });
  const rel = path.join(dir, `${id}.jpg`);
  const relThumb = path.join(dir, `${id}.thumb.jpg`);
  try {
    // rotate() applies the EXIF orientation; output carries no metadata. The
    // thumbnail is made from the original at the same time (JPEG shrink-on-load
    // keeps that cheap). Plain libjpeg with optimised Huffman tables, not
    // mozjpeg: mozjpeg saves ~10 % of bytes at 3-5× the CPU, and a phone's
    // offline queue of a hundred photos must be accepted in about a second.
    const [main] = await imageWork.run(() =>
      Promise.all([
        image(buf)
          .rotate()
          .resize({ width: 2560, height: 2560, fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: 82, optimiseCoding: true })
          .toBuffer({ resolveWithObject: true }),
        image(buf).rotate().resize({ width: 320, height: 320, fit: 'inside' }).jpeg({ quality: 70 }).toFile(path.join(root, relThumb)),
      ]),
    );
    await fs.writeFile(path.join(root, rel), main.data);
    return {
      path: rel,
      thumbPath: relThumb,
      mime: 'image/jpeg',
      width: main.info.width,
      height: main.info.height,
      bytes: main.data.length,
      ...info,
    };
  } catch (e) {
    await fs.rm(path.join(root, rel), { force: true });
    await fs.rm(path.join(root, relThumb), { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('UNSUPPORTED_FILE', `“${filename}”已损坏，无法读取，请重新拍摄上传`);
  }
}

/** How photo routes read their upload (server/platform/uploads.ts). */
export const PHOTO_UPLOAD = {
  maxBytes: MAX_PHOTO_BYTES,
  missing: '请选择要上传的照片',
  tooLarge: (filename: string) => `“${filename}”超过 15 MB，请压缩后重新上传`,
};
