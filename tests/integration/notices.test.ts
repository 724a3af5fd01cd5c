// Notices through the HTTP API on real PostgreSQL: compose, approve, publish
// (gapless numbers under concurrent publishing), items become tracked
// problems, received county notices, the .docx read back, the feedback report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { todayChina } from '../../server/modules/calendar/calendar.service.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number;
let office: string;
let leader: string;
const due = (() => {
  const d = new Date(todayChina() + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 14);
  return d.toISOString().slice(0, 10);
})();

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
  office = await login(app, 'office');
  leader = await login(app, 'leader');
});
afterAll(() => closeTown(app, tdb));

async function problem(region = COMMUNITY_A, source = 'supervision') {
  const ph = (await uploadPhoto(app, office)).json().id;
  const r = await as(app, office).post('/api/problems', {
    source,
    categoryId: cat,
    tier: 'community',
    description: '店头街口机动车占用人行道停放',
    regionCode: region,
    beforePhotoIds: [ph],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

async function composed(ids: number[], kind = 'supervision') {
  const r = await as(app, office).post('/api/notices', {
    kind,
    title: '关于创建全国文明城市工作督查情况的通报',
    issueDate: todayChina(),
    dueDate: due,
    problemIds: ids,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const act = (cookie: string, n: { id: number; version: number }, action: string, note?: string) =>
  as(app, cookie).post(`/api/notices/${n.id}/actions/${action}`, { version: n.version, note });

async function approved(ids: number[], kind = 'supervision') {
  let n = await composed(ids, kind);
  n = (await act(office, n, 'submit')).json();
  const r = await act(leader, n, 'approve');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function documentXml(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  return { doc: await zip.file('word/document.xml')!.async('string'), zip };
}

describe('issued notices', () => {
  it('draft → submitted → rejected with a note → approved → published; items dispatched with the deadline; cadres notified', async () => {
    const ids = [await problem(COMMUNITY_A), await problem(COMMUNITY_B), await problem(COMMUNITY_A)];
    let n = await composed([ids[2], ids[0], ids[1]]);
    expect(n.state).toBe('draft');
    expect(n.items.map((i: any) => i.problemId)).toEqual([ids[2], ids[0], ids[1]]);
    expect(n.docNumber).toBeNull();
    // The office cannot approve; the leader cannot publish or compose.
    n = (await act(office, n, 'submit')).json();
    expect((await act(office, n, 'approve')).statusCode).toBe(403);
    expect((await act(leader, n, 'reject')).statusCode).toBe(400); // a note is required
    n = (await act(leader, n, 'reject', '请补充整改要求')).json();
    expect(n.state).toBe('draft');
    expect(n.rejectNote).toBe('请补充整改要求');
    n = (await act(office, n, 'submit')).json();
    n = (await act(leader, n, 'approve')).json();
    expect((await act(leader, n, 'publish')).statusCode).toBe(403);
    const r = await act(office, n, 'publish');
    expect(r.statusCode, r.body).toBe(200);
    n = r.json();
    expect(n.state).toBe('published');
    expect(n.docNumber).toMatch(/^汀州镇创城办〔\d{4}〕\d+号$/);
    expect(n.issueLabel).toMatch(/^\d{4}年第\d+期$/);
    for (const it of n.items) {
      expect(it.state).toBe('dispatched');
      expect(it.dueDate).toBe(due);
    }
    const notes = await tdb.db.execute<{ person_id: number; title: string }>(sql`SELECT person_id, title FROM notifications WHERE kind = 'notice'`);
    expect(notes.rows.map((x) => x.person_id).sort()).toEqual([town.people.cadreA, town.people.cadreB].sort());
    expect(notes.rows.find((x) => x.person_id === town.people.cadreA)!.title).toContain('2 个问题');
    // The community cadre sees the notice and only her community's items.
    const cadre = await login(app, 'cadrea');
    const seen = (await as(app, cadre).get(`/api/notices/${n.id}`)).json();
    expect(seen.items).toHaveLength(2);
    expect(seen.can.actions).toEqual([]);
  });

  it('numbers per (town, kind, year) without gaps or duplicates when ten notices publish at once', async () => {
    const list = [];
    for (let i = 0; i < 10; i++) list.push(await approved([await problem()], 'unannounced_visit'));
    const rs = await Promise.all(list.map((n) => act(office, n, 'publish')));
    for (const r of rs) expect(r.statusCode, r.body).toBe(200);
    const seqs = rs.map((r) => r.json().seq).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 期数 count per kind; 文号 per office and year across kinds: the 督查通报 above already took one.
    const docs = (
      await tdb.db.execute<{ doc_number: string }>(sql`SELECT doc_number FROM notices WHERE direction = 'issued' AND doc_number IS NOT NULL`)
    ).rows.map((x) => x.doc_number);
    expect(docs).toHaveLength(11);
    expect(new Set(docs).size).toBe(11);
    // A failed publication (deadline in the past) uses no number.
    const bad = await approved([await problem()], 'unannounced_visit');
    await tdb.db.execute(sql`UPDATE notices SET due_date = '2020-01-01' WHERE id = ${bad.id}`);
    expect((await act(office, bad, 'publish')).statusCode).toBe(400);
    const ok = await approved([await problem()], 'unannounced_visit');
    expect((await act(office, ok, 'publish')).json().seq).toBe(11);
  });

  it('the .docx follows GB/T 9704: A4, margins, fonts, sizes, one table row per item', async () => {
    const ids = [await problem(), await problem(COMMUNITY_B), await problem()];
    const n = (await act(office, await approved(ids), 'publish')).json();
    const r = await as(app, office).get(`/api/notices/${n.id}/document.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const { doc, zip } = await documentXml(r.rawPayload);
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('w:eastAsia="楷体_GB2312"');
    expect(doc).toContain('<w:sz w:val="44"/>'); // 2号 title
    expect(doc).toContain('<w:sz w:val="32"/>'); // 3号 body
    expect(doc).toContain('w:line="579" w:lineRule="exact"');
    expect(doc).toContain('<w:color w:val="FF0000"/>');
    expect(doc).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(doc).toContain(n.docNumber);
    expect((doc.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(1 + 3); // header + items
    expect((doc.match(/<w:drawing>/g) ?? []).length).toBe(3); // one photo per item (identical images share one media file)
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/footer\d+\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.some((f) => f.includes('w:val="right"') && f.includes('— '))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"'))).toBe(true);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('evenAndOddHeaders');
  });

  it('the feedback report exists only when every item is closed', async () => {
    const ids = [await problem(), await problem()];
    const n = (await act(office, await approved(ids), 'publish')).json();
    expect((await as(app, office).get(`/api/notices/${n.id}/feedback.docx`)).statusCode).toBe(409);
    const cadre = await login(app, 'cadrea');
    for (const pid of ids) {
      let p = (await as(app, cadre).get(`/api/problems/${pid}`)).json();
      p = (await as(app, cadre).post(`/api/problems/${pid}/actions/accept`, { version: p.version })).json();
      const ph = (await uploadPhoto(app, cadre)).json().id;
      p = (await as(app, cadre).post(`/api/problems/${pid}/actions/submit`, { version: p.version, note: '已劝离车辆并设置隔离桩', photoIds: [ph] })).json();
      const v = await as(app, office).post(`/api/problems/${pid}/actions/verify_pass`, { version: p.version });
      expect(v.statusCode, v.body).toBe(200);
    }
    const page = (await as(app, office).get(`/api/notices/${n.id}`)).json();
    expect(page.progress).toMatchObject({ total: 2, closed: 2, allClosed: true });
    const r = await as(app, office).get(`/api/notices/${n.id}/feedback.docx`);
    expect(r.statusCode).toBe(200);
    const { doc } = await documentXml(r.rawPayload);
    expect(doc).toContain('已劝离车辆并设置隔离桩');
    expect((doc.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(3);
  });
});

describe('the notices list', () => {
  it('pages a direction newest first with the opaque cursor: every notice once; a page over 200 or a forged cursor is a 400', async () => {
    await composed([await problem()]);
    await composed([await problem()]);
    const all = (await as(app, office).get('/api/notices?direction=issued&limit=200')).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.items.every((n: any) => n.direction === 'issued')).toBe(true);
    const created = all.items.map((n: any) => n.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const p: any = (await as(app, office).get(`/api/notices?direction=issued&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(p.items.length).toBeLessThanOrEqual(2);
      ids.push(...p.items.map((n: any) => n.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.items.map((n: any) => n.id));
    for (const bad of ['limit=201', 'limit=0', 'cursor=nope', `cursor=${Buffer.from('["2026-01-01",1]').toString('base64url')}`]) {
      const r = await as(app, office).get(`/api/notices?${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('received notices', () => {
  it('entered by hand: each item a county_notice problem with the notice number, dispatched', async () => {
    const r = await as(app, office).post('/api/notices/received', {
      kind: 'county_notice',
      docNumber: '长汀县创城办〔2026〕12号',
      title: '关于第三季度创城督查情况的通报',
      issuer: '长汀县创城办',
      issueDate: todayChina(),
      dueDate: due,
      items: [
        { regionCode: COMMUNITY_A, categoryId: cat, description: '水东街菜市场门口占道经营' },
        { regionCode: COMMUNITY_B, categoryId: cat, description: '东门街垃圾桶满溢' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json();
    expect(n.state).toBe('recorded');
    expect(n.items).toHaveLength(2);
    const ps = await tdb.db.execute<{ source: string; source_ref: string; state: string; due_date: string }>(
      sql`SELECT source, source_ref, state, due_date::text FROM problems WHERE source_id = ${n.id}`,
    );
    expect(ps.rows).toHaveLength(2);
    for (const p of ps.rows) expect(p).toMatchObject({ source: 'county_notice', source_ref: '长汀县创城办〔2026〕12号', state: 'dispatched', due_date: due });
  });

  it('takes the county’s most common findings (暴露垃圾, 非法小广告: usually 随手整) as 社区整 items', async () => {
    const ids = (
      await tdb.db.execute<{ id: number; default_tier: string }>(
        sql`SELECT id, default_tier FROM categories WHERE name IN ('暴露垃圾', '非法小广告') AND level = 2 ORDER BY name`,
      )
    ).rows;
    expect(ids.map((c) => c.default_tier)).toEqual(['on_spot', 'on_spot']);
    const r = await as(app, office).post('/api/notices/received', {
      kind: 'county_notice',
      docNumber: '长汀县创城办〔2026〕13号',
      title: '关于背街小巷环境卫生的督查通报',
      issuer: '长汀县创城办',
      issueDate: todayChina(),
      dueDate: due,
      items: ids.map((c) => ({ regionCode: COMMUNITY_A, categoryId: c.id, description: '巷道暴露垃圾与小广告' })),
    });
    expect(r.statusCode, r.body).toBe(201);
    const ps = await tdb.db.execute<{ tier: string; state: string }>(sql`SELECT tier, state FROM problems WHERE source_id = ${r.json().id}`);
    expect(ps.rows).toEqual([
      { tier: 'community', state: 'dispatched' },
      { tier: 'community', state: 'dispatched' },
    ]);
    // Unless the entry says otherwise: 集中整 is taken; 随手整 (no photos) is refused with its reason.
    const item = (tier: string) => ({ regionCode: COMMUNITY_A, categoryId: ids[0].id, description: '背街暴露垃圾成片', tier });
    const meta = { kind: 'county_notice', title: '关于背街小巷环境卫生的督查通报', issuer: '长汀县创城办', issueDate: todayChina(), dueDate: due };
    const hard = await as(app, office).post('/api/notices/received', { ...meta, docNumber: '长汀县创城办〔2026〕14号', items: [item('centralized')] });
    expect(hard.statusCode, hard.body).toBe(201);
    expect((await tdb.db.execute<{ tier: string }>(sql`SELECT tier FROM problems WHERE source_id = ${hard.json().id}`)).rows).toEqual([
      { tier: 'centralized' },
    ]);
    const spot = await as(app, office).post('/api/notices/received', { ...meta, docNumber: '长汀县创城办〔2026〕16号', items: [item('on_spot')] });
    expect(spot.statusCode).toBe(400);
    expect(spot.json().error.fields[0]).toMatchObject({ path: expect.stringContaining('items.0.tier'), message: expect.stringContaining('随手整') });
  });

  it('the written feedback to the county (书面反馈) is generated when its items close: addressed to the county, each item with what was done, when, and the photo', async () => {
    const r = await as(app, office).post('/api/notices/received', {
      kind: 'county_notice',
      docNumber: '长汀县创城办〔2026〕15号',
      title: '关于十月份创城暗访情况的通报',
      issuer: '长汀县创城办',
      issueDate: todayChina(),
      dueDate: due,
      items: [{ regionCode: COMMUNITY_A, categoryId: cat, description: '水东街农贸市场门口机动车乱停' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json();
    const early = await as(app, office).get(`/api/notices/${n.id}/feedback.docx`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('未整改完毕');
    const pid = n.items[0].problemId as number;
    const cadre = await login(app, 'cadrea');
    let p = (await as(app, cadre).get(`/api/problems/${pid}`)).json();
    p = (await as(app, cadre).post(`/api/problems/${pid}/actions/accept`, { version: p.version })).json();
    const ph = (await uploadPhoto(app, cadre)).json().id;
    p = (
      await as(app, cadre).post(`/api/problems/${pid}/actions/submit`, { version: p.version, note: '已在市场门口划设停车位并安排专人值守', photoIds: [ph] })
    ).json();
    expect((await as(app, office).post(`/api/problems/${pid}/actions/verify_pass`, { version: p.version })).statusCode).toBe(200);
    const page = (await as(app, office).get(`/api/notices/${n.id}`)).json();
    expect(page.can.feedback).toBe(true);
    const fb = await as(app, office).get(`/api/notices/${n.id}/feedback.docx`);
    expect(fb.statusCode).toBe(200);
    expect(decodeURIComponent(String(fb.headers['content-disposition']))).toContain('长汀县创城办〔2026〕15号整改情况反馈.docx');
    const { doc, zip } = await documentXml(fb.rawPayload);
    const text = doc.replace(/<[^>]+>/g, '');
    expect(text).toContain('书面反馈'); // the title says it is the written feedback
    expect(text).toContain('长汀县创城办：'); // addressed to the county office that issued the notice
    expect(text).toContain('已在市场门口划设停车位并安排专人值守'); // what was done
    expect(text).toContain(todayChina()); // when it was done
    expect((doc.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(2); // header + the one item
    expect(Object.keys(zip.files).some((f) => /^word\/media\//.test(f))).toBe(true); // the after photo
  });

  it('imported from .xlsx: all rows or none', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const sheet = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('问题');
      ws.addRow(['社区', '问题类别', '问题描述', '地址', '整改期限']);
      for (const x of rows) ws.addRow(x);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const send = async (buf: Buffer) => {
      const boundary = '----notice' + Math.random().toString(16).slice(2);
      const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
      const meta = { kind: 'county_weekly', docNumber: '2026年第40期', title: '长汀县创城周报', issuer: '长汀县创城办', issueDate: todayChina() };
      const body = Buffer.concat([
        Buffer.from(
          Object.entries(meta)
            .map(([k, v]) => field(k, v))
            .join(''),
        ),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="周报.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        buf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: 'POST',
        url: '/api/notices/received/import',
        headers: { cookie: office, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    };
    const before = Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n);
    const bad = await send(
      await sheet([
        ['水东街社区', '机动车乱停放', '路口乱停车', '', due],
        ['没有这个社区', '机动车乱停放', '乱停车', '', ''],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors[0]).toMatchObject({ row: 3, column: '社区' });
    expect(Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n)).toBe(before);
    const ok = await send(
      await sheet([
        ['水东街社区', '机动车乱停放', '路口乱停车', '水东街12号', due],
        ['东门街社区', '机动车乱停放', '人行道停车', '', ''],
      ]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items).toHaveLength(2);
    expect(ok.json().items[0].dueDate).toBe(due);
    // 暴露垃圾 (usually 随手整) comes in as 社区整 unless 整改层级 says 集中整; a 随手整 row is refused with its reason.
    const tiered = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('问题');
      ws.addRow(['社区', '问题类别', '问题描述', '地址', '整改期限', '整改层级']);
      for (const x of rows) ws.addRow(x);
      return send(Buffer.from(await wb.xlsx.writeBuffer()));
    };
    const spot = await tiered([['水东街社区', '暴露垃圾', '巷口垃圾', '', due, '随手整']]);
    expect(spot.statusCode).toBe(400);
    expect(spot.json().error.details.errors).toEqual([expect.objectContaining({ row: 2, column: '整改层级', message: expect.stringContaining('随手整') })]);
    const tiers = await tiered([
      ['水东街社区', '暴露垃圾', '巷口垃圾', '', due, ''],
      ['水东街社区', '暴露垃圾', '河道垃圾成片', '', due, '集中整'],
    ]);
    expect(tiers.statusCode, tiers.body).toBe(201);
    const made = await tdb.db.execute<{ tier: string; state: string }>(sql`SELECT tier, state FROM problems WHERE source_id = ${tiers.json().id} ORDER BY id`);
    expect(made.rows).toEqual([
      { tier: 'community', state: 'dispatched' },
      { tier: 'centralized', state: 'dispatched' },
    ]);
  });
});
