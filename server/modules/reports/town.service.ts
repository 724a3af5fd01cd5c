// The town's own reports: the daily report (镇级每日创城工作情况汇报) and the
// weekly report (创城周报). A draft is made from the records (and, for the
// daily one, the community reports) by the office or at the town's draft time
// (runTownDrafts); the office edits the text around the figures and publishes
// it, which gives it the next 期数 of its town, kind and year (counter row
// locked in the publishing transaction: no gaps, no 文号). A published report
// is never edited: a correction is a new revision with its reason, keeping
// the 期数, and the one it replaces is marked superseded.
import type { Db, Tx } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { cutoffInstant, issueLabel, TOWN_REPORT_KIND_LABELS, weekStart, type ReportBody, type TownReportKind } from '../../../domain/reports.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { todayChina } from '../calendar/index.ts';
import * as repo from './town.repository.ts';
import * as drepo from './daily.repository.ts';
import { missingDailyReports, settingsFor } from './daily.service.ts';
import { townFactsText } from './town.text.ts';
import { readAll } from '../../db/reads.ts';

export type TownFacts = Awaited<ReturnType<typeof buildFacts>>;

/** Everything a town report shows for [from, to], from the records. */
export async function buildFacts(db: Db | Tx, town: string, from: string, to: string, kind: TownReportKind) {
  const [byCommunity, byCategory, worstPlaces, patrols, supervision, noticesIssued, ranking, typicalProblems, reports] = await readAll(db, [
    () => repo.problemCounts(db, town, from, to, 'community'),
    () => repo.problemCounts(db, town, from, to, 'category'),
    () => repo.worstPlaces(db, town, from, to, 10),
    () => repo.compliance(db, town, from, to, 'patrol'),
    () => repo.compliance(db, town, from, to, 'supervision'),
    () => repo.noticesIssued(db, town, from, to),
    () => repo.latestRanking(db, town, to),
    () => repo.typicalProblems(db, town, from, to, kind === 'weekly' ? 40 : 10),
    () => missingDailyReports(db, town, from, to, cutoffInstant(to, '23:59')),
  ]);
  const sum = (k: 'found' | 'closed' | 'overdue') => byCommunity.reduce((s, r) => s + r[k], 0);
  const rate = (c: { done: number; missed: number }) => (c.done + c.missed ? Math.round((c.done / (c.done + c.missed)) * 1000) / 10 : null);
  return {
    problems: { found: sum('found'), closed: sum('closed'), overdue: sum('overdue') },
    byCommunity,
    byCategory,
    worstPlaces,
    patrols: { ...patrols, rate: rate(patrols) },
    supervision: { ...supervision, rate: rate(supervision) },
    noticesIssued,
    ranking,
    communityReports: {
      owed: reports.submitted + reports.items.length,
      submitted: reports.submitted,
      late: reports.late,
      missing: [...new Set(reports.items.map((i) => i.communityName ?? i.communityCode))],
    },
    typicalProblems,
  };
}

const periodOf = (kind: TownReportKind, day: string) => (kind === 'daily' ? { from: day, to: day } : { from: weekStart(day), to: addDays(weekStart(day), 6) });
const titleOf = (kind: TownReportKind, townName: string, from: string, to: string) =>
  kind === 'daily' ? `${townName}${from}创城工作情况汇报` : `${townName}创城周报（${from}至${to}）`;

const view = (r: repo.TownReportRow) => ({
  id: r.id,
  kind: r.kind as TownReportKind,
  townCode: r.town_code,
  townName: r.town_name,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  year: r.year,
  seq: r.seq,
  issue: r.seq ? issueLabel(r.year, r.seq) : null,
  revision: r.revision,
  state: r.state as 'draft' | 'published' | 'superseded',
  title: r.title,
  correctionReason: r.correction_reason,
  publishedAt: r.published_at,
  version: r.version,
});
const detail = (actor: Actor, r: repo.TownReportRow) => {
  const manage = can(actor, 'report.manage', { regionCode: r.town_code });
  return {
    ...view(r),
    body: r.body as ReportBody,
    facts: r.facts as TownFacts,
    previousId: r.previous_id,
    can: { edit: manage && r.state === 'draft', publish: manage && r.state === 'draft', correct: manage && r.state === 'published' },
  };
};

function townInScope(actor: Actor, town: string, path: string) {
  if (town.length !== 9) throw fieldError(path, '请选择乡镇');
  if (!codeInScope(town, regionScope(actor, 'report.manage'))) throw notFound('乡镇不存在或不在您的管辖范围内');
}

/** Make (or find) the draft of a town's report for the period holding `day`; actor null: the draft job. */
async function makeDraft(db: Db, actor: Actor | null, kind: TownReportKind, town: string, day: string) {
  const region = await drepo.regionRow(db, town);
  if (!region || region.level !== 'town') throw fieldError('body.townCode', '乡镇不存在');
  const { from, to } = periodOf(kind, day);
  const existing = await repo.latestFor(db, town, kind, from);
  if (existing) return { row: existing, created: false };
  const facts = await buildFacts(db, town, from, to, kind);
  const body = townFactsText(kind, region.name, from, to, facts);
  const id = await db.transaction(async (tx) => {
    const v = {
      kind,
      townCode: town,
      periodFrom: from,
      periodTo: to,
      year: Number(from.slice(0, 4)),
      seq: null,
      revision: 1,
      state: 'draft',
      title: titleOf(kind, region.name, from, to),
      body,
      facts,
      correctionReason: null,
      previousId: null,
      createdBy: actor?.personId ?? null,
      publishedBy: null,
      publishedAt: null,
    };
    const id = await repo.insert(tx, v);
    if (id !== null) await audit(tx, { actor, action: 'town_report.draft', entity: 'town_report', entityId: id, regionCode: town, after: { kind, from, to } });
    return id;
  });
  const row = id === null ? await repo.latestFor(db, town, kind, from) : await repo.byId(db, id, 'all');
  return { row: row!, created: id !== null };
}

export async function draft(db: Db, actor: Actor, b: { kind: TownReportKind; townCode: string; day: string }) {
  authorize(actor, 'report.manage');
  townInScope(actor, b.townCode, 'body.townCode');
  if (b.day > todayChina()) throw fieldError('body.day', '不能起草今天以后的报告');
  const { row, created } = await makeDraft(db, actor, b.kind, b.townCode, b.day);
  return { created, report: detail(actor, row) };
}

async function load(db: Db, actor: Actor, id: number, action: 'report.read' | 'report.manage' = 'report.read') {
  authorize(actor, action);
  const r = await repo.byId(db, id, regionScope(actor, 'report.read'));
  if (!r) throw notFound('报告不存在');
  if (action === 'report.manage' && !can(actor, 'report.manage', { regionCode: r.town_code })) throw new AppError('FORBIDDEN');
  return r;
}

export const get = async (db: Db, actor: Actor, id: number) => detail(actor, await load(db, actor, id));

const PUBLISHED = '已发布的报告不能修改；如需更正，请提交更正版本并说明原因';

export async function edit(db: Db, actor: Actor, id: number, b: { version: number; title: string; body: ReportBody; refresh?: boolean }) {
  const cur = await load(db, actor, id, 'report.manage');
  if (cur.state !== 'draft') throw new AppError('INVALID_STATE', PUBLISHED);
  const facts = b.refresh ? await buildFacts(db, cur.town_code, cur.period_from, cur.period_to, cur.kind as TownReportKind) : cur.facts;
  await db.transaction(async (tx) => {
    if (!(await repo.updateDraft(tx, id, b.version, { title: b.title, body: b.body, facts }))) {
      const now = await repo.lock(tx, id);
      throw now && now.state !== 'draft' ? new AppError('INVALID_STATE', PUBLISHED) : new AppError('CONFLICT');
    }
    await audit(tx, {
      actor,
      action: 'town_report.edit',
      entity: 'town_report',
      entityId: id,
      regionCode: cur.town_code,
      before: { title: cur.title, body: cur.body },
      after: b,
    });
  });
  return get(db, actor, id);
}

export async function publish(db: Db, actor: Actor, id: number, version: number) {
  const cur = await load(db, actor, id, 'report.manage');
  await db.transaction(async (tx) => {
    const r = await repo.lock(tx, id);
    if (!r || r.state !== 'draft') throw new AppError('INVALID_STATE', '该报告已发布');
    if (r.version !== version) throw new AppError('CONFLICT');
    const seq = await repo.nextSeq(tx, r.town_code, r.kind, r.year);
    await repo.markPublished(tx, id, seq, actor.personId, now());
    await audit(tx, {
      actor,
      action: 'town_report.publish',
      entity: 'town_report',
      entityId: id,
      regionCode: cur.town_code,
      after: { seq, issue: issueLabel(r.year, seq) },
    });
  });
  return get(db, actor, id);
}

export async function correct(db: Db, actor: Actor, id: number, b: { version: number; reason: string; title: string; body: ReportBody }) {
  const cur = await load(db, actor, id, 'report.manage');
  const newId = await db.transaction(async (tx) => {
    const r = await repo.lock(tx, id);
    if (!r || r.state !== 'published') throw new AppError('INVALID_STATE', '只能更正已发布的最新版本');
    if (r.version !== b.version) throw new AppError('CONFLICT');
    await repo.markSuperseded(tx, id);
    const newId = await repo.insert(tx, {
      kind: r.kind,
      townCode: r.town_code,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      year: r.year,
      seq: r.seq,
      revision: r.revision + 1,
      state: 'published',
      title: b.title,
      body: b.body,
      facts: r.facts,
      correctionReason: b.reason,
      previousId: id,
      createdBy: actor.personId,
      publishedBy: actor.personId,
      publishedAt: now(),
    });
    if (newId === null) throw new AppError('CONFLICT');
    await audit(tx, {
      actor,
      action: 'town_report.correct',
      entity: 'town_report',
      entityId: newId,
      regionCode: cur.town_code,
      before: { id, title: r.title, body: r.body },
      after: b,
    });
    return newId;
  });
  return get(db, actor, newId);
}

export async function list(
  db: Db,
  actor: Actor,
  f: { kind?: TownReportKind; region?: string; from?: string; to?: string; state?: string; cursor?: string; limit: number },
) {
  authorize(actor, 'report.read');
  const after = f.cursor ? decodeCursor(f.cursor, (k): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1])) : null;
  const rows = await repo.list(db, regionScope(actor, 'report.read'), { ...f, after });
  const { items, nextCursor } = pageOf(rows, f.limit, (l) => encodeCursor([l.period_from, l.id]));
  return { items: items.map(view), nextCursor };
}

/**
 * The draft job: each town whose draft time has passed today and has no daily
 * report for today gets its draft (idempotent: the unique index keeps one).
 */
export async function runTownDrafts(db: Db, at: Date = now()) {
  const today = todayChina(at);
  const [towns, have] = await readAll(db, [() => drepo.towns(db, ''), () => repo.townsWithDaily(db, today)]);
  let drafted = 0;
  for (const t of towns) {
    if (have.has(t.code)) continue;
    const s = await settingsFor(db, t.code);
    if (cutoffInstant(today, s.draftAt).getTime() > at.getTime()) continue;
    if ((await drepo.communities(db, t.code)).length === 0) continue;
    if ((await makeDraft(db, null, 'daily', t.code, today)).created) drafted++;
  }
  return { drafted, kindLabel: TOWN_REPORT_KIND_LABELS.daily };
}
