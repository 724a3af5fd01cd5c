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
