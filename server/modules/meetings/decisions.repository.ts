// SQL of meeting decisions (action items) and their progress notes. No rules here.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inRegion, inRegions, type RegionScope } from '../../db/scope.ts';

export type DecisionRow = {
  id: number;
  meeting_id: number;
  meeting_title: string;
  meeting_day: string;
  town_code: string;
  region_code: string;
  content: string;
  owner_unit_id: number | null;
  owner_unit_name: string | null;
  owner_person_id: number | null;
  owner_person_name: string | null;
  working_days: number;
  due_date: string;
  place_id: number | null;
  place_name: string | null;
  state: string;
  done_at: Date | null;
  problem_id: number | null;
  problem_code: string | null;
  version: number;
  created_at: Date;
  last_note: string | null;
  last_note_at: Date | null;
  notes: number;
};

const COLS = sql`d.id, d.meeting_id, m.title AS meeting_title, m.day::text AS meeting_day, d.town_code, d.region_code, d.content,
  d.owner_unit_id, u.name AS owner_unit_name, d.owner_person_id, pe.name AS owner_person_name, d.working_days, d.due_date::text AS due_date,
  d.place_id, pl.name AS place_name, d.state, d.done_at, d.problem_id, pr.code AS problem_code, d.version, d.created_at,
  lp.note AS last_note, lp.at AS last_note_at, (SELECT count(*)::int FROM decision_progress x WHERE x.decision_id = d.id) AS notes`;
const FROM = sql`FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id LEFT JOIN units u ON u.id = d.owner_unit_id
  LEFT JOIN people pe ON pe.id = d.owner_person_id LEFT JOIN places pl ON pl.id = d.place_id LEFT JOIN problems pr ON pr.id = d.problem_id
  LEFT JOIN LATERAL (SELECT note, at FROM decision_progress x WHERE x.decision_id = d.id ORDER BY x.id DESC LIMIT 1) lp ON true`;
const scoped = (scope: RegionScope) => inRegions(scope, { town: sql`d.town_code`, region: sql`d.region_code` });

export interface DecisionFilter {
  region?: string;
  meetingId?: number;
  view?: 'open' | 'overdue' | 'done';
  after?: [string, number] | null;
  limit: number;
}

export async function list(q: Q, scope: RegionScope | null, f: DecisionFilter, today: string): Promise<DecisionRow[]> {
  const parts: SQL[] = [scope === null ? sql`true` : scoped(scope)];
  if (f.region) parts.push(inRegion(f.region, { town: sql`d.town_code`, region: sql`d.region_code` }));
  if (f.meetingId) parts.push(sql`d.meeting_id = ${f.meetingId}`);
  if (f.view === 'done') parts.push(sql`d.state = 'done'`);
  if (f.view === 'open') parts.push(sql`d.state = 'open' AND d.due_date >= ${today}::date`);
  if (f.view === 'overdue') parts.push(sql`d.state = 'open' AND d.due_date < ${today}::date`);
  if (f.after) parts.push(sql`(d.due_date, d.id) > (${f.after[0]}::date, ${f.after[1]})`);
  return (await q.execute<DecisionRow>(sql`SELECT ${COLS} ${FROM} WHERE ${sql.join(parts, sql` AND `)} ORDER BY d.due_date, d.id LIMIT ${f.limit + 1}`)).rows;
}

export async function byId(q: Q, id: number): Promise<DecisionRow | null> {
  return (await q.execute<DecisionRow>(sql`SELECT ${COLS} ${FROM} WHERE d.id = ${id}`)).rows[0] ?? null;
}

export async function lock(tx: Tx, id: number) {
  return (
    (
      await tx.execute<{
        id: number;
        meeting_id: number;
        version: number;
        state: string;
        town_code: string;
        region_code: string;
        owner_unit_id: number | null;
        owner_person_id: number | null;
        place_id: number | null;
        problem_id: number | null;
        content: string;
        due_date: string;
      }>(sql`
    SELECT id, meeting_id, version, state, town_code, region_code, owner_unit_id, owner_person_id, place_id, problem_id, content, due_date::text AS due_date
    FROM meeting_decisions WHERE id = ${id} FOR UPDATE`)
    ).rows[0] ?? null
  );
}

export interface DecisionValues {
  content: string;
  ownerUnitId: number | null;
  ownerPersonId: number | null;
  workingDays: number;
  dueDate: string;
  placeId: number | null;
}

export async function insert(q: Q, meeting: { id: number; townCode: string; regionCode: string }, v: DecisionValues): Promise<number> {
  return (
    await q.execute<{ id: number }>(sql`INSERT INTO meeting_decisions (meeting_id, town_code, region_code, content, owner_unit_id, owner_person_id,
      working_days, due_date, place_id)
    VALUES (${meeting.id}, ${meeting.townCode}, ${meeting.regionCode}, ${v.content}, ${v.ownerUnitId}, ${v.ownerPersonId}, ${v.workingDays}, ${v.dueDate}::date,
      ${v.placeId}) RETURNING id`)
  ).rows[0].id;
}

export async function update(q: Q, id: number, v: DecisionValues) {
  await q.execute(sql`UPDATE meeting_decisions SET content = ${v.content}, owner_unit_id = ${v.ownerUnitId}, owner_person_id = ${v.ownerPersonId},
    working_days = ${v.workingDays}, due_date = ${v.dueDate}::date, place_id = ${v.placeId}, version = version + 1 WHERE id = ${id}`);
}

export async function setState(q: Q, id: number, state: 'open' | 'done', by: number | null, at: string | null) {
  await q.execute(sql`UPDATE meeting_decisions SET state = ${state}, done_at = ${state === 'done' ? at : null}, done_by = ${state === 'done' ? by : null},
    version = version + 1 WHERE id = ${id}`);
}

export async function setProblem(q: Q, id: number, problemId: number) {
  await q.execute(sql`UPDATE meeting_decisions SET problem_id = ${problemId}, version = version + 1 WHERE id = ${id}`);
}

export async function addProgress(q: Q, decisionId: number, by: { personId: number; name: string }, note: string, at: string) {
  await q.execute(
    sql`INSERT INTO decision_progress (decision_id, at, by_person_id, by_name, note) VALUES (${decisionId}, ${at}, ${by.personId}, ${by.name}, ${note})`,
  );
}

export async function progress(q: Q, decisionId: number) {
  return (
    await q.execute<{ id: number; at: Date; by_name: string | null; note: string }>(sql`
    SELECT id, at, by_name, note FROM decision_progress WHERE decision_id = ${decisionId} ORDER BY id`)
  ).rows;
}

export async function placeIn(q: Q, placeId: number) {
  return (
    (
      await q.execute<{ id: number; region_code: string; name: string; lat: number | null; lng: number | null }>(sql`
    SELECT id, region_code, name, lat, lng FROM places WHERE id = ${placeId}`)
    ).rows[0] ?? null
  );
}
