// SQL for who patrols, supervises and keeps what in a town (assignments.service.ts):
// the communities' supervisors, the people who may be assigned, the places'
// holders and the demo points.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** The town's communities with the people supervising each. */
export async function supervisionOf(q: Q, townCode: string) {
  const r = await q.execute<{ code: string; name: string; supervisors: { id: number; name: string }[] }>(sql`
    SELECT rg.code, rg.name, COALESCE((SELECT json_agg(json_build_object('id', pe.id, 'name', pe.name) ORDER BY pe.name)
      FROM supervision_assignments sa JOIN people pe ON pe.id = sa.person_id AND pe.active WHERE sa.community_code = rg.code), '[]') AS supervisors
    FROM regions rg WHERE rg.parent_code = ${townCode} AND rg.level = 'community' ORDER BY rg.code`);
  return r.rows;
}

/** People holding one of these roles over (part of) the town, with the town's communities they supervise. */
export async function peopleWithRoles(q: Q, townCode: string, roles: string[]) {
  const r = await q.execute<{ id: number; name: string; title: string | null; roles: string[]; communities: { code: string; name: string }[] }>(sql`
    SELECT pe.id, pe.name, pe.title, array_agg(DISTINCT g.role) AS roles,
      COALESCE((SELECT json_agg(json_build_object('code', rg.code, 'name', rg.name) ORDER BY rg.code)
        FROM supervision_assignments sa JOIN regions rg ON rg.code = sa.community_code
        WHERE sa.person_id = pe.id AND sa.community_code LIKE ${townCode + '%'}), '[]') AS communities
    FROM people pe JOIN role_grants g ON g.person_id = pe.id
    WHERE pe.active AND g.role = ANY(${sql.param(roles)}::text[])
      AND (g.scope_region_code LIKE ${townCode + '%'} OR ${townCode} LIKE g.scope_region_code || '%')
    GROUP BY pe.id ORDER BY pe.name, pe.id`);
  return r.rows;
}

export async function personRoles(q: Q, ids: number[]) {
  if (!ids.length) return new Map<number, { name: string; roles: string[] }>();
  const r = await q.execute<{ id: number; name: string; roles: string[] }>(sql`
    SELECT pe.id, pe.name, array_remove(array_agg(g.role), NULL) AS roles FROM people pe LEFT JOIN role_grants g ON g.person_id = pe.id
    WHERE pe.id = ANY(${sql.param(ids)}::int[]) AND pe.active GROUP BY pe.id`);
  return new Map(r.rows.map((x) => [x.id, { name: x.name, roles: x.roles }]));
}

/** Replace a person's supervised communities inside a town (the rest of their list stays). */
export async function replaceSupervision(q: Q, personId: number, townCode: string, codes: string[]) {
  await q.execute(sql`DELETE FROM supervision_assignments WHERE person_id = ${personId} AND community_code LIKE ${townCode + '%'}
    AND community_code <> ALL(${sql.param(codes)}::text[])`);
  if (codes.length) {
    await q.execute(
      sql`INSERT INTO supervision_assignments (person_id, community_code) SELECT ${personId}, unnest(${sql.param(codes)}::text[]) ON CONFLICT DO NOTHING`,
    );
  }
}

/** Street chiefs (and anyone else holding places) of a town with their places. */
export async function placeHolders(q: Q, townCode: string) {
  const r = await q.execute<{
    id: number;
    name: string;
    title: string | null;
    places: { id: number; name: string; kind: string; communityName: string | null }[];
  }>(sql`
    SELECT pe.id, pe.name, pe.title,
      COALESCE(json_agg(json_build_object('id', pl.id, 'name', pl.name, 'kind', pl.kind, 'communityName', rc.name) ORDER BY pl.region_code, pl.kind, pl.name)
        FILTER (WHERE pl.id IS NOT NULL), '[]') AS places
    FROM people pe
    LEFT JOIN place_assignments pa ON pa.person_id = pe.id AND pa.valid_to IS NULL
    LEFT JOIN places pl ON pl.id = pa.place_id AND pl.region_code LIKE ${townCode + '%'}
    LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    WHERE pe.active AND (EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = pe.id AND g.role = 'street_chief' AND g.scope_region_code LIKE ${townCode + '%'})
      OR EXISTS (SELECT 1 FROM place_assignments pa2 JOIN places pl2 ON pl2.id = pa2.place_id WHERE pa2.person_id = pe.id AND pa2.valid_to IS NULL AND pl2.region_code LIKE ${townCode + '%'}))
    GROUP BY pe.id ORDER BY min(pl.region_code), pe.name`);
  return r.rows;
}

export async function demoPoints(q: Q, townCode: string) {
  const r = await q.execute<{
    id: number;
    name: string;
    pointType: string | null;
    communityCode: string;
    communityName: string | null;
    unitId: number | null;
    unitName: string | null;
  }>(sql`
    SELECT pl.id, pl.name, pl.point_type AS "pointType", left(pl.region_code, 12) AS "communityCode", rc.name AS "communityName",
      u.id AS "unitId", u.name AS "unitName"
    FROM places pl LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12) LEFT JOIN units u ON u.id = pl.responsible_unit_id
    WHERE pl.is_demo_point AND pl.region_code LIKE ${townCode + '%'} ORDER BY pl.region_code, pl.name`);
  return r.rows;
}
