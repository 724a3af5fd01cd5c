// Who was responsible for which place, from when to when (issue 12: settings
// that change counts are versioned by effective date). place_assignments rows
// hold from valid_from up to the day before valid_to (null: still holds);
// rows of one person and place never overlap. assignments.repository.ts is the only writer:
// the people API's places (PUT /api/people/:id/places, a new person's places)
// and a deactivation come here with an effective date.
//
// "From D on, this person holds exactly these places": every row is cut at D
// (rows starting on or after D go, rows running past D end at D), then each
// wanted place gets a row from D, or the row that ended at D runs on. So
// history before D is kept and the state from D is the one asked for.
import { sql } from 'drizzle-orm';
import type { Tx, Q } from '../../db/pool.ts';
import { addDays } from '../../../domain/dates.ts';

/** From `from` on, the person holds exactly `placeIds` (see the file comment). Returns the places gained and lost. */
export async function setPersonPlaces(tx: Tx, personId: number, placeIds: number[], from: string): Promise<{ added: number[]; removed: number[] }> {
  const wanted = [...new Set(placeIds)];
  // One change of a person's places at a time.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('place_assignments'), ${personId})`);
  const before = (
    await tx.execute<{ place_id: number }>(sql`SELECT place_id FROM place_assignments
    WHERE person_id = ${personId} AND valid_from <= ${from}::date AND (valid_to IS NULL OR valid_to > ${from}::date)`)
  ).rows.map((r) => r.place_id);
  await tx.execute(sql`DELETE FROM place_assignments WHERE person_id = ${personId} AND valid_from >= ${from}::date`);
  await tx.execute(sql`UPDATE place_assignments SET valid_to = ${from}::date WHERE person_id = ${personId} AND (valid_to IS NULL OR valid_to > ${from}::date)`);
  if (wanted.length) {
    await tx.execute(sql`UPDATE place_assignments SET valid_to = NULL
      WHERE person_id = ${personId} AND valid_to = ${from}::date AND place_id = ANY(${sql.param(wanted)}::int[])`);
    await tx.execute(sql`INSERT INTO place_assignments (person_id, place_id, valid_from)
      SELECT ${personId}, p, ${from}::date FROM unnest(${sql.param(wanted)}::int[]) AS p
      WHERE NOT EXISTS (SELECT 1 FROM place_assignments pa WHERE pa.person_id = ${personId} AND pa.place_id = p AND pa.valid_to IS NULL)`);
  }
  const had = new Set(before);
  return { added: wanted.filter((p) => !had.has(p)), removed: before.filter((p) => !wanted.includes(p)) };
}

export type AssignmentRow = {
  personId: number;
  personName: string;
  placeId: number;
  placeName: string;
  placeKind: string;
  communityCode: string;
  communityName: string | null;
  validFrom: string;
  validTo: string | null;
  lastDay: string | null;
};

/** The assignment rows of a region's places in force at some time in [from, to], by place and date (at most `limit`). */
export async function assignmentsIn(
  q: Q,
  prefix: string,
  range: { from: string; to: string },
  f: { personId?: number; placeId?: number } = {},
  limit = 5000,
): Promise<AssignmentRow[]> {
  const r = await q.execute<Omit<AssignmentRow, 'lastDay'>>(sql`
    SELECT pa.person_id AS "personId", pe.name AS "personName", pa.place_id AS "placeId", pl.name AS "placeName", pl.kind AS "placeKind",
      substr(pl.region_code, 1, 12) AS "communityCode", rg.name AS "communityName", pa.valid_from::text AS "validFrom", pa.valid_to::text AS "validTo"
    FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id JOIN people pe ON pe.id = pa.person_id
      LEFT JOIN regions rg ON rg.code = substr(pl.region_code, 1, 12)
    WHERE pl.region_code LIKE ${prefix + '%'} AND pa.valid_from <= ${range.to}::date AND (pa.valid_to IS NULL OR pa.valid_to > ${range.from}::date)
      ${f.personId ? sql`AND pa.person_id = ${f.personId}` : sql``} ${f.placeId ? sql`AND pa.place_id = ${f.placeId}` : sql``}
    ORDER BY pl.region_code, pl.name, pa.place_id, pa.valid_from, pe.name
    LIMIT ${limit}`);
  return r.rows.map((x) => ({ ...x, lastDay: x.validTo ? addDays(x.validTo, -1) : null }));
}
