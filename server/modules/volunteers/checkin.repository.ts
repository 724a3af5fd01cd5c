// SQL of sign-ups and check-ins: the activities a volunteer may sign up for,
// sign-ups, an activity's check-in code and roster, the check-in and
// check-out stamps.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { auditValues } from '../../platform/audit.ts';
import { hitsSql } from '../../platform/rate-limit-store.ts';
import { executePrepared } from '../../db/prepared.ts';

type AuditRow = ReturnType<typeof auditValues>;

export interface ActivityBrief {
  id: number;
  title: string;
  state: string;
  onDate: string;
  townCode: string;
  regionCode: string;
  organizerUnitId: number;
  organizerName: string;
  placeName: string;
}

const BRIEF = sql`a.id, a.title, a.state, a.on_date::text AS "onDate", a.town_code AS "townCode", a.region_code AS "regionCode",
  a.organizer_unit_id AS "organizerUnitId", o.name AS "organizerName", pl.name AS "placeName"`;
const BRIEF_FROM = sql`activities a JOIN units o ON o.id = a.organizer_unit_id JOIN places pl ON pl.id = a.place_id`;
const brief = (r: any): ActivityBrief => ({ ...r, id: Number(r.id) });

export async function activityBrief(q: Q, id: number): Promise<ActivityBrief | null> {
  const r = (await q.execute<any>(sql`SELECT ${BRIEF} FROM ${BRIEF_FROM} WHERE a.id = ${id}`)).rows[0];
  return r ? brief(r) : null;
}

export interface CheckinContext {
  isVolunteer: boolean;
  activity: ActivityBrief | null;
  /** In a team of the activity's town today. */
  inTown: boolean;
  code: CodeRow | null;
  /** Wrong codes counted in the current window, for the person and for the activity. */
  wrongByPerson: number;
  wrongByActivity: number;
}

/**
 * What a check-in decides on, in one round trip (200 volunteers arrive within
 * a minute): whether the person is a volunteer, the activity, whether one of
 * their teams today is of its town, its code, and the two wrong-code counters
 * (rate_counters, read beside: keys from the service). Prepared: planning it
 * cost more than running it.
 */
export async function checkinContext(
  q: Q,
  activityId: number,
  personId: number,
  today: string,
  wrongKeys: { person: string; activity: string },
): Promise<CheckinContext> {
  const r = (
    await executePrepared<any>(
      q,
      'volunteer_checkin_context',
      sql`SELECT EXISTS (SELECT 1 FROM volunteers WHERE person_id = ${personId}) AS "isVolunteer", ${BRIEF},
      EXISTS (SELECT 1 FROM volunteer_memberships m JOIN units t ON t.id = m.team_id WHERE m.person_id = ${personId}
        AND m.joined_on <= ${today}::date AND (m.left_on IS NULL OR m.left_on > ${today}::date) AND t.region_code LIKE a.town_code || '%') AS "inTown",
      c.code, c.starts_at AS "startsAt", c.ends_at AS "endsAt",
      ${hitsSql(wrongKeys.person)} AS "wrongByPerson", ${hitsSql(wrongKeys.activity)} AS "wrongByActivity"
    FROM (SELECT 1) one LEFT JOIN (${BRIEF_FROM}) ON a.id = ${activityId} LEFT JOIN volunteer_checkin_codes c ON c.activity_id = a.id`,
    )
  ).rows[0];
  const { isVolunteer, inTown, code, startsAt, endsAt, wrongByPerson, wrongByActivity, ...a } = r;
  return {
    isVolunteer,
    activity: a.id == null ? null : brief(a),
    inTown,
    code: code == null ? null : { code, startsAt: date(startsAt)!, endsAt: date(endsAt)! },
    wrongByPerson: Number(wrongByPerson),
    wrongByActivity: Number(wrongByActivity),
  };
}

/** Planned activities of the towns from `from` on (the phone's list), with the person's sign-up. */
export async function upcoming(q: Q, towns: string[], from: string, personId: number, limit: number) {
  if (!towns.length) return [];
  const r = await q.execute<any>(sql`SELECT ${BRIEF}, su.signed_at AS "signedAt", su.checkin_at AS "checkinAt", su.checkout_at AS "checkoutAt",
      c.starts_at AS "startsAt", c.ends_at AS "endsAt"
    FROM ${BRIEF_FROM} LEFT JOIN volunteer_signups su ON su.activity_id = a.id AND su.person_id = ${personId}
      LEFT JOIN volunteer_checkin_codes c ON c.activity_id = a.id
    WHERE a.town_code = ANY(${sql.param(towns)}::text[]) AND a.on_date >= ${from}::date AND a.state = 'planned'
    ORDER BY a.on_date, a.id LIMIT ${limit}`);
  return r.rows.map((x: any) => ({
    ...brief(x),
    signedAt: x.signedAt,
    checkinAt: x.checkinAt,
    checkoutAt: x.checkoutAt,
    startsAt: x.startsAt,
    endsAt: x.endsAt,
  }));
}

export async function signUp(q: Q, activityId: number, personId: number): Promise<boolean> {
  const r = await q.execute(sql`INSERT INTO volunteer_signups (activity_id, person_id) VALUES (${activityId}, ${personId}) ON CONFLICT DO NOTHING`);
  return (r.rowCount ?? 0) > 0;
}

/** Withdraw a sign-up not yet checked in; false when there is none to withdraw. */
export async function withdraw(q: Q, activityId: number, personId: number): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM volunteer_signups WHERE activity_id = ${activityId} AND person_id = ${personId} AND checkin_at IS NULL`);
  return (r.rowCount ?? 0) > 0;
}

export interface Signup {
  signedAt: Date;
  checkinAt: Date | null;
  checkoutAt: Date | null;
  serviceId: number | null;
}

export async function signupFor(q: Q, activityId: number, personId: number, lock = false): Promise<Signup | null> {
  const r = (
    await q.execute<any>(sql`SELECT signed_at AS "signedAt", checkin_at AS "checkinAt", checkout_at AS "checkoutAt", service_id AS "serviceId"
    FROM volunteer_signups WHERE activity_id = ${activityId} AND person_id = ${personId} ${lock ? sql`FOR UPDATE` : sql``}`)
  ).rows[0];
  return r
    ? { signedAt: date(r.signedAt)!, checkinAt: date(r.checkinAt), checkoutAt: date(r.checkoutAt), serviceId: r.serviceId == null ? null : Number(r.serviceId) }
    : null;
}

/**
 * Check in (signing up on the spot when the volunteer had not) and its audit
 * row, in one statement (its own transaction): `stamped` when this call
 * checked in; otherwise a replay, nothing written, and `first` is the first
 * check-in (null only when a concurrent first check-in committed after this
 * statement began: read it again).
 */
export async function stampCheckin(q: Q, activityId: number, personId: number, at: Date, au: AuditRow): Promise<{ stamped: boolean; first: Date | null }> {
  const r = (
    await executePrepared<any>(
      q,
      'volunteer_checkin_stamp',
      sql`WITH s AS (
      INSERT INTO volunteer_signups (activity_id, person_id, signed_at, checkin_at) VALUES (${activityId}, ${personId}, ${at}, ${at})
      ON CONFLICT (activity_id, person_id) DO UPDATE SET checkin_at = EXCLUDED.checkin_at WHERE volunteer_signups.checkin_at IS NULL
      RETURNING checkin_at),
    l AS (
      INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
      SELECT ${au.at}, ${au.actorId}, ${au.actorName}, ${au.action}, ${au.entity}, ${au.entityId}, ${au.regionCode}, ${au.before}::jsonb, ${au.after}::jsonb FROM s)
    SELECT EXISTS (SELECT 1 FROM s) AS stamped,
      (SELECT checkin_at FROM volunteer_signups WHERE activity_id = ${activityId} AND person_id = ${personId}) AS first`,
    )
  ).rows[0];
  return { stamped: r.stamped, first: r.stamped ? at : date(r.first) };
}

export async function stampCheckout(q: Q, activityId: number, personId: number, at: Date, serviceId: number | null) {
  await q.execute(sql`UPDATE volunteer_signups SET checkout_at = ${at}, service_id = ${serviceId}
    WHERE activity_id = ${activityId} AND person_id = ${personId} AND checkout_at IS NULL`);
}

export interface CodeRow {
  code: string;
  startsAt: Date;
  endsAt: Date;
}

const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

export async function codeOf(q: Q, activityId: number): Promise<CodeRow | null> {
  const r = (
    await q.execute<any>(sql`SELECT code, starts_at AS "startsAt", ends_at AS "endsAt" FROM volunteer_checkin_codes WHERE activity_id = ${activityId}`)
  ).rows[0];
  return r ? { code: r.code, startsAt: date(r.startsAt)!, endsAt: date(r.endsAt)! } : null;
}

export async function setCode(q: Q, activityId: number, c: CodeRow, by: number) {
  await q.execute(sql`INSERT INTO volunteer_checkin_codes (activity_id, code, starts_at, ends_at, opened_by) VALUES (${activityId}, ${c.code}, ${c.startsAt}, ${c.endsAt}, ${by})
    ON CONFLICT (activity_id) DO UPDATE SET code = EXCLUDED.code, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
      opened_by = EXCLUDED.opened_by, opened_at = now()`);
}

/** Who signed up for an activity, checked in and out, and the record each check-out made. */
export async function roster(q: Q, activityId: number) {
  const r = await q.execute<any>(sql`SELECT su.person_id AS "personId", p.name, p.phone, su.signed_at AS "signedAt", su.checkin_at AS "checkinAt",
      su.checkout_at AS "checkoutAt", su.service_id AS "serviceId", s.status AS "serviceStatus", s.minutes
    FROM volunteer_signups su JOIN people p ON p.id = su.person_id LEFT JOIN volunteer_service s ON s.id = su.service_id
    WHERE su.activity_id = ${activityId} ORDER BY su.signed_at, su.person_id LIMIT 2000`);
  return r.rows.map((x: any) => ({ ...x, serviceId: x.serviceId == null ? null : Number(x.serviceId) })) as {
    personId: number;
    name: string;
    phone: string | null;
    signedAt: Date;
    checkinAt: Date | null;
    checkoutAt: Date | null;
    serviceId: number | null;
    serviceStatus: string | null;
    minutes: number | null;
  }[];
}
