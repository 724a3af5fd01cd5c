// The file store (issue 16): a document is judged by its content, and the
// extension must say what the content is; executables, archives and
// macro-enabled Office files are refused with the reason; a document is its
// uploader's until a record holds it, then whoever may see that record reads it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown, TOWN } from '../helpers/town.ts';
import { multipartFile, phoneJpeg, uploadPhoto } from '../helpers/photos.ts';
import { zipOf } from '../helpers/xlsx.ts';
import { attach, registerFileOwner } from '../../server/modules/files/index.ts';
import { codeInScope } from '../../server/db/scope.ts';
import { regionScope } from '../../domain/permissions.ts';

let tdb: TestDb;
let app: FastifyInstance;
let storage: string;
const c: Record<string, string> = {};
let officeId: number;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const docxBuf = async () => Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('会议纪要')] }] })));
async function xlsxBuf() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('签到表').addRow(['姓名', '单位']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-files-'));
  const opened = await openTown({ env: { STORAGE_DIR: storage, DOCUMENT_MAX_MB: '1' } });
  ({ tdb, app } = opened);
  officeId = opened.town.people.office;
  for (const who of ['office', 'leader', 'office2', 'cadrea']) c[who] = await login(app, who);
  // A record kind for the test: visible to whoever reads meetings of its town.
  registerFileOwner('test_record', async (_db, actor) => codeInScope(TOWN, regionScope(actor, 'meeting.read')));
});
afterAll(async () => {
  await closeTown(app, tdb);
  fs.rmSync(storage, { recursive: true, force: true });
});

function upload(buf: Buffer, name: string, cookie = c.office) {
  const m = multipartFile(buf, name, 'application/octet-stream');
  return app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie } });
}
const fileCount = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM files`)).rows[0].n);

describe('uploading a document', () => {
  it('keeps a PDF, a Word document and an Excel sheet whose content is what the name says', async () => {
    for (const [buf, name, kind] of [
      [PDF, '会议纪要.pdf', 'pdf'],
      [await docxBuf(), '会议纪要.docx', 'docx'],
      [await xlsxBuf(), '签到表.xlsx', 'xlsx'],
    ] as const) {
      const res = await upload(buf, name);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ name, kind, bytes: buf.length });
      const got = await as(app, c.office).get(res.json().url);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(buf)).toBe(true);
      expect(got.headers['content-disposition']).toContain(encodeURIComponent(name));
    }
    expect(fs.readdirSync(path.join(storage, 'documents'), { recursive: true }).filter((f) => /\.(pdf|docx|xlsx)$/.test(String(f)))).toHaveLength(3);
  });

  it('refuses a file that is not what its name says, with the reason, and stores nothing', async () => {
    const before = await fileCount();
    const macro = zipOf([
      {
        name: '[Content_Types].xml',
        data: Buffer.from('<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
      },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    const withVba = zipOf([
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        ),
      },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/vbaProject.bin', data: Buffer.from('vba') },
    ]);
    const cases: [Buffer, string, RegExp][] = [
      [await docxBuf(), '纪要.pdf', /内容是Word 文档（\.docx），与扩展名 \.pdf 不符/],
      [PDF, '签到表.xlsx', /内容是PDF 文档，与扩展名 \.xlsx 不符/],
      [await xlsxBuf(), '纪要.docx', /内容是Excel 表格（\.xlsx），与扩展名 \.docx 不符/],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), '通知.pdf', /Windows 可执行程序/],
      [Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200)]), '报告.docx', /可执行程序（ELF）/],
      [zipOf([{ name: 'a.txt', data: Buffer.from('x') }]), '材料.xlsx', /zip 压缩包/],
      [Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), '材料.docx', /RAR 压缩包/],
      [macro, '纪要.docx', /启用宏/],
      [withVba, '表.xlsx', /含有宏/],
      [PDF, '纪要.docm', /启用宏/],
      [PDF, '安装包.exe', /类型（\.exe）不支持/],
      [await phoneJpeg(), '现场.pdf', /是图片/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '旧表.xlsx', /旧版 Office/],
      [Buffer.from('hello'), '说明.pdf', /内容不是PDF 文档/],
    ];
    for (const [buf, name, reason] of cases) {
      const res = await upload(buf, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(res.json().error.code).toBe('FILE_REFUSED');
      expect(res.json().error.message).toContain(name);
      expect(res.json().error.message).toMatch(reason);
    }
    expect(await fileCount()).toBe(before);
  });

  it('refuses a document over the configured size with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const res = await upload(big, '大文件.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(res.json().error.message).toContain('1 MB');
  });

  it('answers 400, not 500, to a request without a file', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/files', headers: { cookie: c.office, 'content-type': 'application/json' }, payload: '{}' });
    expect(res.statusCode).toBe(400);
  });
});

describe('who may read a document or a photo', () => {
  it('is the uploader alone until a record holds it, then whoever sees the record', async () => {
    const doc = (await upload(PDF, '纪要.pdf')).json();
    const photo = (await uploadPhoto(app, c.office)).json();
    for (const who of ['leader', 'office2']) {
      expect((await as(app, c[who]).get(doc.url)).statusCode).toBe(404);
      expect((await as(app, c[who]).get(`/api/photos/${photo.id}`)).statusCode).toBe(404);
    }
    const actor = { personId: officeId, name: '镇创城办甲', grants: [] };
    await tdb.db.transaction((tx) => attach(tx, actor, 'test_record', 1, { fileIds: [doc.id], photoIds: [photo.id] }));
    expect((await as(app, c.leader).get(doc.url)).statusCode).toBe(200);
    expect((await as(app, c.leader).get(`/api/photos/${photo.id}`)).statusCode).toBe(200);
    expect((await as(app, c.office2).get(doc.url)).statusCode).toBe(404);
    expect((await as(app, c.office2).get(`/api/photos/${photo.id}`)).statusCode).toBe(404);
  });

  it('lets nobody attach a file they did not upload, or one another record holds', async () => {
    const theirs = (await upload(PDF, '大同镇纪要.pdf', c.office2)).json();
    const mine = (await upload(PDF, '纪要.pdf')).json();
    const actor = { personId: officeId, name: '镇创城办甲', grants: [] };
    await expect(tdb.db.transaction((tx) => attach(tx, actor, 'test_record', 2, { fileIds: [theirs.id] }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await tdb.db.transaction((tx) => attach(tx, actor, 'test_record', 2, { fileIds: [mine.id] }));
    await expect(tdb.db.transaction((tx) => attach(tx, actor, 'test_record', 3, { fileIds: [mine.id] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // The record that holds it keeps it when saved again.
    await tdb.db.transaction((tx) => attach(tx, actor, 'test_record', 2, { fileIds: [mine.id] }));
  });
});
