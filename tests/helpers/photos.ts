import zlib from 'node:zlib';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';

/** A real JPEG with EXIF capture time and GPS, as a phone would send. */
export async function phoneJpeg(color = '#c33', exif = true): Promise<Buffer> {
  let img = sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).jpeg();
  if (exif) {
    img = img.withExif({
      IFD0: { Make: 'TestPhone' },
      IFD2: { DateTimeOriginal: '2026:11:20 09:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 50/1 3120/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 21/1 2520/100' },
    });
  }
  return img.toBuffer();
}

export function multipartFile(buf: Buffer, filename: string, contentType = 'image/jpeg') {
  const boundary = '----cc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buf, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadPhoto(app: FastifyInstance, cookie: string, buf?: Buffer, filename = 'photo.jpg') {
  const m = multipartFile(buf ?? (await phoneJpeg()), filename);
  return app.inject({ method: 'POST', url: '/api/photos', payload: m.payload, headers: { ...m.headers, cookie } });
}

/**
 * A decompression bomb: a valid 1-bit grey PNG of width × height pixels whose
 * rows are all zero, so it deflates to almost nothing (16000×16000: ~31 KB,
 * 768 MB as the RGB a decoder would make of it).
 */
export function pngBomb(width = 16000, height = 16000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + packed pixels, all zero
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
