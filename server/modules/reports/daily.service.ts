// Community daily reports (社区每日创城情况汇报): one per community and day,
// pre-filled from the day's records, with the cadre's text and photos. After
// the town's cut-off a report is still accepted and marked late; two cadres
// saving at once get one report, the second a 409 carrying it. Missing ones
// (owed, cut-off passed, none submitted) are listed and scored by the
// assessment's daily_report_missing rules (missingDailyReports).
import type { Db, Tx } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { DEFAULT_REPORT_SETTINGS, dueDays, isLate, reportOwed, cutoffInstant, type DailyFacts, type ReportSettings } from '../../../domain/reports.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { attach, attachmentCounts, attachmentsOf } from '../files/index.ts';
import { figures } from '../figures/index.ts';
import * as repo from './daily.repository.ts';
import { readAll } from '../../db/reads.ts';

// ---- settings ----

const settingsView = (town: string, r: repo.SettingsRow | null) =>
  r
    ? { townCode: town, cutoff: r.cutoff, restDays: r.rest_days, draftAt: r.draft_at, version: r.version }
    : { townCode: town, ...DEFAULT_REPORT_SETTINGS, version: 0 };

/** A town's settings, the defaults when it saved none. */
export async function settingsFor(q: Db | Tx, town: string): Promise<ReportSettings> {
  return settingsView(town, await repo.settings(q, town));
}

/** A town of the caller's scope for `action` (404 otherwise: another town's settings are not there for them). */
function townOf(actor: Actor, action: 'report.read' | 'report.manage', townCode: string, path: string) {
  if (townCode.length !== 9) throw fieldError(path, '请选择乡镇');
  if (!codeInScope(townCode, regionScope(actor, action))) throw notFound('乡镇不存在或不在您的管辖范围内');
  return townCode;
}

export async function getSettings(db: Db, actor: Actor, townCode: string) {
  authorize(actor, 'report.read');
  townOf(actor, 'report.read', townCode, 'querystring.town');
  return settingsView(townCode, await repo.settings(db, townCode));
}

export async function saveSettings(db: Db, actor: Actor, s: ReportSettings & { townCode: string; version: number }) {
  authorize(actor, 'report.manage');
  townOf(actor, 'report.manage', s.townCode, 'body.townCode');
  if (!(await repo.regionRow(db, s.townCode))) throw fieldError('body.townCode', '乡镇不存在');
  await db.transaction(async (tx) => {
    const before = await repo.settings(tx, s.townCode);
    if (!(await repo.saveSettings(tx, s.townCode, s.version, s))) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'report_settings.save', entity: 'report_settings', entityId: s.townCode, regionCode: s.townCode, before, after: s });
  });
  return settingsView(s.townCode, await repo.settings(db, s.townCode));
}

// ---- the form and the report ----

/** The registers' figures a daily form shows besides its own counts (null until their register exists). */
async function registryFacts(db: Db | Tx, community: string, day: string) {
  const f = await figures(db as Db, community, { from: day, to: day }, ['publicity.door_to_door', 'campaigns.sanitation']);
  return {
    publicity: f.find((x) => x.id === 'publicity.door_to_door')?.value ?? null,
    campaigns: f.find((x) => x.id === 'campaigns.sanitation')?.value ?? null,
  };
}

/** What the community did on `day`: the form's pre-filled part, and what a report keeps as submitted. */
export async function dayFacts(db: Db | Tx, community: string, day: string): Promise<DailyFacts> {
  const [own, reg] = await readAll(db, [() => repo.dayFacts(db, community, day), () => registryFacts(db, community, day)]);
  return { ...(own as Omit<DailyFacts, 'publicity' | 'campaigns'>), ...reg };
}

/** A community the caller submits reports for (report.submit over it). */
async function community(db: Db | Tx, actor: Actor, code: string, path: string) {
  if (code.length !== 12) throw fieldError(path, '请选择社区');
  if (!codeInScope(code, regionScope(actor, 'report.submit'))) throw fieldError(path, '该社区不在您的管辖范围内');
  const r = await repo.regionRow(db, code);
  if (!r || r.level !== 'community') throw fieldError(path, '社区不存在');
  return r;
}

function checkDay(day: string, path: string) {
  if (day > todayChina()) throw fieldError(path, '不能报送今天以后的日报');
}

const view = (r: repo.DailyRow, photos = 0) => ({
  id: r.id,
  townCode: r.town_code,
  communityCode: r.community_code,
  communityName: r.community_name,
  day: r.day,
  facts: r.facts as DailyFacts,
  body: r.body,
  submittedByName: r.submitted_by_name,
  submittedAt: r.submitted_at,
  late: r.late,
  version: r.version,
  photos,
});

async function detail(db: Db | Tx, actor: Actor, r: repo.DailyRow) {
  const { photos: _p, ...v } = view(r);
  return { ...v, attachments: await attachmentsOf(db, 'daily_report', r.id), can: { edit: can(actor, 'report.submit', { regionCode: r.community_code }) } };
}

export async function form(db: Db, actor: Actor, communityCode: string, day: string) {
  authorize(actor, 'report.submit');
  const c = await community(db, actor, communityCode, 'querystring.communityCode');
  checkDay(day, 'querystring.day');
  const [s, cal, facts, existing] = await readAll(db, [
    () => settingsFor(db, c.code.slice(0, 9)),
    () => getCalendar(db),
    () => dayFacts(db, c.code, day),
    () => repo.byDay(db, c.code, day),
  ]);
  return {
    communityCode: c.code,
    communityName: c.name,
    day,
    cutoff: s.cutoff,
    owed: reportOwed(day, s, cal),
    lateIfNow: isLate(day, s.cutoff, now()),
    facts,
    report: existing ? await detail(db, actor, existing) : null,
  };
}

/** 409 carrying the report as it now is, so the second cadre sees what the first saved. */
async function conflictWith(db: Db, actor: Actor, r: repo.DailyRow | null, message: string) {
  return new AppError('CONFLICT', message, undefined, { latest: r ? await detail(db, actor, r) : null });
}

export async function submit(db: Db, actor: Actor, b: { communityCode: string; day: string; body: string; photoIds?: number[] }) {
  authorize(actor, 'report.submit');
  const c = await community(db, actor, b.communityCode, 'body.communityCode');
  checkDay(b.day, 'body.day');
  const s = await settingsFor(db, c.code.slice(0, 9));
  const facts = await dayFacts(db, c.code, b.day);
  const at = now();
  const id = await db.transaction(async (tx) => {
    const v = {
      townCode: c.code.slice(0, 9),
      communityCode: c.code,
      day: b.day,
      facts,
      body: b.body,
      submittedBy: actor.personId,
      submittedByName: actor.name,
      submittedAt: at,
      late: isLate(b.day, s.cutoff, at),
    };
    const id = await repo.insert(tx, v);
    if (id === null) return null;
    await attach(tx, actor, 'daily_report', id, { photoIds: b.photoIds ?? [] });
    await audit(tx, { actor, action: 'daily_report.submit', entity: 'daily_report', entityId: id, regionCode: c.code, after: { ...v, photoIds: b.photoIds } });
    return id;
  });
  if (id === null) throw await conflictWith(db, actor, await repo.byDay(db, c.code, b.day), `${c.name} ${b.day} 的日报已由他人提交，请在此基础上修改`);
  return detail(db, actor, (await repo.byId(db, id, 'all'))!);
}

export async function edit(db: Db, actor: Actor, id: number, b: { version: number; body: string; photoIds?: number[] }) {
  authorize(actor, 'report.submit');
  const cur = await repo.byId(db, id, regionScope(actor, 'report.read'));
  if (!cur) throw notFound('日报不存在');
  if (!can(actor, 'report.submit', { regionCode: cur.community_code })) throw new AppError('FORBIDDEN', '只有本社区的干部可以修改本社区的日报');
  const ok = await db.transaction(async (tx) => {
    if (!(await repo.update(tx, id, b.version, b.body))) return false;
    await attach(tx, actor, 'daily_report', id, { photoIds: b.photoIds });
    await audit(tx, { actor, action: 'daily_report.edit', entity: 'daily_report', entityId: id, regionCode: cur.community_code, before: cur, after: b });
    return true;
  });
  if (!ok) throw await conflictWith(db, actor, await repo.byId(db, id, 'all'), '日报已被他人修改，请在最新内容上修改');
  return detail(db, actor, (await repo.byId(db, id, 'all'))!);
}

export async function get(db: Db, actor: Actor, id: number) {
  authorize(actor, 'report.read');
  const r = await repo.byId(db, id, regionScope(actor, 'report.read'));
  if (!r) throw notFound('日报不存在');
  return detail(db, actor, r);
}

/** Reports visible to the caller, newest day first (a community cadre: their community's). */
export async function list(db: Db, actor: Actor, f: { region?: string; from?: string; to?: string; late?: boolean; cursor?: string; limit: number }) {
  authorize(actor, 'report.read');
  const after = f.cursor ? decodeCursor(f.cursor, (k): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1])) : null;
  const rows = await repo.list(db, regionScope(actor, 'report.read'), { ...f, after });
  const { items, nextCursor } = pageOf(rows, f.limit, (l) => encodeCursor([l.day, l.id]));
  const counts = new Map(
    (
      await attachmentCounts(
        db,
        'daily_report',
        items.map((r) => r.id),
      )
    ).map((c) => [Number(c.owner_id), c.photos]),
  );
  return { items: items.map((r) => view(r, counts.get(r.id) ?? 0)), nextCursor };
}

export interface MissingReport {
  townCode: string;
  communityCode: string;
  communityName: string | null;
  day: string;
}

/**
 * The community reports missing under `region` in [from, to]: owed (a working
 * day, or any day where the town says so), the cut-off passed at `at`, and none
 * submitted. Also what was submitted and how many late.
 */
export async function missingDailyReports(db: Db | Tx, region: string, from: string, to: string, at: Date = now()) {
  const [cal, comms, subs] = await readAll(db, [() => getCalendar(db), () => repo.communities(db, region), () => repo.submitted(db, region, from, to)]);
  const have = new Set(subs.map((s) => `${s.community_code}|${s.day}`));
  const byTown = new Map<string, string[]>();
  const items: MissingReport[] = [];
  for (const c of comms) {
    const town = c.code.slice(0, 9);
    let days = byTown.get(town);
    if (!days) byTown.set(town, (days = dueDays(from, to, await settingsFor(db, town), cal, at)));
    for (const d of days) if (!have.has(`${c.code}|${d}`)) items.push({ townCode: town, communityCode: c.code, communityName: c.name, day: d });
  }
  items.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.communityCode < b.communityCode ? -1 : 1));
  return { items, submitted: subs.length, late: subs.filter((s) => s.late).length };
}

/** The assessment's facts: missing reports of days before `today` (a day is scored once it is over). */
export async function missingBefore(db: Db | Tx, region: string, from: string, to: string, today: string) {
  const end = to < today ? to : addDays(today, -1);
  if (end < from) return [];
  return (await missingDailyReports(db, region, from, end, cutoffInstant(end, '23:59'))).items;
}

export async function missing(db: Db, actor: Actor, q: { region?: string; from?: string; to?: string }) {
  authorize(actor, 'report.read');
  const scope = regionScope(actor, 'report.read');
  let region = q.region;
  if (!region) {
    if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.region', '请选择区划');
    region = scope[0];
  }
  if (!codeInScope(region, scope)) throw notFound('区划不存在或不在您的管辖范围内');
  const to = q.to ?? todayChina();
  const from = q.from ?? addDays(to, -6);
  if (from > to) throw fieldError('querystring.from', '开始日期不能晚于结束日期');
  if (addDays(from, 92) < to) throw fieldError('querystring.to', '一次最多查询 93 天');
  const r = await missingDailyReports(db, region, from, to);
  return { from, to, ...r, items: r.items.map(({ townCode: _t, ...i }) => i) };
}

/** Who may see a daily report's photos: whoever reads the report. */
export async function dailyVisible(db: Db, actor: Actor, id: number) {
  return (await repo.byId(db, id, regionScope(actor, 'report.read'))) !== null;
}
