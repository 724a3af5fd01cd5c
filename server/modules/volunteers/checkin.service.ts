// Sign-up and check-in on the phone (issue 17 item 3). A volunteer sees the
// planned activities of their teams' towns and signs up; at the activity the
// organiser opens a 6-digit code (and its QR) valid for that activity only,
// while it runs (domain/volunteers.ts CHECKIN); the volunteer checks in and
// out; the check-out writes a pending service record the organiser confirms.
// A second check-in (or check-out) is a replay answered with the first, never
// a second record; a wrong code is counted per person and per activity, and
// past either limit every attempt is 429 whatever the code.
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { audit, auditValues } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { now, todayChina } from '../../platform/clock.ts';
import { countHit } from '../../platform/rate-limit-store.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { CHECKIN, checkinUrl, checkinWindow, hoursOf, servedMinutes } from '../../../domain/volunteers.ts';
import { readScope } from './members.service.ts';
import { itemView, organisedActivity } from './records.service.ts';
import * as crepo from './checkin.repository.ts';
import * as mrepo from './members.repository.ts';
import * as srepo from './service.repository.ts';
import { readAll } from '../../db/reads.ts';

const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
const codeView = (activityId: number, c: crepo.CodeRow) => ({
  activityId,
  code: c.code,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  url: checkinUrl(activityId, c.code),
});

/** The organiser opens (or renews) the activity's code for the time it runs, on its day. */
export async function openCode(db: Db, actor: Actor, activityId: number, input: { startsAt: string; endsAt: string }) {
  authorize(actor, 'volunteer.manage');
  const a = await organisedActivity(db, actor, activityId, 'activityId');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (chinaDay(startsAt) !== a.onDate) throw fieldError('startsAt', `签到时间应在活动当天（${a.onDate}）`);
  if (endsAt <= startsAt) throw fieldError('endsAt', '结束时间应晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > CHECKIN.maxRunHours * 3600_000) throw fieldError('endsAt', `签到时段最长 ${CHECKIN.maxRunHours} 小时`);
  if (endsAt < now()) throw fieldError('endsAt', '结束时间已过：签到码只在活动进行期间有效');
  const code = { code: String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'), startsAt, endsAt };
  await db.transaction(async (tx) => {
    await crepo.setCode(tx, a.id, code, actor.personId);
    await audit(tx, {
      actor,
      action: 'volunteer.checkin_code',
      entity: 'activity',
      entityId: a.id,
      regionCode: a.regionCode,
      after: { startsAt, endsAt },
    });
  });
  return codeView(a.id, code);
}

/** Who signed up, checked in and out; the code for those who may manage the activity. */
export async function roster(db: Db, actor: Actor, activityId: number) {
  authorize(actor, 'volunteer.read');
  const a = await crepo.activityBrief(db, activityId);
  if (!a || !codeInScope(a.regionCode, readScope(actor))) throw notFound('该活动不存在或不在您的管辖范围内');
  const manage = can(actor, 'volunteer.manage', { regionCode: a.regionCode });
  const [code, rows] = await readAll(db, [() => crepo.codeOf(db, a.id), () => crepo.roster(db, a.id)]);
  return {
    activity: { id: a.id, name: a.title },
    code: manage && code ? codeView(a.id, code) : null,
    items: rows.map((r) => ({ ...r, phone: manage ? r.phone : null, hours: r.minutes == null ? null : hoursOf(r.minutes) })),
    can: { manage },
  };
}

// ---- the volunteer's own page ----

const NOT_A_VOLUNTEER = '您还不是志愿者：请联系所在社区或志愿服务队登记';
const NOT_REACHABLE = '该活动不存在或不在您所在志愿服务队的乡镇';

async function self(db: Db, actor: Actor) {
  authorize(actor, 'volunteer.self');
  const m = await mrepo.getMember(db, actor.personId, 'all');
  if (!m) throw notFound(NOT_A_VOLUNTEER);
  return m;
}

export async function me(db: Db, actor: Actor) {
  const m = await self(db, actor);
  const today = todayChina();
  const teams = await mrepo.currentTeams(db, m.personId, today);
  const towns = [...new Set(teams.map((t) => t.regionCode.slice(0, 9)))];
  const [t, upcoming, recent, led] = await readAll(db, [
    () => srepo.totals(db, { personId: m.personId }, 'all'),
    () => crepo.upcoming(db, towns, today, m.personId, 50),
    () => srepo.listPage(db, { personId: m.personId }, 'all', null, 20),
    () => mrepo.ledTeams(db, m.personId),
  ]);
  return {
    personId: m.personId,
    name: m.name,
    teams: teams.map((x) => ({ id: x.id, name: x.name })),
    leads: teams.filter((x) => led.includes(x.id)).map((x) => ({ id: x.id, name: x.name })),
    totals: { records: t.records, hours: hoursOf(t.minutes), people: t.people },
    upcoming: upcoming.map((a) => ({
      id: a.id,
      title: a.title,
      onDate: a.onDate,
      organizerName: a.organizerName,
      placeName: a.placeName,
      signedUp: !!a.signedAt,
      checkinAt: a.checkinAt,
      checkoutAt: a.checkoutAt,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
    })),
    recent: recent.map((r) => {
      const { can: _can, ...v } = itemView(actor, r);
      return v;
    }),
  };
}

/** An activity the volunteer may sign up for or check in to: planned (or held today), in a town of one of their teams. */
async function reachable(db: Db, actor: Actor, activityId: number) {
  const m = await self(db, actor);
  const a = await crepo.activityBrief(db, activityId);
  const teams = await mrepo.currentTeams(db, m.personId, todayChina());
  if (!a || !teams.some((t) => t.regionCode.startsWith(a.townCode))) throw notFound(NOT_REACHABLE);
  if (a.state === 'cancelled') throw new AppError('INVALID_STATE', '该活动已取消');
  return { m, a };
}

export async function signUp(db: Db, actor: Actor, activityId: number) {
  const { m, a } = await reachable(db, actor, activityId);
  if (a.state !== 'planned' || a.onDate < todayChina()) throw new AppError('INVALID_STATE', '该活动已开展或日期已过，不能再报名');
  await db.transaction(async (tx) => {
    if (await crepo.signUp(tx, a.id, m.personId))
      await audit(tx, { actor, action: 'volunteer.signup', entity: 'activity', entityId: a.id, regionCode: a.regionCode, after: { personId: m.personId } });
  });
  return me(db, actor);
}

export async function withdraw(db: Db, actor: Actor, activityId: number) {
  const { m, a } = await reachable(db, actor, activityId);
  await db.transaction(async (tx) => {
    if (!(await crepo.withdraw(tx, a.id, m.personId))) throw new AppError('INVALID_STATE', '没有可取消的报名（未报名，或已签到）');
    await audit(tx, { actor, action: 'volunteer.withdraw', entity: 'activity', entityId: a.id, regionCode: a.regionCode, after: { personId: m.personId } });
  });
  return me(db, actor);
}

const personKey = (personId: number) => `checkin-wrong:p:${personId}`;
const activityKey = (activityId: number) => `checkin-wrong:a:${activityId}`;
const WINDOW_MS = CHECKIN.windowMinutes * 60_000;

/**
 * Check in or out with the activity's code. What it decides on (and the two
 * wrong-code counters) is read in one statement (the same answers as self()
 * and reachable(): not a volunteer, not of the activity's town, cancelled); a
 * check-in is then one more statement, the stamp that tells a replay by
 * itself with its audit row: two round trips after the session's, as 200
 * volunteers arrive within a minute (volunteers.checkin_p95_ms).
 */
export async function checkin(db: Db, actor: Actor, input: { activityId: number; code: string; direction: 'in' | 'out' }) {
  authorize(actor, 'volunteer.self');
  const ctx = await crepo.checkinContext(db, input.activityId, actor.personId, todayChina(), {
    person: personKey(actor.personId),
    activity: activityKey(input.activityId),
  });
  if (!ctx.isVolunteer) throw notFound(NOT_A_VOLUNTEER);
  const a = ctx.activity;
  if (!a || !ctx.inTown) throw notFound(NOT_REACHABLE);
  if (a.state === 'cancelled') throw new AppError('INVALID_STATE', '该活动已取消');
  const m = { personId: actor.personId };
  if (ctx.wrongByPerson >= CHECKIN.wrongPerPerson || ctx.wrongByActivity >= CHECKIN.wrongPerActivity)
    throw new AppError('RATE_LIMITED', `签到码错误次数过多，请 ${CHECKIN.windowMinutes} 分钟后再试，或请组织方现场为您登记`);
  const code = ctx.code;
  if (!code) throw new AppError('CHECKIN_CLOSED', '组织方尚未开放本场活动的签到');
  if (code.code !== input.code) {
    await readAll(db, [() => countHit(db, personKey(m.personId), WINDOW_MS), () => countHit(db, activityKey(a.id), WINDOW_MS)]);
    throw new AppError('CHECKIN_CODE_WRONG');
  }
  const at = now();
  const when = checkinWindow(input.direction, at, code.startsAt, code.endsAt);
  if (when === 'early')
    throw new AppError(
      'CHECKIN_CLOSED',
      input.direction === 'in' ? `签到尚未开始：${hhmm(code.startsAt)} 前 ${CHECKIN.earlyMinutes} 分钟起可签到` : '活动尚未开始，不能签退',
    );
  if (when === 'late')
    throw new AppError(
      'CHECKIN_CLOSED',
      input.direction === 'in' ? `活动已于 ${hhmm(code.endsAt)} 结束，签到已关闭` : '签退时间已过，请联系组织方登记服务时长',
    );
  if (input.direction === 'in') {
    const au = auditValues({
      actor,
      action: 'volunteer.checkin',
      entity: 'activity',
      entityId: a.id,
      regionCode: a.regionCode,
      after: { personId: m.personId, at },
    });
    const r = await crepo.stampCheckin(db, a.id, m.personId, at, au);
    if (r.stamped) return { direction: 'in' as const, at, replayed: false, serviceId: null, hours: null, message: `签到成功：${a.title}` };
    const first = r.first ?? (await crepo.signupFor(db, a.id, m.personId))!.checkinAt!;
    return { direction: 'in' as const, at: first, replayed: true, serviceId: null, hours: null, message: `您已于 ${hhmm(first)} 签到` };
  }
  return db.transaction(async (tx) => {
    const su = await crepo.signupFor(tx, a.id, m.personId, true);
    if (!su?.checkinAt) throw new AppError('INVALID_STATE', '您还没有签到，不能签退');
    if (su.checkoutAt)
      return {
        direction: 'out' as const,
        at: su.checkoutAt,
        replayed: true,
        serviceId: su.serviceId,
        hours: null,
        message: `您已于 ${hhmm(su.checkoutAt)} 签退`,
      };
    if ((await srepo.countedAt(tx, a.id, [m.personId])).length) {
      // The organiser already recorded this person's service here: the check-out is kept, no second record.
      await crepo.stampCheckout(tx, a.id, m.personId, at, null);
      return { direction: 'out' as const, at, replayed: false, serviceId: null, hours: null, message: '签退成功：组织方已登记您本次的服务时长' };
    }
    const minutes = servedMinutes(su.checkinAt, at, code.startsAt, code.endsAt);
    const teams = await mrepo.currentTeams(tx, m.personId, a.onDate);
    const team = teams.filter((t) => t.regionCode.startsWith(a.townCode)).sort((x, y) => y.regionCode.length - x.regionCode.length)[0] ?? null;
    const [serviceId] = await srepo.insertRecords(tx, [
      {
        personId: m.personId,
        teamId: team?.id ?? null,
        activityId: a.id,
        townCode: a.townCode,
        regionCode: a.regionCode,
        onDate: a.onDate,
        startedAt: su.checkinAt,
        endedAt: at,
        minutes,
        content: null,
        status: 'pending',
        source: 'checkin',
        correctsId: null,
        reason: null,
        recordedBy: m.personId,
        confirmedBy: null,
      },
    ]);
    await crepo.stampCheckout(tx, a.id, m.personId, at, serviceId);
    await audit(tx, {
      actor,
      action: 'volunteer.checkout',
      entity: 'activity',
      entityId: a.id,
      regionCode: a.regionCode,
      after: { personId: m.personId, at, serviceId, minutes },
    });
    return {
      direction: 'out' as const,
      at,
      replayed: false,
      serviceId,
      hours: hoursOf(minutes),
      message: `签退成功：服务 ${hoursOf(minutes)} 小时，待组织方确认`,
    };
  });
}
