// SQL of volunteers and their teams: the profile beside the person (people),
// memberships of volunteer_team units, the member list and one member, the
// teams with their counts. A volunteer is in the caller's scope when a team
// they ever joined, or their own home region, is.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

/**
 * Where a caller reads volunteers: the regions of their grants, and the teams
 * they lead (a team leader holding only the volunteer role sees their team:
 * its members, its records, the orders dispatched to it). A bare region scope
 * means no led teams.
 */
export interface VolScope {
  regions: RegionScope;
  teams: number[];
}
export type AnyScope = RegionScope | VolScope;
export const volScope = (s: AnyScope): VolScope => (s === 'all' || Array.isArray(s) ? { regions: s, teams: [] } : s);
/** `col = ANY(led teams)`, or false when the caller leads none. */
export const ledTeamSql = (col: SQL, teams: number[]): SQL => (teams.length ? sql`${col} = ANY(${sql.param(teams)}::int[])` : sql`false`);

/** A volunteer visible in `scope` (alias v for volunteers, p for people): home region or a team ever joined in the regions, or ever in a led team. */
export const memberInScope = (scope: AnyScope): SQL => {
  const { regions, teams } = volScope(scope);
  if (regions === 'all') return sql`true`;
  const led = teams.length
    ? sql` OR EXISTS (SELECT 1 FROM volunteer_memberships ml WHERE ml.person_id = v.person_id AND ${ledTeamSql(sql`ml.team_id`, teams)})`
    : sql``;
  return sql`(${inScope(sql`p.region_code`, regions)} OR EXISTS (SELECT 1 FROM volunteer_memberships m0 JOIN units t0 ON t0.id = m0.team_id
        WHERE m0.person_id = v.person_id AND ${inScope(sql`t0.region_code`, regions)})${led})`;
};

export interface MemberRow {
  personId: number;
  name: string;
  phone: string | null;
  regionCode: string;
  active: boolean;
  hasAccount: boolean;
  gender: string | null;
  birthYear: number | null;
  politicalStatus: string | null;
  skills: string[];
  idNumberMasked: string | null;
  note: string | null;
  version: number;
  teams: { id: number; name: string; regionCode: string; role: string; joinedOn: string; leftOn: string | null }[];
}

const MEMBER_COLS = sql`v.person_id AS "personId", p.name, p.phone, p.region_code AS "regionCode", p.active,
  EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id) AS "hasAccount",
  v.gender, v.birth_year AS "birthYear", v.political_status AS "politicalStatus", v.skills, v.id_number_masked AS "idNumberMasked", v.note, v.version,
  COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'regionCode', t.region_code, 'role', m.role,
      'joinedOn', m.joined_on::text, 'leftOn', m.left_on::text) ORDER BY m.left_on NULLS FIRST, m.joined_on DESC)
    FROM volunteer_memberships m JOIN units t ON t.id = m.team_id WHERE m.person_id = v.person_id), '[]') AS teams`;

export interface MemberFilter {
  teamId?: number;
  regionCode?: string;
  q?: string;
  /** true: in a team today; false: in none. */
  current?: boolean;
  today: string;
}

export async function listMembers(q: Q, f: MemberFilter, scope: AnyScope, afterId: number | null, limit: number): Promise<MemberRow[]> {
  const conds: SQL[] = [memberInScope(scope)];
  const inTeamToday = (extra: SQL) =>
    sql`EXISTS (SELECT 1 FROM volunteer_memberships m1 JOIN units t1 ON t1.id = m1.team_id WHERE m1.person_id = v.person_id
      AND m1.joined_on <= ${f.today}::date AND (m1.left_on IS NULL OR m1.left_on > ${f.today}::date) AND ${extra})`;
  if (f.teamId) conds.push(sql`EXISTS (SELECT 1 FROM volunteer_memberships m2 WHERE m2.person_id = v.person_id AND m2.team_id = ${f.teamId})`);
  if (f.regionCode)
    conds.push(
      sql`(p.region_code LIKE ${f.regionCode + '%'} OR EXISTS (SELECT 1 FROM volunteer_memberships m3 JOIN units t3 ON t3.id = m3.team_id
        WHERE m3.person_id = v.person_id AND t3.region_code LIKE ${f.regionCode + '%'}))`,
    );
  if (f.q) conds.push(sql`(p.name LIKE ${'%' + f.q + '%'} OR p.phone LIKE ${'%' + f.q + '%'})`);
  if (f.current === true) conds.push(inTeamToday(sql`true`));
  if (f.current === false) conds.push(sql`NOT ${inTeamToday(sql`true`)}`);
  if (afterId) conds.push(sql`v.person_id > ${afterId}`);
  return (
    await q.execute<any>(sql`SELECT ${MEMBER_COLS} FROM volunteers v JOIN people p ON p.id = v.person_id
    WHERE ${sql.join(conds, sql` AND `)} ORDER BY v.person_id LIMIT ${limit}`)
  ).rows;
}

export async function getMember(q: Q, personId: number, scope: AnyScope): Promise<MemberRow | null> {
  return (
    (
      await q.execute<any>(sql`SELECT ${MEMBER_COLS} FROM volunteers v JOIN people p ON p.id = v.person_id
    WHERE v.person_id = ${personId} AND ${memberInScope(scope)}`)
    ).rows[0] ?? null
  );
}

/** The encrypted ID number (only the national-upload export reads it). */
export async function idNumberEnc(q: Q, personIds: number[]): Promise<Map<number, string>> {
  if (!personIds.length) return new Map();
  const r = await q.execute<{ person_id: number; id_number_enc: string }>(
    sql`SELECT person_id, id_number_enc FROM volunteers WHERE person_id = ANY(${sql.param(personIds)}::int[]) AND id_number_enc IS NOT NULL`,
  );
  return new Map(r.rows.map((x) => [Number(x.person_id), x.id_number_enc]));
}

export interface ProfileValues {
  gender: string | null;
  birthYear: number | null;
  politicalStatus: string | null;
  skills: string[];
  note: string | null;
  /** undefined: unchanged; null: removed. */
  idNumber?: { enc: string; masked: string } | null;
}

export async function insertVolunteer(q: Q, personId: number, v: ProfileValues, createdBy: number) {
  await q.execute(sql`INSERT INTO volunteers (person_id, gender, birth_year, political_status, skills, id_number_enc, id_number_masked, note, created_by)
    VALUES (${personId}, ${v.gender}, ${v.birthYear}, ${v.politicalStatus}, ${sql.param(v.skills)}::text[], ${v.idNumber?.enc ?? null},
      ${v.idNumber?.masked ?? null}, ${v.note}, ${createdBy})`);
}

export async function isVolunteer(q: Q, personId: number): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM volunteers WHERE person_id = ${personId}`)).rows.length > 0;
}

/** Update the profile at `version`; false when the version is stale. */
export async function updateVolunteer(q: Q, personId: number, version: number, v: ProfileValues): Promise<boolean> {
  const id = v.idNumber === undefined ? sql`` : sql`, id_number_enc = ${v.idNumber?.enc ?? null}, id_number_masked = ${v.idNumber?.masked ?? null}`;
  const r = await q.execute(sql`UPDATE volunteers SET gender = ${v.gender}, birth_year = ${v.birthYear}, political_status = ${v.politicalStatus},
      skills = ${sql.param(v.skills)}::text[], note = ${v.note} ${id}, version = version + 1, updated_at = now()
    WHERE person_id = ${personId} AND version = ${version}`);
  return (r.rowCount ?? 0) > 0;
}

// ---- teams and memberships ----

export interface TeamRow {
  id: number;
  name: string;
  regionCode: string;
  regionName: string | null;
  members: number;
  leaders: string[];
}

/** Volunteer teams in the scope (and under `region`), with today's members and leaders. */
export async function teams(q: Q, scope: AnyScope, region: string | null, today: string): Promise<TeamRow[]> {
  const s = volScope(scope);
  return (
    await q.execute<any>(sql`SELECT u.id, u.name, u.region_code AS "regionCode", r.name AS "regionName",
      (SELECT count(*)::int FROM volunteer_memberships m WHERE m.team_id = u.id AND m.joined_on <= ${today}::date
        AND (m.left_on IS NULL OR m.left_on > ${today}::date)) AS members,
      COALESCE((SELECT array_agg(p.name ORDER BY p.name) FROM volunteer_memberships m JOIN people p ON p.id = m.person_id
        WHERE m.team_id = u.id AND m.role = 'leader' AND m.left_on IS NULL), '{}') AS leaders
    FROM units u LEFT JOIN regions r ON r.code = u.region_code
    WHERE u.kind = 'volunteer_team' AND (${inScope(sql`u.region_code`, s.regions)} OR ${ledTeamSql(sql`u.id`, s.teams)}) ${region ? sql`AND u.region_code LIKE ${region + '%'}` : sql``}
    ORDER BY length(u.region_code), u.region_code, u.name LIMIT 2000`)
  ).rows;
}

export async function team(q: Q, id: number): Promise<{ id: number; name: string; regionCode: string } | null> {
  return (await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM units WHERE id = ${id} AND kind = 'volunteer_team'`)).rows[0] ?? null;
}

export async function openMembership(q: Q, personId: number, teamId: number): Promise<{ id: number; role: string; joinedOn: string } | null> {
  return (
    (
      await q.execute<any>(sql`SELECT id, role, joined_on::text AS "joinedOn" FROM volunteer_memberships
    WHERE person_id = ${personId} AND team_id = ${teamId} AND left_on IS NULL`)
    ).rows[0] ?? null
  );
}

export async function join(q: Q, personId: number, teamId: number, role: string, joinedOn: string) {
  await q.execute(sql`INSERT INTO volunteer_memberships (person_id, team_id, role, joined_on) VALUES (${personId}, ${teamId}, ${role}, ${joinedOn})`);
}

export async function setRole(q: Q, membershipId: number, role: string) {
  await q.execute(sql`UPDATE volunteer_memberships SET role = ${role} WHERE id = ${membershipId}`);
}

export async function leave(q: Q, membershipId: number, leftOn: string) {
  await q.execute(sql`UPDATE volunteer_memberships SET left_on = ${leftOn} WHERE id = ${membershipId}`);
}

/** Teams the person leads today (a leader sees their team). */
export async function ledTeams(q: Q, personId: number): Promise<number[]> {
  const r = await q.execute<{ team_id: number }>(
    sql`SELECT team_id FROM volunteer_memberships WHERE person_id = ${personId} AND role = 'leader' AND left_on IS NULL`,
  );
  return r.rows.map((x) => Number(x.team_id));
}

/** The person's teams today (towns of the activities they may sign up for). */
export async function currentTeams(q: Q, personId: number, today: string): Promise<{ id: number; name: string; regionCode: string }[]> {
  return (
    await q.execute<any>(sql`SELECT t.id, t.name, t.region_code AS "regionCode" FROM volunteer_memberships m JOIN units t ON t.id = m.team_id
    WHERE m.person_id = ${personId} AND m.joined_on <= ${today}::date AND (m.left_on IS NULL OR m.left_on > ${today}::date) ORDER BY t.name`)
  ).rows;
}

// ---- figures ----

/** Teams (⑤) in a region: volunteer_team units there that existed by the period's end. */
export async function teamCount(q: Q, region: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units
    WHERE kind = 'volunteer_team' AND region_code LIKE ${region + '%'} AND created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  return Number(r.rows[0].n);
}

/** People in a team of the region at some day of the period, each once. */
export async function memberCount(q: Q, region: string, from: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(DISTINCT m.person_id)::int AS n FROM volunteer_memberships m JOIN units t ON t.id = m.team_id
    WHERE t.region_code LIKE ${region + '%'} AND m.joined_on <= ${to}::date AND (m.left_on IS NULL OR m.left_on > ${from}::date)`);
  return Number(r.rows[0].n);
}

/** Who issues a town's certificates: its practice institute (新时代文明实践所), else its 创城办, else null. */
export async function issuerOf(q: Q, town: string): Promise<string | null> {
  const r = await q.execute<{ name: string }>(sql`SELECT name FROM units WHERE region_code = ${town} AND kind IN ('practice_institute', 'town_office')
    ORDER BY kind = 'practice_institute' DESC, id LIMIT 1`);
  return r.rows[0]?.name ?? null;
}

/** Volunteers in `scope` with one of these phones or names (an import's rows to people). */
export async function membersNamed(
  q: Q,
  phones: string[],
  names: string[],
  scope: AnyScope,
): Promise<{ personId: number; name: string; phone: string | null }[]> {
  if (!phones.length && !names.length) return [];
  const r = await q.execute<any>(sql`SELECT v.person_id AS "personId", p.name, p.phone FROM volunteers v JOIN people p ON p.id = v.person_id
    WHERE (p.phone = ANY(${sql.param(phones)}::text[]) OR p.name = ANY(${sql.param(names)}::text[])) AND ${memberInScope(scope)}`);
  return r.rows.map((x: any) => ({ ...x, personId: Number(x.personId) }));
}
