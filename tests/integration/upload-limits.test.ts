// Untrusted files are bounded before they are parsed (issue 10, items 6-7):
// photos by bytes (always 413 over 15 MB) and pixels (a 31 KB PNG declaring
// 16000×16000 is refused without decoding), .xlsx imports by bytes,
// uncompressed size (zip bombs, honest or lying) and rows (50,000). Every
// refusal stores nothing, and a valid file still goes through afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';
import { multipartFile, phoneJpeg, pngBomb } from '../helpers/photos.ts';
import { problemSheet, sheetBomb } from '../helpers/xlsx.ts';
import type { SyncResponse } from '../../domain/inspections/sync.ts';

const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let tdb: TestDb;
let app: FastifyInstance;
let storage: string;
let office: string;

beforeAll(async () => {
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-upload-limits-'));
  ({ tdb, app } = await openTown({ categories: true, calendar: true, env: { STORAGE_DIR: storage } }));
  office = await login(app, 'office');
});
afterAll(async () => {
  await closeTown(app, tdb);
  fs.rmSync(storage, { recursive: true, force: true });
});

const count = async (table: 'problems' | 'problem_photos' | 'people') =>
  Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`)).rows[0].n);
const storedFiles = () => (fs.existsSync(storage) ? fs.readdirSync(storage, { recursive: true }).filter((f) => String(f).endsWith('.jpg')).length : 0);

function post(url: string, file: Buffer, name: string, o: { cookie?: string; type?: string } = {}) {
  const m = multipartFile(file, name, o.type);
  return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...(o.cookie ? { cookie: o.cookie } : {}) } });
}

describe('photos', () => {
  it('a 16000×16000 PNG of 31 KB is refused with IMAGE_TOO_LARGE, anonymous or staff, and nothing is stored', async () => {
    const bomb = pngBomb(16000, 16000);
    expect(bomb.length).toBeLessThan(40_000);
    const [rows0, files0] = [await count('problem_photos'), storedFiles()];
    for (const r of [
      await post('/api/public/photos', bomb, 'bomb.png', { type: 'image/png' }),
      await post('/api/photos', bomb, 'bomb.png', { cookie: office, type: 'image/png' }),
    ]) {
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().error.code).toBe('IMAGE_TOO_LARGE');
      expect(r.json().error.message).toContain('1.2 亿像素');
    }
    expect(await count('problem_photos')).toBe(rows0);
    expect(storedFiles()).toBe(files0);
    // A real photo still goes through.
    const ok = await post('/api/public/photos', await phoneJpeg(), 'ok.jpg');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count('problem_photos')).toBe(rows0 + 1);
  });

  it('the phone sync refuses a bomb sent as a data URL, item by item', async () => {
    const chief = await login(app, 'chief');
    const r = await as(app, chief).post('/api/inspections/sync', {
      items: [
        { type: 'photo', key: 'bomb-0000-0001', data: `data:image/png;base64,${pngBomb(16000, 16000).toString('base64')}` },
        { type: 'photo', key: 'fine-0000-0001', data: (await phoneJpeg()).toString('base64') },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const [bomb, fine] = (r.json() as SyncResponse).results;
    expect(bomb).toMatchObject({ status: 'failed', error: { code: 'IMAGE_TOO_LARGE' } });
    expect(fine.status).toBe('created');
  });

  it('a file over 15 MB is 413 FILE_TOO_LARGE every time, also when the cut falls on a chunk boundary', async () => {
    const rows0 = await count('problem_photos');
    const big = (n: number) => Buffer.alloc(n, 'x');
    for (const size of [15 * MB + 1, 15 * MB + 4096, 16 * MB, 20 * MB]) {
      for (const [url, cookie] of [
        ['/api/public/photos', undefined],
        ['/api/photos', office],
      ] as const) {
        const r = await post(url, big(size), 'big.jpg', { cookie });
        expect(r.statusCode, `${url} ${size}: ${r.body}`).toBe(413);
        expect(r.json().error.code).toBe('FILE_TOO_LARGE');
      }
    }
    // The body arriving in two chunks, the first ending exactly at 15 MB of
    // file data: busboy cuts with nothing after the cut in that chunk, the
    // case that let a 20 MB file through about one time in eight.
    const m = multipartFile(big(20 * MB), 'big.jpg');
    const head = m.payload.indexOf('\r\n\r\n') + 4;
    const split = () => Readable.from([m.payload.subarray(0, head + 15 * MB), m.payload.subarray(head + 15 * MB)]);
    for (const [url, cookie] of [
      ['/api/public/photos', undefined],
      ['/api/photos', office],
    ] as const) {
      const r = await app.inject({ method: 'POST', url, payload: split(), headers: { ...m.headers, ...(cookie ? { cookie } : {}) } });
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().error.code).toBe('FILE_TOO_LARGE');
    }
    // Exactly 15 MB is within the limit: refused for what it is (not an image), not for its size.
    expect((await post('/api/photos', big(15 * MB), 'max.jpg', { cookie: office })).json().error.code).toBe('UNSUPPORTED_FILE');
    expect(await count('problem_photos')).toBe(rows0);
  });
});

describe('malformed uploads', () => {
  it('a broken or truncated multipart body, or two files, is 400 BAD_REQUEST, never 500', async () => {
    const bodies = [
      'garbage without any boundary',
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabcdef',
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc\r\n--XX\r\nContent-Disposition: form-data; name="f2"; filename="b.jpg"\r\n\r\ndef\r\n--XX--\r\n',
    ];
    for (const [url, cookie] of [
      ['/api/public/photos', undefined],
      ['/api/photos', office],
      ['/api/problems/import', office],
    ] as const) {
      for (const payload of bodies) {
        const r = await app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'multipart/form-data; boundary=XX', ...(cookie ? { cookie } : {}) },
        });
        expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
        expect(r.json().error.code).toBe('BAD_REQUEST');
      }
    }
  });
});

describe('.xlsx imports', () => {
  const importProblems = (buf: Buffer) => post('/api/problems/import', buf, '问题清单.xlsx', { cookie: office, type: XLSX });

  it('50,001 rows are refused with IMPORT_TOO_LARGE and nothing is imported', async () => {
    const n0 = await count('problems');
    const r = await importProblems(await problemSheet(50_001, COMMUNITY_A));
    expect(r.statusCode, r.body.slice(0, 300)).toBe(413);
    expect(r.json().error.code).toBe('IMPORT_TOO_LARGE');
    expect(r.json().error.message).toContain('50,000');
    expect(await count('problems')).toBe(n0);
  }, 60_000);

  it('zip bombs are refused before they are parsed: a sheet inflating past 100 MB, and one whose headers lie about its size', async () => {
    const n0 = await count('problems');
    for (const bomb of [await sheetBomb(101 * MB), await sheetBomb(101 * MB, true)]) {
      expect(bomb.length).toBeLessThan(1 * MB);
      const r = await importProblems(bomb);
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().error.code).toBe('IMPORT_TOO_LARGE');
      expect(r.json().error.message).toContain('100 MB');
    }
    // The people import reads through the same limits.
    const p = await post('/api/people/import', await sheetBomb(101 * MB, true), '人员.xlsx', { cookie: office, type: XLSX });
    expect(p.json().error.code).toBe('IMPORT_TOO_LARGE');
    expect(await count('problems')).toBe(n0);
  }, 60_000);

  it('a file that is not a zip is 415, and a valid import still works after the refusals', async () => {
    expect((await importProblems(Buffer.from('PK\u0003\u0004 not really a zip'))).json().error.code).toBe('UNSUPPORTED_FILE');
    const n0 = await count('problems');
    const r = await importProblems(await problemSheet(3, COMMUNITY_A));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().imported).toBe(3);
    expect(r.json().items.map((x: { row: number }) => x.row)).toEqual([2, 3, 4]);
    expect(await count('problems')).toBe(n0 + 3);
    const one = (await as(app, office).get(`/api/problems/${r.json().items[0].id}`)).json();
    expect(one.description).toBe('批量导入第 1 条 店门口乱停放');
    expect(one.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'file']);
  });
});
