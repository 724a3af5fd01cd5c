// The demo's rectification work for a department (issue 14), so 城管局's
// liaison (李建新) finds a lived-in queue on the phone (/m): three problems
// the office found on its own rounds (自查) in the town's first community,
// filed and dispatched to 长汀县城市管理局 — two 待接收, one accepted and
// 整改中. Everything goes through intake and transition(), as a user would.
// (The community cadres' queue comes from the inbox's demo: demo/inbox.ts.)
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Actor, EffectiveGrant } from '../../domain/permissions.ts';
import { intake, transition } from '../modules/problems/index.ts';
import { loadConfig } from '../platform/config.ts';

const FINDINGS = [
  { category: '机动车乱停放', description: '主干道人行道上长期停放多辆机动车，行人被迫走机动车道', address: '主街与巷口交叉处' },
  { category: '乱堆物堆料', description: '沿街店铺在人行道上堆放建材和纸箱，占道约 10 米', address: '农贸市场东侧人行道' },
  { category: '路面破损', description: '人行道砖松动破损约 3 平方米，雨天积水', address: '公交站台北侧' },
] as const;

async function actorBy(q: Db, where: ReturnType<typeof sql>): Promise<Actor | null> {
  const r = await q.execute<{ id: number; name: string; grants: EffectiveGrant[] }>(sql`
    SELECT p.id, p.name, json_agg(json_build_object('role', g.role,
      'regionCode', CASE WHEN g.scope_unit_id IS NOT NULL THEN u.region_code ELSE g.scope_region_code END, 'unitId', g.scope_unit_id)) AS grants
    FROM people p JOIN role_grants g ON g.person_id = p.id LEFT JOIN units u ON u.id = g.scope_unit_id
    WHERE ${where} GROUP BY p.id ORDER BY p.id LIMIT 1`);
  const p = r.rows[0];
  return p ? { personId: p.id, name: p.name, grants: p.grants } : null;
}

export async function loadDemoRectification(q: Db, townCode: string): Promise<number> {
  const office = await actorBy(q, sql`lower(p.username) = 'office'`);
  const unit = (await q.execute<{ id: number }>(sql`SELECT id FROM units WHERE name = '长汀县城市管理局' AND kind = 'department' LIMIT 1`)).rows[0];
  const community = (
    await q.execute<{ code: string }>(sql`SELECT code FROM regions WHERE level = 'community' AND code LIKE ${townCode + '%'} ORDER BY code LIMIT 1`)
  ).rows[0];
  if (!office || !unit || !community) return 0;
  const liaison = await actorBy(q, sql`p.id IN (SELECT person_id FROM role_grants WHERE role = 'unit_liaison' AND scope_unit_id = ${unit.id})`);
  const config = loadConfig({}, []);
  let made = 0;
  for (const [i, f] of FINDINGS.entries()) {
    const cat = (await q.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${f.category} AND level = 2 AND active LIMIT 1`)).rows[0];
    if (!cat) continue;
    const p = await intake(
      q,
      { actor: office },
      {
        source: 'self_check',
        categoryId: cat.id,
        tier: 'community',
        description: f.description,
        address: f.address,
        regionCode: community.code,
        then: 'dispatch',
        unitId: unit.id,
      },
      config,
    );
    made++;
    if (i === 0 && liaison) await transition(q, liaison, p.id, 'accept', { version: p.version });
  }
  return made;
}
