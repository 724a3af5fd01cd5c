// SQL of the resident surveys: questionnaires (versions written once), waves,
// responses and answers, the counts results and quotas are made of, and the
// weak items' follow-ups.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { STAMP_FORMAT } from '../../platform/cursor.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

// ---- the tree's 问卷调查 standards ----

export async function latestSystem(q: Q, townCode: string) {
  const r = await q.execute<any>(sql`SELECT id, version, name FROM evaluation_systems WHERE town_code = ${townCode} ORDER BY version DESC LIMIT 1`);
  return (r.rows[0] ?? null) as { id: number; version: number; name: string } | null;
}

export async function surveyStandards(q: Q, systemId: number) {
  const r = await q.execute<any>(sql`
    SELECT n.id, n.code, n.name, n.points::float8 AS points FROM evaluation_nodes n
    WHERE n.system_id = ${systemId} AND n.level = 'standard' AND 'survey' = ANY(n.methods) ORDER BY n.sort`);
  return r.rows as { id: number; code: string; name: string; points: number | null }[];
}

/** The 问卷调查 standards among `ids`, with the town their tree belongs to. */
export async function standardsByIds(q: Q, ids: number[]) {
  if (!ids.length) return [];
  const r = await q.execute<any>(sql`
    SELECT n.id, n.code, s.town_code AS "townCode" FROM evaluation_nodes n JOIN evaluation_systems s ON s.id = n.system_id
    WHERE n.id = ANY(${sql.param(ids)}::int[]) AND n.level = 'standard' AND 'survey' = ANY(n.methods)`);
  return r.rows as { id: number; code: string; townCode: string }[];
}

// ---- questionnaires ----

export interface ItemRow {
  id: number;
  questionnaireId: number;
  seq: number;
  code: string;
  text: string;
  indicator: 'awareness' | 'support' | 'satisfaction';
  standardId: number;
  standardCode: string;
}
export interface QuestionnaireRow {
  id: number;
  townCode: string;
  code: string;
  version: number;
  title: string;
  groupLabel: string;
  current: boolean;
  note: string | null;
  createdAt: Date;
  createdByName: string | null;
}
const Q_COLUMNS = sql`qn.id, qn.town_code AS "townCode", qn.code, qn.version, qn.title, qn.group_label AS "groupLabel", qn.current, qn.note,
  qn.created_at AS "createdAt", pe.name AS "createdByName"`;

export async function questionnaires(q: Q, where: SQL): Promise<QuestionnaireRow[]> {
  const r = await q.execute<any>(sql`
    SELECT ${Q_COLUMNS} FROM poll_questionnaires qn LEFT JOIN people pe ON pe.id = qn.created_by WHERE ${where} ORDER BY qn.code, qn.version DESC`);
  return r.rows;
}
export const currentOf = (townCode: string) => sql`qn.town_code = ${townCode} AND qn.current`;
export const byIds = (ids: number[]) => sql`qn.id = ANY(${sql.param(ids)}::int[])`;

export async function versions(q: Q, townCode: string) {
  const r = await q.execute<any>(sql`
    SELECT qn.id, qn.code, qn.version, qn.title, qn.current,
      (SELECT count(*)::int FROM poll_responses pr WHERE pr.questionnaire_id = qn.id) AS responses
    FROM poll_questionnaires qn WHERE qn.town_code = ${townCode} ORDER BY qn.code, qn.version DESC`);
  return r.rows as { id: number; code: string; version: number; title: string; current: boolean; responses: number }[];
}

export async function itemsOf(q: Q, questionnaireIds: number[]): Promise<ItemRow[]> {
  if (!questionnaireIds.length) return [];
  const r = await q.execute<any>(sql`
    SELECT id, questionnaire_id AS "questionnaireId", seq, code, text, indicator, standard_id AS "standardId", standard_code AS "standardCode"
    FROM poll_items WHERE questionnaire_id = ANY(${sql.param(questionnaireIds)}::int[]) ORDER BY questionnaire_id, seq`);
  return r.rows;
}

/** The next version of a town's questionnaire code (the code's versions locked against a concurrent save). */
export async function nextVersion(tx: Tx, townCode: string, code: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('poll_questionnaires'), hashtext(${townCode + ':' + code}))`);
  const r = await tx.execute<{ v: number }>(
    sql`SELECT COALESCE(max(version), 0)::int + 1 AS v FROM poll_questionnaires WHERE town_code = ${townCode} AND code = ${code}`,
  );
  return r.rows[0].v;
}

export async function insertQuestionnaire(
  tx: Tx,
  v: { townCode: string; code: string; version: number; title: string; groupLabel: string; note: string | null; by: number },
  items: Omit<ItemRow, 'id' | 'questionnaireId'>[],
): Promise<number> {
  await tx.execute(sql`UPDATE poll_questionnaires SET current = false WHERE town_code = ${v.townCode} AND code = ${v.code} AND current`);
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO poll_questionnaires (town_code, code, version, title, group_label, note, created_by)
    VALUES (${v.townCode}, ${v.code}, ${v.version}, ${v.title}, ${v.groupLabel}, ${v.note}, ${v.by}) RETURNING id`);
  const id = Number(r.rows[0].id);
  for (const it of items)
    await tx.execute(sql`
      INSERT INTO poll_items (questionnaire_id, seq, code, text, indicator, standard_id, standard_code)
      VALUES (${id}, ${it.seq}, ${it.code}, ${it.text}, ${it.indicator}, ${it.standardId}, ${it.standardCode})`);
  return id;
}

// ---- waves ----

export interface WaveRow {
  id: number;
  townCode: string;
  name: string;
  questionnaireIds: number[];
  startsOn: string;
  endsOn: string;
  perCommunity: number;
  /** Per-community overrides of perCommunity (0: not sampled). */
  communityPlan: Record<string, number>;
  quotas: { ageBands: Record<string, number>; sex: Record<string, number> };
  state: 'open' | 'closed';
  selfServed: boolean;
  /** Self-served answers count toward the rates. */
  selfCounts: boolean;
  publicToken: string;
  version: number;
  createdAt: Date;
  closedAt: Date | null;
  /** Communities in the sample (planned n > 0) and the planned total. */
  communities: number;
  planned: number;
  responses: number;
  selfResponses: number;
  outOfQuota: number;
}
const W_COLUMNS = sql`w.id, w.town_code AS "townCode", w.name, w.questionnaire_ids AS "questionnaireIds", w.starts_on::text AS "startsOn",
  w.ends_on::text AS "endsOn", w.per_community AS "perCommunity", w.community_plan AS "communityPlan", w.quotas, w.state,
  w.self_served AS "selfServed", w.self_counts AS "selfCounts", w.public_token AS "publicToken", w.version, w.created_at AS "createdAt",
  w.closed_at AS "closedAt", p.communities, p.planned,
  (SELECT count(*) FILTER (WHERE pr.source = 'interviewer')::int FROM poll_responses pr WHERE pr.wave_id = w.id) AS responses,
  (SELECT count(*) FILTER (WHERE pr.source = 'self')::int FROM poll_responses pr WHERE pr.wave_id = w.id) AS "selfResponses",
  (SELECT count(*) FILTER (WHERE pr.out_of_quota)::int FROM poll_responses pr WHERE pr.wave_id = w.id) AS "outOfQuota"`;

export const townWaves = (townCode: string) => sql`w.town_code = ${townCode}`;
export const openWavesIn = (scope: RegionScope) => sql`w.state = 'open' AND ${inScope(sql`w.town_code`, scope)}`;
export const responsesIn = (scope: RegionScope) => inScope(sql`pr.community_code`, scope);

export async function waves(q: Q, where: SQL): Promise<WaveRow[]> {
  return (
    await q.execute<any>(sql`
      SELECT ${W_COLUMNS} FROM poll_waves w
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE x.n > 0)::int AS communities, COALESCE(sum(x.n), 0)::int AS planned
        FROM (SELECT COALESCE((w.community_plan ->> r.code)::int, w.per_community) AS n FROM regions r
              WHERE r.parent_code = w.town_code AND r.level = 'community') x
      ) p
      WHERE ${where} ORDER BY w.starts_on DESC, w.id DESC`)
  ).rows;
}
export async function wave(q: Q, id: number): Promise<WaveRow | null> {
  return (await waves(q, sql`w.id = ${id}`))[0] ?? null;
}
/** The waves an interviewer's queue names, without the counts (the sync's hot path). */
export async function wavesForSync(q: Q, ids: number[]): Promise<WaveRow[]> {
  if (!ids.length) return [];
  const r = await q.execute<any>(sql`
    SELECT w.id, w.town_code AS "townCode", w.name, w.questionnaire_ids AS "questionnaireIds", w.starts_on::text AS "startsOn", w.ends_on::text AS "endsOn",
      w.per_community AS "perCommunity", w.community_plan AS "communityPlan", w.quotas, w.state, w.self_served AS "selfServed",
      w.self_counts AS "selfCounts", w.public_token AS "publicToken", w.version, w.created_at AS "createdAt", w.closed_at AS "closedAt",
      0 AS communities, 0 AS planned, 0 AS responses, 0 AS "selfResponses", 0 AS "outOfQuota"
    FROM poll_waves w WHERE w.id = ANY(${sql.param(ids)}::int[])`);
  return r.rows;
}
export async function waveByToken(q: Q, token: string): Promise<WaveRow | null> {
  return (await waves(q, sql`w.public_token = ${token} AND w.self_served`))[0] ?? null;
}

type WaveFields = Pick<
  WaveRow,
  'townCode' | 'name' | 'questionnaireIds' | 'startsOn' | 'endsOn' | 'perCommunity' | 'communityPlan' | 'quotas' | 'selfServed' | 'selfCounts' | 'publicToken'
>;
export async function insertWave(tx: Tx, v: WaveFields & { by: number }) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO poll_waves (town_code, name, questionnaire_ids, starts_on, ends_on, per_community, community_plan, quotas, self_served, self_counts,
      public_token, created_by)
    VALUES (${v.townCode}, ${v.name}, ${sql.param(v.questionnaireIds)}::int[], ${v.startsOn}, ${v.endsOn}, ${v.perCommunity},
      ${JSON.stringify(v.communityPlan)}::jsonb, ${JSON.stringify(v.quotas)}::jsonb, ${v.selfServed}, ${v.selfCounts}, ${v.publicToken}, ${v.by}) RETURNING id`);
  return Number(r.rows[0].id);
}

/** A wave's settings changed at `version`; false when it moved meanwhile. */
export async function updateWave(
  tx: Tx,
  id: number,
  version: number,
  v: Pick<WaveFields, 'name' | 'endsOn' | 'perCommunity' | 'communityPlan' | 'quotas' | 'selfServed' | 'selfCounts'>,
): Promise<boolean> {
  const r = await tx.execute(sql`
    UPDATE poll_waves SET name = ${v.name}, ends_on = ${v.endsOn}, per_community = ${v.perCommunity}, community_plan = ${JSON.stringify(v.communityPlan)}::jsonb,
      quotas = ${JSON.stringify(v.quotas)}::jsonb, self_served = ${v.selfServed}, self_counts = ${v.selfCounts}, version = version + 1
    WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) > 0;
}

/** Close an open wave at `version`; false when it moved meanwhile. */
export async function closeWave(tx: Tx, id: number, version: number, at: Date): Promise<boolean> {
  const r = await tx.execute(sql`
    UPDATE poll_waves SET state = 'closed', closed_at = ${at.toISOString()}, version = version + 1
    WHERE id = ${id} AND version = ${version} AND state = 'open'`);
  return (r.rowCount ?? 0) > 0;
}

export async function communitiesOf(q: Q, townCode: string): Promise<{ code: string; name: string }[]> {
  return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)).rows;
}

export async function communitiesOfTowns(q: Q, towns: string[]): Promise<{ code: string; town: string }[]> {
  if (!towns.length) return [];
  return (await q.execute<any>(sql`SELECT code, parent_code AS town FROM regions WHERE parent_code = ANY(${sql.param(towns)}::text[]) AND level = 'community'`))
    .rows;
}

export async function townName(q: Q, townCode: string): Promise<string> {
  return (await q.execute<any>(sql`SELECT name FROM regions WHERE code = ${townCode}`)).rows[0]?.name ?? townCode;
}

// ---- responses ----

/** Per community: in-quota answers by age band and sex, and out-of-quota ones (one source). */
export async function quotaCounts(q: Q, waveId: number, source: 'interviewer' | 'self' = 'interviewer', interviewerId?: number) {
  const r = await q.execute<any>(sql`
    SELECT community_code AS "communityCode", age_band AS "ageBand", sex, out_of_quota AS "outOfQuota", count(*)::int AS n,
      count(*) FILTER (WHERE interviewer_id = ${interviewerId ?? 0})::int AS mine
    FROM poll_responses WHERE wave_id = ${waveId} AND source = ${source}
    GROUP BY community_code, age_band, sex, out_of_quota`);
  return r.rows as { communityCode: string; ageBand: string; sex: string; outOfQuota: boolean; n: number; mine: number }[];
}

/**
 * Lock the (wave, community) pairs while their quotas are decided and the
 * answers written, in one statement, in sorted order (so two writers never
 * deadlock), and read what is already in quota there.
 */
export async function lockAndCount(tx: Tx, pairs: { waveId: number; communityCode: string }[]) {
  const w = pairs.map((p) => p.waveId);
  const c = pairs.map((p) => p.communityCode);
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(s.w, hashtext('poll:' || s.c))
    FROM (SELECT DISTINCT w, c FROM unnest(${sql.param(w)}::int[], ${sql.param(c)}::text[]) AS t(w, c) ORDER BY w, c) s`);
  const r = await tx.execute<any>(sql`
    SELECT pr.wave_id AS "waveId", pr.community_code AS "communityCode", pr.age_band AS "ageBand", pr.sex, count(*)::int AS n
    FROM poll_responses pr JOIN (SELECT DISTINCT w, c FROM unnest(${sql.param(w)}::int[], ${sql.param(c)}::text[]) AS t(w, c)) t ON pr.wave_id = t.w AND pr.community_code = t.c
    WHERE pr.source = 'interviewer' AND NOT pr.out_of_quota
    GROUP BY pr.wave_id, pr.community_code, pr.age_band, pr.sex`);
  return r.rows as { waveId: number; communityCode: string; ageBand: string; sex: string; n: number }[];
}

export async function responsesByKeys(q: Q, interviewerId: number, keys: string[]) {
  if (!keys.length) return new Map<string, { id: number; outOfQuota: boolean }>();
  const r = await q.execute<any>(sql`
    SELECT id, client_key AS "clientKey", out_of_quota AS "outOfQuota" FROM poll_responses
    WHERE interviewer_id = ${interviewerId} AND client_key = ANY(${sql.param(keys)}::text[])`);
  return new Map(r.rows.map((x: any) => [x.clientKey as string, { id: Number(x.id), outOfQuota: x.outOfQuota as boolean }]));
}

export interface NewResponse {
  waveId: number;
  questionnaireId: number;
  townCode: string;
  communityCode: string;
  source: 'interviewer' | 'self';
  interviewerId: number | null;
  clientKey: string | null;
  phoneHash: string | null;
  sex: string;
  age: number;
  residenceMonths: number;
  ageBand: string;
  outOfQuota: boolean;
  quotaNote: string | null;
  answeredAt: string;
  answers: { itemId: number; value: number; positive: boolean }[];
}

/**
 * Insert responses and their answers in one statement; a response whose key
 * (or phone) is already stored is skipped (null id). A batch's rows are told
 * apart by their client key (one interviewer's) or phone hash (self-served).
 */
export async function insertResponses(tx: Tx, rows: NewResponse[]): Promise<(number | null)[]> {
  if (!rows.length) return [];
  const col = <K extends keyof NewResponse>(k: K) => sql.param(rows.map((r) => r[k]));
  const ref = (x: NewResponse) => x.clientKey ?? `phone:${x.phoneHash}`;
  const aRef: string[] = [];
  const item: number[] = [];
  const value: number[] = [];
  const positive: boolean[] = [];
  for (const x of rows)
    for (const a of x.answers) {
      aRef.push(ref(x));
      item.push(a.itemId);
      value.push(a.value);
      positive.push(a.positive);
    }
  const r = await tx.execute<any>(sql`
    WITH r AS (
      INSERT INTO poll_responses (wave_id, questionnaire_id, town_code, community_code, source, interviewer_id, client_key, phone_hash,
        sex, age, residence_months, age_band, out_of_quota, quota_note, answered_at)
      SELECT * FROM unnest(${col('waveId')}::int[], ${col('questionnaireId')}::int[], ${col('townCode')}::text[], ${col('communityCode')}::text[],
        ${col('source')}::text[], ${col('interviewerId')}::int[], ${col('clientKey')}::text[], ${col('phoneHash')}::text[], ${col('sex')}::text[],
        ${col('age')}::int[], ${col('residenceMonths')}::int[], ${col('ageBand')}::text[], ${col('outOfQuota')}::bool[], ${col('quotaNote')}::text[],
        ${col('answeredAt')}::timestamptz[])
      ON CONFLICT DO NOTHING
      RETURNING id, COALESCE(client_key, 'phone:' || phone_hash) AS ref
    ), a AS (
      INSERT INTO poll_answers (response_id, item_id, value, positive)
      SELECT r.id, t.i, t.v, t.p FROM unnest(${sql.param(aRef)}::text[], ${sql.param(item)}::int[], ${sql.param(value)}::int[], ${sql.param(positive)}::bool[]) AS t(ref, i, v, p)
      JOIN r ON r.ref = t.ref
    )
    SELECT id, ref FROM r`);
  const byRef = new Map<string, number>(r.rows.map((x: any) => [x.ref as string, Number(x.id)]));
  return rows.map((x) => byRef.get(ref(x)) ?? null);
}

export interface ResponseFilter {
  source?: 'interviewer' | 'self';
  communityCode?: string;
  outOfQuota?: boolean;
  scope: SQL;
}
export async function responses(q: Q, waveId: number, f: ResponseFilter, after: [string, number] | null, limit: number) {
  const r = await q.execute<any>(sql`
    SELECT pr.id, pr.community_code AS "communityCode", rg.name AS "communityName", pr.source, pe.name AS "interviewerName", qn.code AS "questionnaireCode",
      pr.sex, pr.age, pr.residence_months AS "residenceMonths", pr.age_band AS "ageBand", pr.out_of_quota AS "outOfQuota", pr.quota_note AS "quotaNote",
      pr.answered_at AS "answeredAt", to_char(pr.answered_at AT TIME ZONE 'UTC', ${STAMP_FORMAT}) AS "atKey",
      (SELECT count(*) FILTER (WHERE a.positive)::int FROM poll_answers a WHERE a.response_id = pr.id) AS positive,
      (SELECT count(*)::int FROM poll_answers a WHERE a.response_id = pr.id) AS answered
    FROM poll_responses pr JOIN regions rg ON rg.code = pr.community_code JOIN poll_questionnaires qn ON qn.id = pr.questionnaire_id
    LEFT JOIN people pe ON pe.id = pr.interviewer_id
    WHERE pr.wave_id = ${waveId} AND ${f.scope}
      ${f.source ? sql`AND pr.source = ${f.source}` : sql``}
      ${f.communityCode ? sql`AND pr.community_code = ${f.communityCode}` : sql``}
      ${f.outOfQuota != null ? sql`AND pr.out_of_quota = ${f.outOfQuota}` : sql``}
      ${after ? sql`AND (pr.answered_at, pr.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
    ORDER BY pr.answered_at DESC, pr.id DESC LIMIT ${limit + 1}`);
  return r.rows;
}

/** Positive and all answers per community and item code of a wave (the sources given). */
export async function cellCounts(q: Q, waveId: number, sources: ('interviewer' | 'self')[]) {
  const r = await q.execute<any>(sql`
    SELECT pr.community_code AS "communityCode", i.code AS "itemCode", count(*)::int AS n, count(*) FILTER (WHERE a.positive)::int AS positive
    FROM poll_responses pr JOIN poll_answers a ON a.response_id = pr.id JOIN poll_items i ON i.id = a.item_id
    WHERE pr.wave_id = ${waveId} AND pr.source = ANY(${sql.param(sources)}::text[])
    GROUP BY pr.community_code, i.code`);
  return r.rows as { communityCode: string; itemCode: string; n: number; positive: number }[];
}

// ---- follow-ups ----

export async function followups(q: Q, waveId: number) {
  const r = await q.execute<any>(sql`
    SELECT id, item_code AS "itemCode", community_code AS "communityCode", kind, inbox_item_id AS "inboxItemId", activity_id AS "activityId",
      created_at AS "createdAt"
    FROM poll_followups WHERE wave_id = ${waveId} ORDER BY id`);
  return r.rows.map((x: any) => ({
    ...x,
    inboxItemId: x.inboxItemId == null ? null : Number(x.inboxItemId),
    activityId: x.activityId == null ? null : Number(x.activityId),
  }));
}

/** Record a follow-up once; null when the same kind already exists for the item and community. */
export async function insertFollowup(
  tx: Tx,
  v: { waveId: number; itemCode: string; communityCode: string; kind: 'task' | 'activity'; activityId: number | null; note: string | null; by: number },
) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO poll_followups (wave_id, item_code, community_code, kind, activity_id, note, created_by)
    VALUES (${v.waveId}, ${v.itemCode}, ${v.communityCode}, ${v.kind}, ${v.activityId}, ${v.note}, ${v.by})
    ON CONFLICT DO NOTHING RETURNING id`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
export async function setFollowupInbox(tx: Tx, id: number, inboxItemId: number | null) {
  await tx.execute(sql`UPDATE poll_followups SET inbox_item_id = ${inboxItemId} WHERE id = ${id}`);
}
export async function followup(q: Q, id: number) {
  const r = await q.execute<any>(
    sql`SELECT f.id, f.wave_id AS "waveId", w.town_code AS "townCode" FROM poll_followups f JOIN poll_waves w ON w.id = f.wave_id WHERE f.id = ${id}`,
  );
  return (r.rows[0] ?? null) as { id: number; waveId: number; townCode: string } | null;
}
