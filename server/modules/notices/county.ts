// The county office's own notices (县督查通报, 县创城周报), issued to its towns
// in the system instead of on paper: no leader step at county level. Issuing
// numbers the notice per (county, kind, year), splits its items by town and
// gives each town a received notice whose items become the town's problems
// (filed and sent to their category's route for the county: received.ts
// receiveInto), then tells each town office — all in one transaction. The
// county follows each town's progress and its 整改情况反馈; a town sends that
// feedback on its copy. Towns of another county see nothing of it.
import type { Db } from '../../db/pool.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { iso } from '../../platform/time.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { countyDocNumber, issueLabel, NOTICE_KIND_LABELS, type ReceivedKind } from '../../../domain/notices/vocab.ts';
import { todayChina } from '../calendar/index.ts';
import { notify, peopleWithRoles } from '../notifications/index.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import type { LocationConfig } from '../problems/index.ts';
import { receiveInto, type ReceivedItem } from './received.ts';
import { load } from './notices.service.ts';
import * as repo from './notices.repository.ts';
import * as county from './county.repository.ts';

export interface CountyNoticeInput {
  kind: ReceivedKind;
  title: string;
  issuer?: string | null;
  issueDate: string;
  dueDate?: string | null;
  intro?: string | null;
  items: Omit<ReceivedItem, 'position'>[];
}

/** The counties whose own notices the actor reads: those they issue for (the county office; a global admin all). */
function countyScope(actor: Actor): 'all' | string[] {
  const issue = regionScope(actor, 'notice.county_issue');
  return issue === 'all' ? 'all' : issue.filter((p) => p.length <= 6);
}
const readsCounty = (actor: Actor, code: string) => {
  const s = countyScope(actor);
  return s === 'all' || s.some((p) => code.startsWith(p));
};

export async function issue(db: Db, actor: Actor, input: CountyNoticeInput, cfg: LocationConfig) {
  authorize(actor, 'notice.county_issue');
  const counties = new Set(input.items.map((i) => i.regionCode.slice(0, 6)));
  if (counties.size !== 1) throw fieldError('items', '一份县级通报的问题须属于同一个县');
  const code = [...counties][0];
  // Every item must be a community of a county the actor issues for: refused item by item, never created elsewhere.
  const mine = can(actor, 'notice.county_issue', { regionCode: code });
  const known = mine
    ? await county.communitiesOf(
        db,
        code,
        input.items.map((i) => i.regionCode.slice(0, 12)),
      )
    : new Map<string, string>();
  input.items.forEach((it, k) => {
    if (!known.has(it.regionCode.slice(0, 12))) throw fieldError(`items.${k}.regionCode`, '该社区不存在或不在本县范围内');
  });
  // A deadline already past would leave every item undispatched in the towns: refused here, where it can be fixed.
  const today = todayChina();
  if (input.dueDate && input.dueDate < today) throw fieldError('dueDate', '整改期限不能早于今天');
  input.items.forEach((it, k) => {
    if (it.dueDate && it.dueDate < today) throw fieldError(`items.${k}.dueDate`, '整改期限不能早于今天');
  });
  const { name, towns } = await county.countyTowns(db, code);
  const issuer = input.issuer?.trim() || `${name ?? ''}创城办`;
  const year = Number(input.issueDate.slice(0, 4));
  const byTown = new Map<string, ReceivedItem[]>();
  input.items.forEach((it, k) => {
    const t = it.regionCode.slice(0, 9);
    (byTown.get(t) ?? byTown.set(t, []).get(t)!).push({ ...it, position: k });
  });
  return db.transaction(async (tx) => {
    const seq = await repo.nextNumber(tx, code, input.kind, year);
    const docNumber = countyDocNumber(input.kind, issuer, year, seq);
    const publishedAt = clockNow();
    const id = await repo.insertNotice(tx, {
      direction: 'county',
      kind: input.kind,
      townCode: code,
      year,
      seq,
      docNumber,
      title: input.title,
      issuer,
      issueDate: input.issueDate,
      dueDate: input.dueDate ?? null,
      intro: input.intro ?? null,
      state: 'published',
      createdBy: actor.personId,
      publishedAt,
    });
    const copies: { town: string; id: number; problems: number }[] = [];
    for (const [town, items] of byTown) {
      const r = await receiveInto(
        tx,
        actor,
        town,
        { kind: input.kind, docNumber, title: input.title, issuer, issueDate: input.issueDate, dueDate: input.dueDate ?? null, items },
        cfg,
        { parentId: id, publishedAt },
      );
      copies.push({ town, id: r.id, problems: r.problemIds.length });
      // The town office owes the county its feedback: an inbox item until it is sent, due with the notice.
      await openItem(tx, {
        kind: 'county_notice_feedback',
        regionCode: town,
        owner: { role: 'office_staff', regionCode: town },
        subjectId: r.id,
        title: `${issuer}${docNumber}「${input.title}」`,
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
        notify: false,
      });
      await notify(tx, await peopleWithRoles(tx, town, ['office_staff', 'town_leader']), {
        kind: 'notice',
        title: `${issuer}下发${NOTICE_KIND_LABELS[input.kind]}：${input.title}`,
        body: `${docNumber}列出${towns.get(town) ?? '本镇'} ${r.problemIds.length} 个问题，已立案并按问题类别派遣，请督促整改并报送整改情况反馈`,
        dedupeKey: `county-notice:${r.id}`,
      });
    }
    await audit(tx, { actor, action: 'notice.county_issue', entity: 'notice', entityId: id, regionCode: code, after: { ...input, docNumber, copies } });
    return { id };
  });
}

function present(n: county.CountyNoticeRow) {
  return {
    id: n.id,
    kind: n.kind as ReceivedKind,
    kindLabel: NOTICE_KIND_LABELS[n.kind as ReceivedKind],
    countyCode: n.town_code,
    year: n.year,
    seq: n.seq,
    issueLabel: n.seq ? issueLabel(n.year, n.seq) : null,
    docNumber: n.doc_number,
    title: n.title,
    issuer: n.issuer,
    issueDate: n.issue_date,
    dueDate: n.due_date,
    intro: n.intro,
    publishedAt: iso(n.published_at),
    createdAt: iso(n.created_at)!,
    progress: { towns: n.towns, items: n.items, closed: n.closed, fedBack: n.fed_back },
  };
}

export async function list(db: Db, actor: Actor, q: { cursor?: string; limit?: number }) {
  const scope = countyScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN', '只有县创城办可以查看县级通报');
  const limit = q.limit ?? 50;
  const rows = await county.listCounty(db, scope, limit, q.cursor ? idCursor.decode(q.cursor) : null);
  const page = pageOf(rows, limit, (last) => idCursor.encode(last.id));
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function get(db: Db, actor: Actor, id: number) {
  const n = await county.countyNotice(db, id);
  if (!n || !readsCounty(actor, n.town_code)) throw notFound('该通报不存在或不在您的管辖范围内');
  const copies = await county.townCopies(db, id, todayChina());
  return {
    ...present(n),
    towns: copies.map((c) => ({
      noticeId: c.id,
      townCode: c.town_code,
      townName: c.town_name ?? c.town_code,
      items: c.items,
      closed: c.closed,
      overdue: c.overdue_open,
      feedback: c.feedback_at ? { note: c.feedback_note ?? '', at: iso(c.feedback_at)!, byName: c.feedback_by_name } : null,
    })),
  };
}

/** A town office sends (or sends again) its 整改情况反馈 on its copy of a county notice; the county office is told. */
export async function feedback(db: Db, actor: Actor, id: number, input: { version: number; note: string }) {
  return db.transaction(async (tx) => {
    const n = await load(tx, actor, id, true);
    if (n.direction !== 'received' || n.parent_id === null) throw new AppError('INVALID_STATE', '只有县创城办在系统中下发的通报可以在系统中反馈');
    authorize(actor, 'notice.compose', { regionCode: n.town_code });
    if (!(await county.setFeedback(tx, id, input.version, { note: input.note, by: actor.personId, at: clockNow() }))) {
      throw new AppError('CONFLICT', '该通报刚被他人处理过，请刷新后重试');
    }
    await closeItems(tx, actor, id, ['county_notice_feedback'], 'done', '已报送反馈');
    const parent = (await county.parentOf(tx, id))!;
    const town = (await county.countyTowns(tx, parent.town_code)).towns.get(n.town_code) ?? n.town_code;
    await notify(tx, [parent.created_by, ...(await peopleWithRoles(tx, parent.town_code, ['county_viewer']))], {
      kind: 'notice',
      title: `${town}报送了整改情况反馈：${parent.title}`,
      body: input.note.slice(0, 200),
      dedupeKey: `county-feedback:${id}:${n.version + 1}`,
    });
    await audit(tx, {
      actor,
      action: 'notice.feedback',
      entity: 'notice',
      entityId: id,
      regionCode: n.town_code,
      before: { feedback: n.feedback_note },
      after: { feedback: input.note, parentId: parent.id },
    });
    return { id };
  });
}
