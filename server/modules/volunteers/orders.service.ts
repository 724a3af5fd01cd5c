// Residents' service orders (issue 17 item 4): 群众点单 → 中心(站)派单 →
// 志愿者接单 → 群众评单. A resident orders a service from a practice
// institute/station on the resident pages and gets a tracking code; the
// order waits in the station's inbox until a team takes it; the station
// dispatches it to one of its town's volunteer teams (or takes it back), the
// team's order is accepted and turned into an activity; the resident rates
// it once with the code. One transition table (domain/volunteers.ts
// ORDER_MOVES), optimistic concurrency on the order's version.
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { now, todayChina } from '../../platform/clock.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { addDays } from '../../../domain/dates.ts';
import { ORDER_KINDS, ORDER_STATE_LABELS, orderAgeDays, orderCode, orderMove, type OrderAction, type OrderState } from '../../../domain/volunteers.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { planActivity } from '../activities/index.ts';
import * as orepo from './orders.repository.ts';
import * as mrepo from './members.repository.ts';
import * as crepo from './checkin.repository.ts';
import { readerScope } from './members.service.ts';

/** The orders the caller reads: the regions of order.read, and those dispatched to a team they lead. */
const readScope = (db: Db, actor: Actor) => readerScope(db, actor, 'order.read');
/** The team's own account (its leader) answers an order dispatched to it: 接单 or 退回, never 派单. */
const TEAM_ACTIONS: readonly OrderAction[] = ['accept', 'return'];
const byTeam = (o: orepo.OrderRow, ledTeams: readonly number[]) => o.state === 'dispatched' && o.teamId !== null && ledTeams.includes(o.teamId);
/** How far ahead a resident may wish for a service. */
export const ORDER_MAX_DAYS_AHEAD = 90;

function view(actor: Actor, o: orepo.OrderRow, ledTeams: readonly number[], today = todayChina()) {
  const manage = can(actor, 'order.manage', { regionCode: o.regionCode });
  // the team that serves the order calls the resident: the leader sees the full number of an order dispatched to their team
  const team = o.teamId !== null && ledTeams.includes(o.teamId);
  const asTeam = byTeam(o, ledTeams);
  return {
    id: o.id,
    code: o.code,
    station: { id: o.stationId, name: o.stationName },
    regionCode: o.regionCode,
    kind: o.kind,
    wishedOn: o.wishedOn,
    wishedTime: o.wishedTime,
    place: o.place,
    contactName: o.contactName,
    contactPhone: manage || team ? o.contactPhone : (maskPhone(o.contactPhone) ?? ''),
    details: o.details,
    state: o.state as OrderState,
    stateLabel: ORDER_STATE_LABELS[o.state as OrderState] ?? o.state,
    team: o.teamId ? { id: o.teamId, name: o.teamName ?? '' } : null,
    activityId: o.activityId,
    returnReason: o.returnReason,
    rating: o.rating,
    ratingComment: o.ratingComment,
    createdAt: o.createdAt,
    ageDays: orderAgeDays(o.createdDay, today),
    version: o.version,
    can: {
      dispatch: manage && !!orderMove(o.state, 'dispatch'),
      accept: (manage || asTeam) && !!orderMove(o.state, 'accept'),
      return: (manage || asTeam) && !!orderMove(o.state, 'return'),
    },
  };
}

// ---- the resident's side (public) ----

export async function stations(db: Db) {
  return { items: await orepo.publicStations(db), kinds: [...ORDER_KINDS] };
}

export interface OrderInput {
  stationId: number;
  kind: string;
  wishedOn: string;
  wishedTime?: string | null;
  place: string;
  contactName: string;
  contactPhone: string;
  details?: string | null;
}

export async function create(db: Db, input: OrderInput) {
  const today = todayChina();
  if (input.wishedOn < today) throw fieldError('wishedOn', '期望日期不能早于今天');
  if (input.wishedOn > addDays(today, ORDER_MAX_DAYS_AHEAD)) throw fieldError('wishedOn', `期望日期最多在 ${ORDER_MAX_DAYS_AHEAD} 天内`);
  if (!(ORDER_KINDS as readonly string[]).includes(input.kind)) throw fieldError('kind', '请选择服务类别');
  const st = await orepo.station(db, input.stationId);
  if (!st) throw fieldError('stationId', '请选择新时代文明实践所（站）');
  const code = orderCode((n) => [...crypto.randomBytes(n)]);
  const id = await db.transaction(async (tx) => {
    const id = await orepo.insertOrder(tx, {
      code,
      stationId: st.id,
      townCode: st.regionCode.slice(0, 9),
      regionCode: st.regionCode,
      kind: input.kind,
      wishedOn: input.wishedOn,
      wishedTime: input.wishedTime ?? null,
      place: input.place,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      details: input.details ?? null,
      createdAt: now(),
    });
    await openItem(tx, {
      kind: 'service_order',
      regionCode: st.regionCode,
      owner: { unitId: st.id },
      subjectId: id,
      title: `${input.kind}（${input.wishedOn}，${input.place}）`,
    });
    await audit(tx, {
      actor: null,
      action: 'volunteer.order',
      entity: 'service_order',
      entityId: id,
      regionCode: st.regionCode,
      after: { code, stationId: st.id, kind: input.kind, wishedOn: input.wishedOn },
    });
    return id;
  });
  return { code, id };
}

async function byCode(db: Db, code: string) {
  const o = await orepo.byCode(db, code);
  if (!o) throw notFound('未找到该跟踪码的点单，请核对');
  return o;
}

export async function track(db: Db, code: string) {
  const o = await byCode(db, code);
  const a = o.activityId ? await crepo.activityBrief(db, o.activityId) : null;
  return {
    code: o.code,
    stationName: o.stationName,
    kind: o.kind,
    wishedOn: o.wishedOn,
    state: o.state as OrderState,
    stateLabel: ORDER_STATE_LABELS[o.state as OrderState] ?? o.state,
    teamName: o.teamName,
    activity: a ? { title: a.title, onDate: a.onDate, state: a.state } : null,
    rating: o.rating,
    createdAt: o.createdAt,
    canRate: o.state === 'accepted',
  };
}

/** 评单: once, after the order was taken; a second rating is 409. */
export async function rate(db: Db, code: string, input: { rating: number; comment?: string | null }) {
  const o = await byCode(db, code);
  if (o.state === 'rated') throw new AppError('DUPLICATE', '该点单已评价，不能重复评价');
  if (!orderMove(o.state, 'rate')) throw new AppError('INVALID_STATE', '志愿服务队接单后才能评价');
  await db.transaction(async (tx) => {
    if (!(await orepo.move(tx, o.id, o.state, null, { state: 'rated', rating: input.rating, ratingComment: input.comment ?? null, stamp: 'rated_at' })))
      throw new AppError('DUPLICATE', '该点单已评价，不能重复评价');
    await audit(tx, {
      actor: null,
      action: 'volunteer.rate_order',
      entity: 'service_order',
      entityId: o.id,
      regionCode: o.regionCode,
      after: { rating: input.rating, comment: input.comment ?? null },
    });
  });
  return track(db, code);
}

// ---- the station's side ----

export interface ListQuery extends orepo.OrderFilter {
  cursor?: string;
  limit?: number;
}

export async function list(db: Db, actor: Actor, q: ListQuery) {
  const scope = await readScope(db, actor);
  const limit = q.limit ?? 50;
  const rows = await orepo.listPage(db, q, scope, q.cursor ? idCursor.decode(q.cursor) : null, limit + 1);
  const page = pageOf(rows, limit, (last) => idCursor.encode(last.id));
  const today = todayChina();
  return { items: page.items.map((o) => view(actor, o, scope.teams, today)), nextCursor: page.nextCursor };
}

export async function get(db: Db, actor: Actor, id: number) {
  const scope = await readScope(db, actor);
  const o = await orepo.byId(db, id, scope);
  if (!o) throw notFound('该点单不存在或不在您的管辖范围内');
  return view(actor, o, scope.teams);
}

const ORDER_AUDIT: Record<OrderAction, string> = {
  dispatch: 'volunteer.dispatch_order',
  return: 'volunteer.return_order',
  accept: 'volunteer.accept_order',
  rate: 'volunteer.rate_order',
};

/**
 * One move of an order (dispatch, return, accept): visible (404), managed
 * (403: by the station's office or cadres, or, for 接单 and 退回 of an order
 * dispatched to their team, by the team's leader), the state's (409), the
 * version's (409). `fn` gets whether the team's own account moves it.
 */
async function move(
  db: Db,
  actor: Actor,
  id: number,
  action: OrderAction,
  version: number,
  fn: (o: orepo.OrderRow, asTeam: boolean) => Promise<Omit<orepo.Move, 'state'>>,
) {
  const scope = await readScope(db, actor);
  const o = await orepo.byId(db, id, scope);
  if (!o) throw notFound('该点单不存在或不在您的管辖范围内');
  const station = can(actor, 'order.manage', { regionCode: o.regionCode });
  const asTeam = !station && TEAM_ACTIONS.includes(action) && o.teamId !== null && scope.teams.includes(o.teamId);
  if (!station && !asTeam)
    throw new AppError(
      'FORBIDDEN',
      action === 'dispatch'
        ? '派单只能由实践站所在社区（或乡镇）的创城办、社区干部进行'
        : '只有实践站所在社区（或乡镇）的创城办、社区干部，或接到派单的志愿服务队队长，可以接单、退回',
    );
  if (o.version !== version) throw new AppError('CONFLICT');
  const m = orderMove(o.state, action);
  if (!m)
    throw new AppError(
      'INVALID_STATE',
      `该点单${ORDER_STATE_LABELS[o.state as OrderState] ?? ''}，不能${{ dispatch: '派单', return: '退回', accept: '接单', rate: '评价' }[action]}`,
    );
  const change = await fn(o, asTeam);
  await db.transaction(async (tx) => {
    if (!(await orepo.move(tx, id, o.state, version, { ...change, state: m.to }))) throw new AppError('CONFLICT');
    if (action === 'accept') await closeItems(tx, actor, id, ['service_order']);
    await audit(tx, {
      actor,
      action: ORDER_AUDIT[action],
      entity: 'service_order',
      entityId: id,
      regionCode: o.regionCode,
      before: { state: o.state, teamId: o.teamId },
      after: { state: m.to, ...change },
    });
  });
  // the order as it now is: a team that gave it back no longer reads it, but gets the answer to its move
  return view(actor, (await orepo.byId(db, id, 'all'))!, scope.teams);
}

/**
 * Who plans the activity when the team's own account takes the order: the
 * leader, acting for the team, may plan it only within the team's region
 * (the station organises it, the team co-organises; the audit row names the
 * leader). Nothing else is widened: this actor lives for that one call.
 */
async function teamPlanner(db: Db, actor: Actor, teamId: number): Promise<Actor> {
  const t = await mrepo.team(db, teamId);
  if (!t) throw new AppError('INVALID_STATE', '接单的志愿服务队已不存在');
  return { ...actor, grants: [{ role: 'community_staff', regionCode: t.regionCode, unitId: null }] };
}

/** 派单: to a volunteer team of the station's town. */
export function dispatch(db: Db, actor: Actor, id: number, input: { version: number; teamId: number }) {
  return move(db, actor, id, 'dispatch', input.version, async (o) => {
    const t = await mrepo.team(db, input.teamId);
    if (!t || !t.regionCode.startsWith(o.townCode)) throw fieldError('teamId', '请选择本镇的志愿服务队');
    return { teamId: t.id, stamp: 'dispatched_at' as const, returnReason: null };
  });
}

/** The team cannot serve it: back to the station, with the reason. */
export function giveBack(db: Db, actor: Actor, id: number, input: { version: number; reason: string }) {
  return move(db, actor, id, 'return', input.version, async () => ({ teamId: null, returnReason: input.reason }));
}

export interface AcceptInput {
  version: number;
  /** An activity already planned for it, or the plan of a new one organised by the station. */
  activityId?: number;
  plan?: { title: string; kindId: number; placeId: number; onDate: string };
}

/** 接单: the team takes it, and it becomes an activity (planned now through the activities register, or one already planned). */
export function accept(db: Db, actor: Actor, id: number, input: AcceptInput) {
  return move(db, actor, id, 'accept', input.version, async (o, asTeam) => {
    let activityId = input.activityId ?? null;
    if (activityId) {
      const a = await crepo.activityBrief(db, activityId);
      if (!a || a.townCode !== o.townCode || !codeInScope(a.regionCode, regionScope(actor, 'activity.read')))
        throw fieldError('activityId', '请选择本镇的活动');
      if (a.state === 'cancelled') throw fieldError('activityId', '该活动已取消');
    } else if (input.plan) {
      const planner = asTeam ? await teamPlanner(db, actor, o.teamId!) : actor;
      activityId = (await planActivity(db, planner, { ...input.plan, unitId: o.stationId, theme: null, festival: null, coUnitIds: o.teamId ? [o.teamId] : [] }))
        .id;
    } else throw fieldError('plan', '请填写要开展的活动，或选择已计划的活动');
    return { activityId, stamp: 'accepted_at' as const };
  });
}
