// The inbox (待办, issue 14) on real PostgreSQL: each kind opened and closed by
// the move that makes something wait and the move that resolves it; an item is
// read only by its owner (the person, the role's holders over the region, the
// unit's liaisons); overdue by the one-loop rule; supervisors draft notices but
// never submit or publish; publishing a notice that moves running problems'
// deadlines answers the changes and needs an explicit confirmation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COMMUNITY_B, login, closeTown, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { closedProblem } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';
import { runAccountabilitySweep } from '../../server/jobs/index.ts';
import { backfillInbox } from '../../server/modules/inbox/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number;
const c: Record<string, string> = {};
const pid: Record<string, number> = {};
const at = (d: string) => new Date(`${d}T10:00:00+08:00`);

beforeAll(async () => {
  setClock(at('2026-12-07')); // a Monday
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026, 2027] }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
  pid.supervisor = await addPerson(tdb.db, { name: '督查组甲', username: 'supervisor', regionCode: TOWN, grants: [{ role: 'supervisor', region: TOWN }] });
  pid.leader2 = await addPerson(tdb.db, { name: '大同镇领导', username: 'leader2', regionCode: TOWN2, grants: [{ role: 'town_leader', region: TOWN2 }] });
  const power = (
    await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('department', '长汀县供电公司', '350821') RETURNING id`)
  ).rows[0].id;
  pid.liaison2 = await addPerson(tdb.db, {
    name: '供电联络员',
    username: 'liaison2',
    regionCode: '350821',
    unitId: power,
    grants: [{ role: 'unit_liaison', unit: power }],
  });
  for (const who of ['office', 'office2', 'leader', 'leader2', 'supervisor', 'cadrea', 'cadreb', 'liaison', 'liaison2', 'admin', 'county'])
    c[who] = await login(app, who);
});
afterEach(() => setClock(at('2026-12-07')));
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const inbox = async (who: string, q = '') => {
  const r = await as(app, c[who]).get(`/api/inbox${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as any[];
};
const itemsOf = async (who: string, subjectId: number, q = '') => (await inbox(who, q)).filter((i) => i.subjectId === subjectId);
const row = async (kind: string, subjectId: number) =>
  (await tdb.db.execute<any>(sql`SELECT state, closed_by, closed_note FROM inbox_items WHERE kind = ${kind} AND subject_id = ${subjectId} ORDER BY id`)).rows;

async function reported(region = COMMUNITY_A) {
  const ph = (await uploadPhoto(app, c.office)).json().id;
  const r = await as(app, c.office).post('/api/problems', {
    source: 'supervision',
    categoryId: cat,
    tier: 'community',
    description: '店头街口机动车占用人行道停放',
    regionCode: region,
    beforePhotoIds: [ph],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; version: number; code: string };
}
async function move(who: string, p: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) {
  const r = await as(app, c[who]).post(`/api/problems/${p.id}/actions/${action}`, { version: p.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: number; version: number; code: string; dueDate: string };
}

describe('problems: every move opens and closes the right items', () => {
  it('待接收 for the unit while dispatched: its cadres read it, another community’s and another unit’s people do not; accepting closes it', async () => {
    let p = await reported();
    p = await move('office', p, 'file');
    p = await move('office', p, 'dispatch', { unitId: town.units.committeeA });
    const [it] = await itemsOf('cadrea', p.id);
    expect(it).toMatchObject({
      kind: 'problem_accept',
      kindLabel: '待接收',
      link: `/problems/${p.id}`,
      state: 'open',
      owner: { type: 'unit', label: '水东街社区居委会' },
      overdue: false,
    });
    expect(it.title).toContain(p.code);
    expect(it.dueDate).toBe('2026-12-08');
    for (const who of ['cadreb', 'liaison', 'liaison2', 'office2', 'leader', 'admin']) expect(await itemsOf(who, p.id)).toEqual([]);
    p = await move('cadrea', p, 'accept');
    expect(await itemsOf('cadrea', p.id)).toEqual([]);
    expect(await row('problem_accept', p.id)).toEqual([{ state: 'done', closed_by: expect.any(Number), closed_note: null }]);
    const done = await itemsOf('cadrea', p.id, '?state=done');
    expect(done[0]).toMatchObject({ state: 'done', stateLabel: '已办', closedByName: '社区干部甲' });
  });

  it('a county department’s item is its liaison’s alone; re-dispatch cancels it and opens one for the new unit; recall cancels', async () => {
    let p = await move('office', await reported(), 'file');
    p = await move('office', p, 'dispatch', { unitId: town.units.chengguan });
    expect((await itemsOf('liaison', p.id)).map((i) => i.kind)).toEqual(['problem_accept']);
    expect(await itemsOf('liaison2', p.id)).toEqual([]);
    expect(await itemsOf('cadrea', p.id)).toEqual([]);
    p = await move('office', p, 'redispatch', { unitId: town.units.committeeA, note: '属社区职责' });
    expect(await itemsOf('liaison', p.id)).toEqual([]);
    expect((await itemsOf('cadrea', p.id)).map((i) => i.kind)).toEqual(['problem_accept']);
    p = await move('office', p, 'recall', { note: '重新核实' });
    expect(await itemsOf('cadrea', p.id)).toEqual([]);
    expect((await row('problem_accept', p.id)).map((r: any) => r.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('退回待改派 for the office after a return, closed by the next dispatch; 延期申请 waits for the office until decided', async () => {
    let p = await move('office', await reported(), 'file');
    p = await move('office', p, 'dispatch', { unitId: town.units.committeeA });
    p = await move('cadrea', p, 'return', { note: '不属于本社区' });
    const [ret] = await itemsOf('office', p.id);
    expect(ret).toMatchObject({ kind: 'problem_returned', owner: { type: 'role', label: '汀州镇 · 镇创城办' } });
    expect(await itemsOf('office2', p.id)).toEqual([]);
    p = await move('office', p, 'dispatch', { unitId: town.units.committeeA });
    expect(await itemsOf('office', p.id)).toEqual([]);
    expect((await row('problem_returned', p.id))[0].state).toBe('done');

    p = await move('cadrea', p, 'accept');
    const ext = await as(app, c.cadrea).post(`/api/problems/${p.id}/extensions`, { days: 3, reason: '需协调施工队' });
    expect(ext.statusCode, ext.body).toBe(201);
    const [e] = await itemsOf('office', p.id);
    expect(e).toMatchObject({ kind: 'extension_request', kindLabel: '延期申请待审批' });
    const requestId = ext.json().extensions[0].id;
    const d = await as(app, c.office).post(`/api/problems/${p.id}/extensions/${requestId}/decision`, { approve: true });
    expect(d.statusCode, d.body).toBe(200);
    expect(await itemsOf('office', p.id)).toEqual([]);
    expect((await row('extension_request', p.id))[0]).toMatchObject({ state: 'done', closed_note: '已批准' });
  });

  it('待核查 for the office once submitted; 核查通过 closes it and opens 待回头看 due on the reinspection day; recording it closes that', async () => {
    let p = await move('office', await reported(), 'file');
    p = await move('office', p, 'dispatch', { unitId: town.units.committeeA });
    p = await move('cadrea', p, 'accept');
    const after = (await uploadPhoto(app, c.cadrea)).json().id;
    p = await move('cadrea', p, 'submit', { note: '已清理', photoIds: [after] });
    expect((await itemsOf('office', p.id)).map((i) => i.kind)).toEqual(['problem_verify']);
    expect(await itemsOf('cadrea', p.id)).toEqual([]);
    p = await move('office', p, 'verify_pass');
    const [ri] = await itemsOf('office', p.id);
    expect(ri.kind).toBe('problem_reinspect');
    const scheduled = (await tdb.db.execute<{ id: number; due: string }>(sql`SELECT id, due_date::text AS due FROM reinspections WHERE problem_id = ${p.id}`))
      .rows[0];
    expect(ri.dueDate).toBe(scheduled.due);
    const rec = await as(app, c.office).post(`/api/reinspections/${scheduled.id}/result`, { result: 'pass' });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(await itemsOf('office', p.id)).toEqual([]);
  });
});

describe('overdue and counts', () => {
  it('an item is overdue from the day after its due date, late by working days; the filter and the counts agree', async () => {
    let p = await move('office', await reported(COMMUNITY_B), 'file');
    p = await move('office', p, 'dispatch', { unitId: town.units.committeeB });
    // Due Tuesday 8 December; Wednesday it is overdue (0 working days late is impossible on a weekday: 1).
    setClock(at('2026-12-09'));
    const [it] = await itemsOf('cadreb', p.id, '?overdue=1');
    expect(it).toMatchObject({ dueDate: '2026-12-08', overdue: true, lateWorkingDays: 1, lateLabel: '已超期 1 个工作日' });
    const counts = (await as(app, c.cadreb).get('/api/inbox/counts')).json();
    expect(counts.kinds.find((k: any) => k.kind === 'problem_accept')).toMatchObject({ label: '待接收', open: 1, overdue: 1 });
    expect(counts).toMatchObject({ open: 1, overdue: 1 });
    setClock(at('2026-12-08'));
    expect(await itemsOf('cadreb', p.id, '?overdue=1')).toEqual([]);
    expect((await itemsOf('cadreb', p.id))[0].overdue).toBe(false);
  });

  it('pages with the opaque cursor; a bad cursor or kind is a 400', async () => {
    const first = (await as(app, c.office).get('/api/inbox?state=done&limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await as(app, c.office).get(`/api/inbox?state=done&limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    expect((await as(app, c.office).get('/api/inbox?cursor=abc')).statusCode).toBe(400);
    expect((await as(app, c.office).get('/api/inbox?kind=nope')).statusCode).toBe(400);
    expect((await as(app, c.office).get('/api/inbox?limit=101')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/inbox' })).statusCode).toBe(401);
  });
});

describe('notices: supervisors draft, the office submits, a leader approves from the inbox', () => {
  it('a supervisor drafts and edits but cannot submit or publish; submitting reaches the town’s leaders, not another town’s; approving closes it and tells the office', async () => {
    const p = await reported();
    const draft = await as(app, c.supervisor).post('/api/notices', {
      kind: 'supervision',
      title: '关于第一督查组督查情况的通报',
      issueDate: '2026-12-07',
      problemIds: [p.id],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    let n = draft.json();
    expect(n).toMatchObject({ state: 'draft', can: { edit: true, actions: [] } });
    expect((await as(app, c.supervisor).get('/api/notices/candidates')).statusCode).toBe(200);
    const sub = await as(app, c.supervisor).post(`/api/notices/${n.id}/actions/submit`, { version: n.version });
    expect(sub.statusCode).toBe(403);
    // The office sees the supervisor's draft, completes it and submits it.
    const office = (await as(app, c.office).get(`/api/notices/${n.id}`)).json();
    expect(office.can.actions.map((a: any) => a.action)).toEqual(['submit']);
    n = (await as(app, c.office).post(`/api/notices/${n.id}/actions/submit`, { version: n.version })).json();
    expect(n.state).toBe('submitted');
    const [it] = await itemsOf('leader', n.id);
    expect(it).toMatchObject({ kind: 'notice_approval', kindLabel: '通报待审批', link: `/notices/${n.id}`, owner: { type: 'role', label: '汀州镇 · 镇领导' } });
    expect(it.title).toContain('关于第一督查组督查情况的通报');
    const note = (
      await tdb.db.execute<{ title: string }>(
        sql`SELECT n.title FROM notifications n JOIN people pe ON pe.id = n.person_id WHERE pe.username = 'leader' AND n.kind = 'inbox' ORDER BY n.id DESC LIMIT 1`,
      )
    ).rows[0];
    expect(note.title).toContain('【通报待审批】');
    for (const who of ['leader2', 'office', 'office2', 'supervisor', 'county']) expect(await itemsOf(who, n.id)).toEqual([]);
    // Neither the supervisor nor the office can approve or publish.
    expect((await as(app, c.supervisor).post(`/api/notices/${n.id}/actions/approve`, { version: n.version })).statusCode).toBe(403);
    n = (await as(app, c.leader).post(`/api/notices/${n.id}/actions/approve`, { version: n.version })).json();
    expect(n.state).toBe('approved');
    expect(await itemsOf('leader', n.id)).toEqual([]);
    expect((await row('notice_approval', n.id))[0]).toMatchObject({ state: 'done', closed_note: '已审批' });
    const told = (
      await tdb.db.execute<{ person_id: number }>(sql`SELECT person_id FROM notifications WHERE kind = 'notice_decided' AND title LIKE '%审批通过%'`)
    ).rows.map((r) => r.person_id);
    expect(told).toEqual(expect.arrayContaining([town.people.office, pid.supervisor]));
    expect((await as(app, c.supervisor).post(`/api/notices/${n.id}/actions/publish`, { version: n.version })).statusCode).toBe(403);
    expect((await as(app, c.office).post(`/api/notices/${n.id}/actions/publish`, { version: n.version })).statusCode).toBe(200);
  });

  it('a rejection closes the leader’s item and tells the office; re-submitting opens a new one', async () => {
    const p = await reported();
    let n = (
      await as(app, c.office).post('/api/notices', { kind: 'supervision', title: '关于暗访情况的通报', issueDate: '2026-12-07', problemIds: [p.id] })
    ).json();
    n = (await as(app, c.office).post(`/api/notices/${n.id}/actions/submit`, { version: n.version })).json();
    n = (await as(app, c.leader).post(`/api/notices/${n.id}/actions/reject`, { version: n.version, note: '请补充照片' })).json();
    expect(n.state).toBe('draft');
    expect(await itemsOf('leader', n.id)).toEqual([]);
    n = (await as(app, c.office).post(`/api/notices/${n.id}/actions/submit`, { version: n.version })).json();
    expect(await itemsOf('leader', n.id)).toHaveLength(1);
    expect((await row('notice_approval', n.id)).map((r: any) => r.state)).toEqual(['done', 'open']);
  });

  it('publishing a notice that moves running problems’ deadlines answers the changes and changes nothing until confirmed', async () => {
    let running = await move('office', await reported(), 'file');
    running = await move('office', running, 'dispatch', { unitId: town.units.committeeA, dueDate: '2026-12-10' });
    const fresh = await reported();
    let n = (
      await as(app, c.office).post('/api/notices', {
        kind: 'supervision',
        title: '关于限期整改的通报',
        issueDate: '2026-12-07',
        dueDate: '2026-12-18',
        problemIds: [running.id, fresh.id],
      })
    ).json();
    n = (await as(app, c.office).post(`/api/notices/${n.id}/actions/submit`, { version: n.version })).json();
    n = (await as(app, c.leader).post(`/api/notices/${n.id}/actions/approve`, { version: n.version })).json();
    const refused = await as(app, c.office).post(`/api/notices/${n.id}/actions/publish`, { version: n.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { deadlineChanges: [{ problemId: running.id, code: running.code, oldDueDate: '2026-12-10', newDueDate: '2026-12-18' }] },
    });
    expect(refused.json().error.message).toContain('1 个');
    const still = (await as(app, c.office).get(`/api/problems/${running.id}`)).json();
    expect(still.dueDate).toBe('2026-12-10');
    expect((await as(app, c.office).get(`/api/notices/${n.id}`)).json()).toMatchObject({ state: 'approved', seq: null });
    const ok = await as(app, c.office).post(`/api/notices/${n.id}/actions/publish`, { version: n.version, confirmDeadlineChanges: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await as(app, c.office).get(`/api/problems/${running.id}`)).json().dueDate).toBe('2026-12-18');
  });
});

describe('rankings and 问责 wait on the town’s leaders', () => {
  it('a submitted ranking is the leaders’ item until approved', async () => {
    await closedProblem(tdb.db, {
      code: 'R-1',
      region: COMMUNITY_A,
      description: '测试',
      created: at('2026-11-03'),
      unit: null,
      due: '2026-11-10',
      closed: at('2026-11-09'),
      onTime: true,
    });
    const r = await as(app, c.office).post('/api/assessment/rankings/submit', { region: TOWN, kind: 'month', date: '2026-11-01' });
    expect(r.statusCode, r.body).toBe(201);
    const { id, version } = r.json();
    const [it] = await itemsOf('leader', id);
    expect(it).toMatchObject({ kind: 'ranking_approval', kindLabel: '排名待审批' });
    expect(await itemsOf('leader2', id)).toEqual([]);
    const a = await as(app, c.leader).post(`/api/assessment/rankings/${id}/actions/approve`, { version });
    expect(a.statusCode, a.body).toBe(200);
    expect((await itemsOf('leader', id)).filter((i) => i.kind === 'ranking_approval')).toEqual([]);
  });

  it('a 问责 item opened by the sweep waits for a leader’s decision, with a notification', async () => {
    const { id: p } = await closedProblem(tdb.db, {
      code: 'R-2',
      region: COMMUNITY_A,
      description: '测试',
      created: at('2026-11-03'),
      unit: town.units.committeeA,
      due: '2026-11-10',
      closed: at('2026-11-09'),
      onTime: true,
      rework: 3,
    });
    await runAccountabilitySweep(tdb.db, at('2026-12-07'));
    const a = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM accountability_items WHERE dedupe_key = ${`rework:${p}`}`)).rows[0];
    const [it] = await itemsOf('leader', a.id);
    expect(it).toMatchObject({ kind: 'accountability_decision', link: '/accountability' });
    const told = await tdb.db.execute(sql`SELECT 1 FROM notifications WHERE person_id = ${town.people.leader} AND dedupe_key = ${`inbox:${it.id}`}`);
    expect(told.rows).toHaveLength(1);
    const d = await as(app, c.leader).post(`/api/accountability/${a.id}/decision`, { decision: '约谈', decisionDate: '2026-12-07' });
    expect(d.statusCode, d.body).toBe(200);
    expect((await itemsOf('leader', a.id)).filter((i) => i.kind === 'accountability_decision')).toEqual([]);
  });
});

describe('existing pending things', () => {
  it('the start-up backfill gives them items once, while the inbox is empty', async () => {
    await tdb.db.execute(sql`DELETE FROM inbox_items`);
    const n = await backfillInbox(tdb.db);
    expect(n).toBeGreaterThan(0);
    const kinds = (await tdb.db.execute<{ kind: string }>(sql`SELECT DISTINCT kind FROM inbox_items ORDER BY kind`)).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['notice_approval', 'problem_accept']));
    expect(await backfillInbox(tdb.db)).toBe(0);
  });
});
