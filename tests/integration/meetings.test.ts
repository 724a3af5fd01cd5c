// Meetings (issue 16) on real PostgreSQL: recorded with attendance, minutes,
// photos and files, read by their region's readers only; decisions owned by a
// reachable unit (another town's refused with the reason) or a person, due in
// working days, overdue by the problems' rule, in the owner's inbox until done,
// turned into a problem; the weekly 例会 cadence's missed weeks and the rule
// that scores them; study trips; figures ①-④, ⑥ with drill-downs that list
// exactly what they count; Excel import all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, closeTown, COMMUNITY_A, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { IMPORT_COLUMNS } from '../../server/modules/meetings/meetings.excel.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const kind: Record<string, number> = {};
let cat: number;
let otherUnit: number;
const at = (d: string, t = '09:00') => `${d}T${t}:00+08:00`;

beforeAll(async () => {
  setClock(new Date('2026-12-07T10:00:00+08:00')); // a Monday
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026] }));
  otherUnit = (
    await tdb.db.execute<{ id: number }>(
      sql`INSERT INTO units (kind, name, region_code) VALUES ('community_committee', '大同镇某社区居委会', '350821101201') RETURNING id`,
    )
  ).rows[0].id;
  await addPerson(tdb.db, { name: '大同镇领导', username: 'leader2', regionCode: TOWN2, grants: [{ role: 'town_leader', region: TOWN2 }] });
  for (const who of ['office', 'office2', 'leader', 'leader2', 'cadrea', 'cadreb', 'liaison', 'chief', 'admin', 'county']) c[who] = await login(app, who);
  for (const k of (await as(app, c.office).get('/api/meetings/kinds')).json().items) kind[k.code ?? k.name] = k.id;
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const meeting = (o: Record<string, unknown> = {}) => ({
  regionCode: TOWN,
  kindId: kind.weekly,
  title: '创城工作例会',
  startsAt: at('2026-11-30'),
  place: '镇政府三楼会议室',
  attendees: [],
  ...o,
});
async function create(cookie: string, o: Record<string, unknown> = {}) {
  const r = await as(app, cookie).post('/api/meetings', meeting(o));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('meetings', () => {
  it('has the five seeded kinds, which only the admin may change', async () => {
    const k = (await as(app, c.office).get('/api/meetings/kinds')).json();
    expect(k.items.map((x: any) => x.name)).toEqual(['动员部署会', '专题会', '培训会', '每周例会', '内部工作会议']);
    expect(k.can.manage).toBe(false);
    expect((await as(app, c.office).post('/api/meetings/kinds', { name: '现场推进会' })).statusCode).toBe(403);
    const added = await as(app, c.admin).post('/api/meetings/kinds', { name: '现场推进会' });
    expect(added.statusCode).toBe(201);
    expect(added.json().items.find((x: any) => x.name === '现场推进会')).toMatchObject({ code: null, figure: null, active: true });
  });

  it('records a meeting with attendance, minutes, 传达, photos and files, which the town reads and another town does not', async () => {
    const photo = (await uploadPhoto(app, c.office)).json().id;
    const pdf = multipartFile(Buffer.from('%PDF-1.4\n%%EOF\n'), '会议纪要.pdf', 'application/pdf');
    const file = (await app.inject({ method: 'POST', url: '/api/files', payload: pdf.payload, headers: { ...pdf.headers, cookie: c.office } })).json().id;
    const m = await create(c.office, {
      kindId: kind.mobilisation,
      title: '创城工作动员部署会',
      startsAt: at('2026-03-02', '15:00'),
      chairPersonId: town.people.leader,
      agenda: '部署全年创城工作',
      minutes: '会议要求各社区压实责任',
      relayed: '传达县委创城工作会议精神',
      attendees: [
        { personId: town.people.cadreA, status: 'present' },
        { personId: town.people.cadreB, status: 'leave' },
        { name: '张三', org: '县文明办', status: 'present' },
      ],
      photoIds: [photo],
      fileIds: [file],
    });
    expect(m).toMatchObject({
      kindName: '动员部署会',
      day: '2026-03-02',
      chairName: '镇领导甲',
      attendance: { present: 2, absent: 0, leave: 1 },
      relayed: '传达县委创城工作会议精神',
    });
    expect(m.attendees.map((a: any) => a.name)).toEqual(['社区干部甲', '社区干部乙', '张三']);
    expect(m.attachments.photos).toHaveLength(1);
    expect(m.attachments.files[0]).toMatchObject({ name: '会议纪要.pdf', kind: 'pdf' });
    expect((await as(app, c.leader).get(`/api/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await as(app, c.leader).get(m.attachments.files[0].url)).statusCode).toBe(200);
    expect((await as(app, c.leader).get(m.attachments.photos[0].url)).statusCode).toBe(200);
    for (const who of ['office2', 'leader2']) {
      expect((await as(app, c[who]).get(`/api/meetings/${m.id}`)).statusCode).toBe(404);
      expect((await as(app, c[who]).get(m.attachments.files[0].url)).statusCode).toBe(404);
    }
    // A community cadre reads its community's meetings, not the town's.
    expect((await as(app, c.cadrea).get(`/api/meetings/${m.id}`)).statusCode).toBe(404);
    // Edited with its version; a stale version is 409.
    const put = await as(app, c.office).put(`/api/meetings/${m.id}`, {
      ...meeting({ kindId: kind.mobilisation, title: '创城工作动员部署大会', startsAt: at('2026-03-02', '15:00'), attendees: [] }),
      version: m.version,
      photoIds: [photo],
      fileIds: [file],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ title: '创城工作动员部署大会', attendance: { present: 0 } });
    expect((await as(app, c.office).put(`/api/meetings/${m.id}`, { ...meeting(), version: m.version })).statusCode).toBe(409);
  });

  it('refuses bad input with 4xx naming the field, never 500', async () => {
    const office = as(app, c.office);
    const bad = async (o: Record<string, unknown>, path: string) => {
      const r = await office.post('/api/meetings', meeting(o));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.fields[0].path).toBe(path);
    };
    await bad({ attendees: [{ personId: town.people.office2, status: 'present' }] }, 'body.attendees.0.personId');
    await bad({ attendees: [{ status: 'present' }] }, 'body.attendees.0.name');
    await bad({ regionCode: TOWN2 }, 'body.regionCode');
    await bad({ kindId: 99999 }, 'body.kindId');
    await bad({ startsAt: '2026-02-30T09:00:00+08:00' }, 'body.startsAt');
    // Another photo's owner: not the caller's upload.
    const theirs = (await uploadPhoto(app, c.office2)).json().id;
    await bad({ photoIds: [theirs] }, 'body.photoIds');
    expect((await as(app, c.chief).post('/api/meetings', meeting())).statusCode).toBe(403);
  });
});

describe('decisions', () => {
  let m: any;
  let d: any;
  beforeAll(async () => {
    m = await create(c.office, { title: '第48周创城例会' });
  });

  it('refuses an owner outside the town’s reachable units, with the reason', async () => {
    const r = await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, { content: '清理背街小巷堆放物', ownerUnitId: otherUnit, workingDays: 3 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'body.ownerUnitId' });
    expect(r.json().error.fields[0].message).toContain('不是本镇可派遣的单位');
    const both = await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, {
      content: '两个责任方',
      ownerUnitId: town.units.chengguan,
      ownerPersonId: town.people.cadreA,
      workingDays: 3,
    });
    expect(both.statusCode).toBe(400);
    const outsider = await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, {
      content: '外镇人员',
      ownerPersonId: town.people.office2,
      workingDays: 3,
    });
    expect(outsider.json().error.fields[0].path).toBe('body.ownerPersonId');
  });

  it('gives a reachable unit a decision due in working days, in its inbox, overdue by the problems’ rule', async () => {
    const r = await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, {
      content: '城管局清理汀州路占道经营',
      ownerUnitId: town.units.chengguan,
      workingDays: 3,
    });
    expect(r.statusCode, r.body).toBe(201);
    d = r.json();
    // Monday 30 November + 3 working days = Thursday 3 December; today (Monday 7 December) it is 2 working days late.
    expect(d).toMatchObject({ dueDate: '2026-12-03', state: 'open', view: 'overdue', lateWorkingDays: 2, owner: { kind: 'unit', name: '长汀县城市管理局' } });
    const inbox = (await as(app, c.liaison).get('/api/inbox')).json().items;
    expect(inbox.find((i: any) => i.kind === 'meeting_decision' && i.subjectId === d.id)).toMatchObject({
      link: `/meetings/decisions/${d.id}`,
      dueDate: '2026-12-03',
    });
    expect((await as(app, c.office).get(`/api/meetings/decisions?view=overdue&region=${TOWN}`)).json().items.map((x: any) => x.id)).toContain(d.id);
    expect((await as(app, c.office).get(`/api/meetings/${m.id}`)).json().decisions).toEqual({ open: 0, overdue: 1, done: 0 });
  });

  it('lets the owner report progress and finish it, which closes the inbox item; another town sees nothing', async () => {
    expect((await as(app, c.office2).get(`/api/meetings/decisions/${d.id}`)).statusCode).toBe(404);
    expect((await as(app, c.office2).post(`/api/meetings/decisions/${d.id}/progress`, { note: '越权' })).statusCode).toBe(404);
    const liaison = as(app, c.liaison);
    const seen = await liaison.get(`/api/meetings/decisions/${d.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().can).toMatchObject({ progress: true, edit: false });
    expect((await liaison.post(`/api/meetings/decisions/${d.id}/progress`, { note: '已清理一半' })).json()).toMatchObject({
      notes: 1,
      lastNote: '已清理一半',
      state: 'open',
    });
    expect((await liaison.post(`/api/meetings/decisions/${d.id}/progress`, { note: '重新打开', state: 'open' })).statusCode).toBe(403);
    const done = await liaison.post(`/api/meetings/decisions/${d.id}/progress`, { note: '已全部清理', state: 'done' });
    expect(done.json()).toMatchObject({ state: 'done', view: 'done', lateWorkingDays: 0, notes: 2 });
    expect((await liaison.post(`/api/meetings/decisions/${d.id}/progress`, { note: '再办结', state: 'done' })).statusCode).toBe(409);
    const open = (await liaison.get('/api/inbox')).json().items;
    expect(open.find((i: any) => i.subjectId === d.id && i.kind === 'meeting_decision')).toBeUndefined();
  });

  it('turns a decision about a place into a problem through the intake, once', async () => {
    const place = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '会议交办巷' })).json().id;
    const r = await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, {
      content: '会议交办巷乱堆放整治',
      ownerUnitId: town.units.committeeA,
      workingDays: 5,
      placeId: place,
    });
    expect(r.statusCode, r.body).toBe(201);
    const x = r.json();
    expect(x.can.toProblem).toBe(true);
    const t = await as(app, c.office).post(`/api/meetings/decisions/${x.id}/problem`, { categoryId: cat });
    expect(t.statusCode, t.body).toBe(200);
    const p = (await as(app, c.office).get(`/api/problems/${t.json().problem.id}`)).json();
    expect(p).toMatchObject({ source: 'meeting_decision', description: '会议交办巷乱堆放整治', regionCode: COMMUNITY_A });
    expect((await as(app, c.office).post(`/api/meetings/decisions/${x.id}/problem`, { categoryId: cat })).statusCode).toBe(409);
    // Without a place it cannot.
    const noPlace = (
      await as(app, c.office).post(`/api/meetings/${m.id}/decisions`, { content: '学习文件', ownerPersonId: town.people.cadreA, workingDays: 2 })
    ).json();
    expect((await as(app, c.office).post(`/api/meetings/decisions/${noPlace.id}/problem`, { categoryId: cat })).statusCode).toBe(400);
  });
});

describe('the weekly 例会 cadence, its missed weeks and the rule that scores them', () => {
  it('lists the full weeks without a 例会 since the cadence started, and the rule scores each for the town', async () => {
    for (const day of ['2026-11-02', '2026-11-16']) await create(c.office, { startsAt: at(day) });
    const office = as(app, c.office);
    const cad = (await office.get('/api/meetings/cadence?year=2026')).json();
    const t = cad.towns.find((x: any) => x.townCode === TOWN);
    expect(t).toMatchObject({ perWeek: 0, missed: [] });
    const set = await office.put('/api/meetings/cadence', { townCode: TOWN, perWeek: 1, effectiveFrom: '2026-11-02', version: t.version });
    expect(set.statusCode, set.body).toBe(200);
    const after = set.json().towns.find((x: any) => x.townCode === TOWN);
    expect(after.missed.map((w: any) => w.week)).toEqual(['2026-11-09', '2026-11-23']);
    expect(
      (await as(app, c.cadrea).put('/api/meetings/cadence', { townCode: TOWN, perWeek: 2, effectiveFrom: '2026-11-02', version: after.version })).statusCode,
    ).toBe(404);
    expect((await office.put('/api/meetings/cadence', { townCode: TOWN, perWeek: 2, effectiveFrom: '2026-11-02', version: 0 })).statusCode).toBe(409);

    const community = await office.post('/api/assessment/rules', {
      regionCode: TOWN,
      name: '例会缺开',
      eventKind: 'weekly_meeting_missed',
      subjectKind: 'community',
      points: -3,
      effectiveFrom: '2026-01-01',
    });
    expect(community.statusCode).toBe(400);
    const rule = await office.post('/api/assessment/rules', {
      regionCode: TOWN,
      name: '例会缺开',
      eventKind: 'weekly_meeting_missed',
      subjectKind: 'town',
      points: -3,
      effectiveFrom: '2026-01-01',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await office.post('/api/assessment/recompute', { region: TOWN, date: '2026-11-01' })).statusCode).toBe(200);
    const ledger = (await office.get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=2026-11-15`)).json();
    const missed = ledger.filter((e: any) => e.eventKind === 'weekly_meeting_missed');
    expect(missed.map((e: any) => [e.onDate, e.points, e.subjectRef, e.causeKind])).toEqual([
      ['2026-11-15', -3, TOWN, 'meeting_week'],
      ['2026-11-29', -3, TOWN, 'meeting_week'],
    ]);
  });
});

describe('study trips and the figures', () => {
  it('counts meetings by kind and study-trip participants, each drill-down listing exactly what it counts', async () => {
    const training = await create(c.office, { kindId: kind.training, title: '创城工作培训会', startsAt: at('2026-10-20') });
    await create(c.cadrea, { regionCode: COMMUNITY_A, kindId: kind.topic, title: '水东街社区创城专题会', startsAt: at('2026-06-10') });
    await create(c.office, { kindId: kind.internal, title: '创城办内部工作会议', startsAt: at('2025-12-30') }); // last year: not counted
    const weekly = (await as(app, c.office).get('/api/meetings?kind=weekly')).json().items[0];
    const wrong = await as(app, c.office).post('/api/meetings/trips', {
      regionCode: TOWN,
      day: '2026-10-12',
      destination: '福建省三明市',
      leaderName: '陈建华',
      headCount: 12,
      participants: [],
      sharedMeetingId: weekly.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].message).toContain('不是培训会');
    const trip = await as(app, c.office).post('/api/meetings/trips', {
      regionCode: TOWN,
      day: '2026-10-12',
      destination: '福建省三明市',
      leaderPersonId: town.people.leader,
      headCount: 12,
      purpose: '学习创城经验',
      learned: '背街小巷常态化管理',
      participants: [{ personId: town.people.cadreA }, { name: '社区党委书记' }],
      sharedMeetingId: training.id,
    });
    expect(trip.statusCode, trip.body).toBe(201);
    expect(trip.json()).toMatchObject({ leaderName: '镇领导甲', headCount: 12, sharedMeeting: { id: training.id } });
    const few = await as(app, c.office).post('/api/meetings/trips', {
      regionCode: TOWN,
      day: '2026-10-12',
      destination: '厦门',
      leaderName: '甲',
      headCount: 1,
      participants: [{ name: '甲' }, { name: '乙' }],
    });
    expect(few.json().error.fields[0].path).toBe('body.headCount');

    const figs = (await as(app, c.office).get('/api/figures?period=2026')).json().figures;
    const v = (id: string) => figs.find((f: any) => f.id === id);
    expect([
      v('meetings.mobilisation').value,
      v('meetings.training').value,
      v('meetings.weekly').value,
      v('meetings.internal').value,
      v('study_trips.participants').value,
    ]).toEqual([2, 1, 3, 0, 12]);
    expect(v('publicity.articles').value).toBe(0); // served by the publicity register (issue 18); none recorded here
    for (const id of ['meetings.mobilisation', 'meetings.training', 'meetings.weekly', 'meetings.internal']) {
      const url = new URL(v(id).drillUrl, 'http://x');
      expect(url.pathname).toBe('/meetings');
      const listed = (await as(app, c.office).get(`/api/meetings${url.search}&limit=200`)).json().items;
      expect(listed.length, id).toBe(v(id).value);
    }
    const tripsUrl = new URL(v('study_trips.participants').drillUrl, 'http://x');
    const trips = (await as(app, c.office).get(`/api/meetings/trips${tripsUrl.search}`)).json().items;
    expect(trips.reduce((n: number, t: any) => n + t.headCount, 0)).toBe(12);
    // A community's figures count its own meetings only.
    const mine = (await as(app, c.cadrea).get('/api/figures?period=2026&ids=meetings.mobilisation,meetings.weekly')).json().figures;
    expect(mine.map((f: any) => f.value)).toEqual([1, 0]);
  });
});

describe('Excel', () => {
  async function sheet(rows: string[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会议清单');
    ws.addRow([...IMPORT_COLUMNS]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (buf: Buffer) => {
    const m = multipartFile(buf, '会议.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return app.inject({ method: 'POST', url: '/api/meetings/import', payload: m.payload, headers: { ...m.headers, cookie: c.office } });
  };
  const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM meetings`)).rows[0].n);

  it('imports nothing when one row is bad, and names the row and the column', async () => {
    const before = await count();
    const r = await upload(
      await sheet([
        ['每周例会', '第1周例会', '2026-01-05 09:00', '汀州镇', '', '', '', '', ''],
        ['每周例会', '第2周例会', '2026-01-12', '水东街社区', '', '', '', '', ''],
        ['茶话会', '新年茶话会', '2026-01-13 09:00', '汀州镇', '', '', '', '', ''],
        ['培训会', '业务培训', '2026-02-30 09:00', '大同镇', '', '', '', '', ''],
      ]),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    expect(r.json().error.details.errors).toEqual([
      { row: 4, column: '会议类别', message: expect.stringContaining('茶话会') },
      { row: 5, column: '召开时间', message: expect.stringContaining('2026-02-30') },
      { row: 5, column: '召开单位', message: expect.stringContaining('大同镇') },
    ]);
    expect(r.json().error.message).toContain('第 4 行');
    expect(await count()).toBe(before);
  });

  it('imports a good file whole, and exports what the list shows', async () => {
    const before = await count();
    const r = await upload(
      await sheet([
        ['每周例会', '第1周例会', '2026-01-05 09:00', '汀州镇', '会议室', '王丽萍', '议程', '纪要', '传达'],
        ['专题会', '水东街专题会', '2026-01-12', '水东街社区', '', '', '', '', ''],
      ]),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().imported).toBe(2);
    expect(await count()).toBe(before + 2);
    const got = (await as(app, c.office).get(`/api/meetings/${r.json().ids[1]}`)).json();
    expect(got).toMatchObject({ kindName: '专题会', regionCode: COMMUNITY_A, day: '2026-01-12' });
    const x = await as(app, c.office).get('/api/meetings/export.xlsx?from=2026-01-01&to=2026-01-31');
    expect(x.statusCode, x.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.getWorksheet('会议清单')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(2).value).toBe('水东街专题会');
    // A non-xlsx upload is a 4xx.
    expect((await upload(Buffer.from('not a workbook'))).statusCode).toBe(415);
  });
});
