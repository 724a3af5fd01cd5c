// The demo's pending work, so the inbox (待办) is lived-in on the first
// sign-in: problems from the demo's inspections dispatched to their
// communities (待接收 for the cadres), one returned to the office (退回待改派),
// one with an extension request (延期申请待审批), a notice drafted by the
// supervisor and submitted by the office (通报待审批 for the leaders) and a
// second draft of the supervisor's. Everything goes through the services, as
// a user would, so the items are those the live product opens.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { demoActors } from './actors.ts';
import { transition } from '../modules/problems/index.ts';
import { requestExtension } from '../modules/problems/extensions.ts';
import * as notices from '../modules/notices/notices.service.ts';
import { todayChina } from '../modules/calendar/index.ts';

export async function loadDemoInbox(q: Db, townCode: string): Promise<number> {
  const { byUsername, byRole } = await demoActors(q);
  const office = byUsername('office');
  const supervisor = byUsername('supervisor');
  if (!office || !supervisor) return 0;
  const cadres = byRole('community_staff');
  const cadreOf = (community: string) => cadres.find((a) => a.grants.some((g) => g.role === 'community_staff' && g.regionCode === community)) ?? null;
  const reported = (
    await q.execute<{ id: number; version: number; region_code: string; committee: number | null }>(sql`
    SELECT p.id, p.version, p.region_code,
      (SELECT u.id FROM units u WHERE u.kind = 'community_committee' AND u.region_code = left(p.region_code, 12) LIMIT 1) AS committee
    FROM problems p WHERE p.town_code = ${townCode} AND p.state = 'reported' ORDER BY p.id`)
  ).rows.filter((p) => p.committee);
  if (reported.length < 7) return 0;
  const [a, b, ret, ext, n1, n2, n3] = reported;

  const dispatched = async (p: (typeof reported)[number]) => {
    const filed = await transition(q, office, p.id, 'file', { version: p.version });
    return transition(q, office, p.id, 'dispatch', { version: filed.version, unitId: p.committee });
  };
  await dispatched(a);
  await dispatched(b);
  const r = await dispatched(ret);
  const cadre = cadreOf(ret.region_code.slice(0, 12));
  if (cadre) await transition(q, cadre, ret.id, 'return', { version: r.version, note: '该处为县城管局管辖的主干道，不属于社区职责，请改派' });
  const e = await dispatched(ext);
  const cadre2 = cadreOf(ext.region_code.slice(0, 12));
  if (cadre2) {
    await transition(q, cadre2, ext.id, 'accept', { version: e.version });
    await requestExtension(q, cadre2, ext.id, 3, '需协调物业和业主共同清理，周末施工队方可进场');
  }

  const today = todayChina();
  const draft = await notices.compose(q, supervisor, {
    kind: 'supervision',
    title: '关于近期创城督查发现问题的通报',
    issueDate: today,
    problemIds: [n1.id, n2.id],
    intro: '近期，镇督查组对各社区背街小巷、农贸市场周边进行了督查，现将发现的问题通报如下，请各社区按期整改。',
  });
  const n = await notices.get(q, office, draft.id);
  await notices.act(q, office, draft.id, 'submit', { version: n.version });
  await notices.compose(q, supervisor, { kind: 'unannounced_visit', title: '关于夜间暗访情况的通报（草稿）', issueDate: today, problemIds: [n3.id] });
  return 1;
}
