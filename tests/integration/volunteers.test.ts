// Volunteers and their service hours (issue 17 items 1, 2, 5): members with
// the ID number encrypted at rest and always masked, teams joined and left,
// an account given later by phone number, a deactivated person's history
// kept; service records recorded by the organiser, corrected by new entries
// (never in place), totals, the certificate (.docx and data), the national
// upload with clear ID numbers for the organiser only (audited), the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { volunteerFigureValues } from '../../server/modules/volunteers/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const ids: Record<string, number> = {};
const c: Record<string, string> = {};
const ID1 = '350821199001011235';
const ID2 = '350821198506150025';

const unit = async (kind: string, name: string, region: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${region}) RETURNING id`)).rows[0].id);
const audits = async (action: string) =>
  (await tdb.db.execute<{ after: any; actor_name: string }>(sql`SELECT after, actor_name FROM audit_log WHERE action = ${action} ORDER BY id`)).rows;

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  for (const who of ['office', 'office2', 'leader', 'cadrea', 'cadreb', 'chief']) c[who] = await login(app, who);
  const office = as(app, c.office);
  ids.townTeam = await unit('volunteer_team', '汀州镇创城志愿服务总队', TOWN);
  ids.teamA = await unit('volunteer_team', '水东街社区志愿服务队', COMMUNITY_A);
  ids.teamB = await unit('volunteer_team', '东门街社区志愿服务队', COMMUNITY_B);
  ids.team2 = await unit('volunteer_team', '大同镇志愿服务队', TOWN2);
  await unit('practice_institute', '汀州镇新时代文明实践所', TOWN);
  expect((await office.get('/api/activities/kinds')).statusCode).toBe(200);
  ids.place = (await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '志愿巷' })).json().id;
  const act = async (title: string, onDate: string) =>
    (await office.post('/api/activities', { title, kindId: 1, unitId: town.units.committeeA, placeId: ids.place, onDate })).json().id as number;
  ids.act1 = await act('学雷锋志愿服务', '2026-11-20');
  ids.act2 = await act('文明劝导', '2026-12-01');
  ids.future = await act('元旦活动', '2026-12-30');
}, 300_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('members', () => {
  it('adds a volunteer without an account, the ID number encrypted at rest and shown masked', async () => {
    const res = await as(app, c.cadrea).post('/api/volunteers', {
      name: '林志愿',
      phone: '13900001111',
      teamId: ids.teamA,
      joinedOn: '2026-01-05',
      gender: 'female',
      birthYear: 1990,
      politicalStatus: 'cyl_member',
      skills: ['摄影', '急救'],
      idNumber: ID1,
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    ids.lin = v.personId;
    expect(v).toMatchObject({ name: '林志愿', idNumber: '3508**********1235', hasAccount: false, genderLabel: '女', politicalStatusLabel: '共青团员' });
    expect(v.teams).toEqual([expect.objectContaining({ id: ids.teamA, role: 'member', roleLabel: '队员', leftOn: null })]);
    const row = (await tdb.db.execute<any>(sql`SELECT * FROM volunteers WHERE person_id = ${ids.lin}`)).rows[0];
    expect(JSON.stringify(row)).not.toContain(ID1);
    expect(row.id_number_enc).toMatch(/^v1:/);
    // The audit trail keeps only the masked number.
    expect(JSON.stringify(await audits('volunteer.create'))).not.toContain(ID1);
  });

  it('refuses an ID number that is not a valid resident ID, naming the field', async () => {
    const res = await as(app, c.office).post('/api/volunteers', { name: '王错号', teamId: ids.townTeam, idNumber: '350821199001011237' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'idNumber', message: expect.stringContaining('校验位') }]);
  });

  it('masks the phone for a reader who does not manage the volunteer, and hides them from another town', async () => {
    expect((await as(app, c.leader).get(`/api/volunteers/${ids.lin}`)).json().phone).toBe('139****1111');
    expect((await as(app, c.cadrea).get(`/api/volunteers/${ids.lin}`)).json().phone).toBe('13900001111');
    expect((await as(app, c.office2).get(`/api/volunteers/${ids.lin}`)).statusCode).toBe(404);
    const list = (await as(app, c.office2).get('/api/volunteers')).json();
    expect(list.items.map((x: any) => x.personId)).not.toContain(ids.lin);
    expect((await as(app, c.chief).get('/api/volunteers')).statusCode).toBe(403);
  });

  it('lets only the managers of the volunteer’s team change them (a reader: 403; another community’s cadre does not see them: 404)', async () => {
    const v = (await as(app, c.cadrea).get(`/api/volunteers/${ids.lin}`)).json();
    expect((await as(app, c.leader).put(`/api/volunteers/${ids.lin}`, { version: v.version, gender: 'male' })).statusCode).toBe(403);
    expect((await as(app, c.cadreb).put(`/api/volunteers/${ids.lin}`, { version: v.version, gender: 'male' })).statusCode).toBe(404);
    const ok = await as(app, c.cadrea).put(`/api/volunteers/${ids.lin}`, { version: v.version, gender: 'female', skills: ['摄影'], idNumber: ID2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().idNumber).toBe('3508**********0025');
    expect((await as(app, c.cadrea).put(`/api/volunteers/${ids.lin}`, { version: v.version, gender: 'male' })).statusCode).toBe(409);
  });

  it('joins and leaves teams with their days; the town team is listed with its members', async () => {
    const office = as(app, c.office);
    let r = await office.post(`/api/volunteers/${ids.lin}/teams`, { teamId: ids.townTeam, role: 'leader', joinedOn: '2026-03-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await office.post(`/api/volunteers/${ids.lin}/teams`, { teamId: ids.townTeam, role: 'leader' })).statusCode).toBe(409);
    r = await office.post(`/api/volunteers/${ids.lin}/teams/${ids.townTeam}/leave`, { leftOn: '2026-02-01' });
    expect(r.statusCode).toBe(400);
    const teams = (await office.get('/api/volunteers/teams')).json().items;
    expect(teams.find((t: any) => t.id === ids.townTeam)).toMatchObject({ level: 'town', members: 1, leaders: ['林志愿'] });
    expect(teams.map((t: any) => t.id)).not.toContain(ids.team2);
    expect((await as(app, c.office).post(`/api/volunteers/${ids.lin}/teams`, { teamId: ids.team2 })).statusCode).toBe(400);
  });

  it('gives a member an account by phone number: the one-time password signs in as a volunteer', async () => {
    const r = await as(app, c.cadrea).post(`/api/volunteers/${ids.lin}/account`, { teamId: ids.teamA });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ login: '13900001111', initialPassword: expect.any(String) });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '13900001111', password: r.json().initialPassword } });
    expect([200, 409]).toContain(res.statusCode); // signed in; the one-time password must be changed first
    expect((await as(app, c.cadrea).post(`/api/volunteers/${ids.lin}/account`, { teamId: ids.teamA })).statusCode).toBe(409);
    expect((await as(app, c.cadrea).get(`/api/volunteers/${ids.lin}`)).json().hasAccount).toBe(true);
  });
});

describe('service records', () => {
  it('the organiser records hours at an activity, confirmed; a second record for the same person is refused', async () => {
    const office = as(app, c.office);
    ids.wu = (
      await office.post('/api/volunteers', { name: '吴服务', phone: '13900002222', teamId: ids.teamA, joinedOn: '2026-06-01', idNumber: ID1 })
    ).json().personId;
    const r = await as(app, c.cadrea).post('/api/volunteers/service', {
      activityId: ids.act1,
      entries: [
        { personId: ids.lin, hours: 2.5, content: '秩序维护' },
        { personId: ids.wu, startedAt: '2026-11-20T09:00:00+08:00', endedAt: '2026-11-20T12:00:00+08:00' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    [ids.s1, ids.s2] = r.json().ids;
    const s1 = (await office.get(`/api/volunteers/service/${ids.s1}`)).json();
    expect(s1).toMatchObject({ status: 'confirmed', source: 'organiser', hours: 2.5, team: { id: ids.teamA }, activity: { id: ids.act1 } });
    const again = await as(app, c.cadrea).post('/api/volunteers/service', { activityId: ids.act1, entries: [{ personId: ids.lin, hours: 1 }] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0].path).toBe('entries.0.personId');
  });

  it('refuses a future activity, bad hours, a reader (403) and another community’s activity (400: not theirs)', async () => {
    const cadrea = as(app, c.cadrea);
    expect((await cadrea.post('/api/volunteers/service', { activityId: ids.future, entries: [{ personId: ids.lin, hours: 1 }] })).statusCode).toBe(400);
    const bad = await cadrea.post('/api/volunteers/service', { activityId: ids.act2, entries: [{ personId: ids.lin, hours: 30 }] });
    expect(bad.statusCode).toBe(400);
    const noHours = await cadrea.post('/api/volunteers/service', { activityId: ids.act2, entries: [{ personId: ids.lin }] });
    expect(noHours.json().error.fields).toEqual([{ path: 'entries.0.hours', message: expect.any(String) }]);
    const entry = { activityId: ids.act2, entries: [{ personId: ids.lin, hours: 1 }] };
    expect((await as(app, c.leader).post('/api/volunteers/service', entry)).statusCode).toBe(403);
    const other = await as(app, c.cadreb).post('/api/volunteers/service', entry);
    expect(other.json().error.fields).toEqual([{ path: 'activityId', message: expect.stringContaining('不在您的管辖范围内') }]);
  });

  it('corrects confirmed hours with a new audited entry; the old one stays, superseded, and stops counting', async () => {
    const r = await as(app, c.cadrea).post(`/api/volunteers/service/${ids.s1}/correct`, { hours: 3, reason: '签到表核对后更正' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ source: 'correction', correctsId: ids.s1, hours: 3, status: 'confirmed' });
    ids.s1b = r.json().id;
    const old = (await as(app, c.office).get(`/api/volunteers/service/${ids.s1}`)).json();
    expect(old).toMatchObject({ hours: 2.5, status: 'confirmed', supersededBy: ids.s1b, can: { correct: false } });
    expect((await as(app, c.cadrea).post(`/api/volunteers/service/${ids.s1}/correct`, { hours: 4, reason: '再改' })).statusCode).toBe(409);
    expect((await as(app, c.cadrea).post(`/api/volunteers/service/${ids.s1}/confirm`)).statusCode).toBe(409);
    expect((await audits('volunteer.service_correct')).at(-1)!.after).toMatchObject({ id: ids.s1b, minutes: 180 });
  });

  it('lists a team’s month, keyset pages, and totals per team and person', async () => {
    const office = as(app, c.office);
    const p1 = (await office.get(`/api/volunteers/service?teamId=${ids.teamA}&month=2026-11&limit=2`)).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await office.get(`/api/volunteers/service?teamId=${ids.teamA}&month=2026-11&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((x: any) => x.id)).size).toBe(3);
    const t = (await office.get('/api/volunteers/service/totals?from=2026-11-01&to=2026-11-30')).json();
    expect(t.total).toEqual({ records: 2, hours: 6, people: 2 });
    expect(t.byPerson.find((x: any) => x.id === ids.lin)).toMatchObject({ hours: 3, records: 1 });
    expect(t.byTeam).toEqual([expect.objectContaining({ id: ids.teamA, hours: 6, people: 2 })]);
    expect((await as(app, c.office2).get('/api/volunteers/service/totals?from=2026-11-01&to=2026-11-30')).json().total.records).toBe(0);
    expect((await office.get('/api/volunteers/service?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('keeps a deactivated person’s history', async () => {
    const p = (await as(app, c.office).get(`/api/people/${ids.wu}`)).json();
    expect((await as(app, c.office).patch(`/api/people/${ids.wu}`, { version: p.version, active: false })).statusCode).toBe(200);
    const v = (await as(app, c.office).get(`/api/volunteers/${ids.wu}`)).json();
    expect(v).toMatchObject({ active: false, totals: { records: 1, hours: 3 } });
  });
});

describe('certificate and national upload', () => {
  it('certifies the totals and the organisers, as data and as .docx', async () => {
    const cert = (await as(app, c.leader).get(`/api/volunteers/${ids.lin}/certificate`)).json();
    expect(cert).toMatchObject({
      name: '林志愿',
      idNumber: '3508**********0025',
      records: 1,
      hours: 3,
      organisers: ['水东街社区居委会'],
      issuer: '汀州镇新时代文明实践所',
    });
    const res = await as(app, c.leader).get(`/api/volunteers/${ids.lin}/certificate.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('志愿服务记录证明');
    expect(xml).toContain('累计志愿服务时长3小时');
    expect(xml).not.toContain(ID2);
    expect((await as(app, c.office2).get(`/api/volunteers/${ids.lin}/certificate.docx`)).statusCode).toBe(404);
  });

  it('exports the national upload with clear ID numbers to the organiser only, every export audited', async () => {
    expect((await as(app, c.leader).get('/api/volunteers/service/national.xlsx')).statusCode).toBe(403);
    const res = await as(app, c.office).get('/api/volunteers/service/national.xlsx?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.getWorksheet('志愿服务记录')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '证件类型',
      '证件号码',
      '手机号',
      '志愿服务活动',
      '服务日期',
      '服务时长（小时）',
      '组织单位',
      '志愿服务队',
    ]);
    const rows = [2, 3].map((i) => (ws.getRow(i).values as any[]).slice(1));
    expect(rows).toContainEqual(['林志愿', '居民身份证', ID2, '13900001111', '学雷锋志愿服务', '2026-11-20', 3, '水东街社区居委会', '水东街社区志愿服务队']);
    const a = (await audits('volunteer.export_ids')).at(-1)!;
    expect(a.actor_name).toBe('镇创城办甲');
    expect(a.after).toMatchObject({ rows: 2, people: 2, withoutIdNumber: 0 });
  });
});

describe('figures', () => {
  it('counts teams (seed ⑤), members, hours and person-times of a region and period', async () => {
    const v = await volunteerFigureValues(tdb.db, TOWN, '2026-01-01', '2026-12-31');
    expect(v).toMatchObject({ 'volunteers.teams': 3, 'volunteers.members': 2, 'volunteers.hours': 6, 'volunteers.person_times': 2, 'orders.received': 0 });
    expect((await volunteerFigureValues(tdb.db, COMMUNITY_B, '2026-01-01', '2026-12-31'))['volunteers.teams']).toBe(1);
    const res = (await as(app, c.office).get('/api/figures?period=2026&ids=volunteers.teams,volunteers.hours')).json();
    expect(res.figures.map((f: any) => [f.id, f.seq, f.value])).toEqual([
      ['volunteers.teams', 5, 3],
      ['volunteers.hours', null, 6],
    ]);
    expect(res.figures[1].drillUrl).toBe(`/volunteers/service?status=confirmed&region=${TOWN}&from=2026-01-01&to=2026-12-31`);
  });
});
