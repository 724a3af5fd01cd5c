// The demo town's months of case history, so every page has a past: problems
// found by the office's and the supervisors' rounds over the last months and
// taken through the whole loop as the people would have, on their days —
// closed on time, closed late, reworked then closed, accepted and left
// overdue, submitted and awaiting verification, extended, still under a
// 集中整 plan, rejected, merged — with the town's notices over some of them
// (composed by the supervisor, approved by a leader, published with a 文号,
// all their problems closed so the feedback can go out), the 回头看 on the
// closed ones (kept, recurred, or due), the daily deadline sweep (overdue
// rows), the weekly 问责 sweep with the leaders' decisions, and each past
// month's 红黑榜 submitted by the office and approved by a leader.
//
// Every step goes through the real services as of its moment (timeline.ts:
// the clock pinned, SQL's now() stamps moved by history.ts). What happens is
// decided by the demo's prng and the day the demo is loaded, so two loads on
// the same day are the same town; a step that fails (a holiday calendar
// nobody foresaw) ends that problem's story where it stands and is printed.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/calendar.ts';
import { addDays } from '../../domain/dates.ts';
import { periodOf } from '../../domain/assessment/periods.ts';
import { DECISIONS } from '../../domain/accountability.ts';
import { getCalendar, todayChina } from '../modules/calendar/calendar.service.ts';
import { intake, transition } from '../modules/problems/index.ts';
import type { ProblemAction } from '../../domain/problems/workflow.ts';
import { requestExtension, decideExtension } from '../modules/problems/extensions.ts';
import * as notices from '../modules/notices/notices.service.ts';
import { recordResult } from '../modules/reinspections/reinspections.service.ts';
import { decide as decideAccountability } from '../modules/accountability/accountability.service.ts';
import { runAccountabilitySweep } from '../modules/accountability/accountability.sweep.ts';
import { runDeadlineSweep } from '../jobs/deadline-sweep.ts';
import { prepare as prepareRanking, decide as decideRanking } from '../modules/assessment/rankings.ts';
import { loadConfig } from '../platform/config.ts';
import { now as clockNow } from '../platform/clock.ts';
import { demoActors } from './actors.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { prng } from './data.ts';
import { History, chinaTime } from './history.ts';
import { Timeline } from './timeline.ts';
import { planSteps, photoMaker } from './case-steps.ts';

/** How far back the case history reaches (calendar days before today). */
export const CASE_HISTORY_DAYS = 110;

type Kind = 'on_time' | 'late' | 'rework' | 'overdue' | 'awaiting' | 'extension' | 'rejected' | 'merged' | 'plan';

const FINDINGS: Record<string, string[]> = {
  暴露垃圾: ['背街小巷墙角堆积生活垃圾，散发异味', '垃圾桶满溢未及时清运，周边散落垃圾', '绿化带内有暴露垃圾和塑料袋'],
  非法小广告: ['电线杆和墙面张贴大量非法小广告', '居民楼道内喷涂办证小广告', '公交站台张贴小广告未清理'],
  乱堆物堆料: ['沿街店铺在人行道堆放纸箱杂物', '楼道内堆放废旧家具，影响通行', '小区空地堆放建筑垃圾'],
  机动车乱停放: ['机动车占用人行道停放，行人通行不便', '小区出入口车辆乱停放，堵塞消防通道', '农贸市场门口车辆无序停放'],
  路面破损: ['人行道砖松动破损，雨天积水', '巷道路面坑洼，存在安全隐患', '窨井盖破损下沉'],
};

export interface CaseCounts {
  problems: number;
  steps: number;
  failed: number;
}

export async function loadDemoCases(q: Db, townCode: string, storageDir: string): Promise<CaseCounts> {
  const started = clockNow();
  const today = todayChina(started);
  const cal = await getCalendar(q);
  const cfg = loadConfig({}, []);
  const r = prng(`chuangcheng-cases-${townCode}`);
  const { byUsername, byRole, actorOf } = await demoActors(q);
  const office = byUsername('office');
  const supervisor = byUsername('supervisor');
  const leader = byRole('town_leader')[0];
  if (!office || !supervisor || !leader) return { problems: 0, steps: 0, failed: 0 };
  const communities = (
    await q.execute<{ code: string; committee: number }>(sql`
    SELECT r.code, (SELECT u.id FROM units u WHERE u.kind = 'community_committee' AND u.region_code = r.code ORDER BY u.id LIMIT 1) AS committee
    FROM regions r WHERE r.parent_code = ${townCode} AND r.level = 'community' ORDER BY r.code`)
  ).rows.filter((c) => c.committee);
  const places = (
    await q.execute<{ id: number; name: string; region_code: string }>(sql`
    SELECT id, name, region_code FROM places WHERE region_code LIKE ${townCode + '%'} AND kind IN ('street', 'compound') ORDER BY id`)
  ).rows;
  const categories = new Map(
    (
      await q.execute<{ id: number; name: string }>(sql`
    SELECT DISTINCT ON (name) id, name FROM categories WHERE level = 2 AND active AND name = ANY(${sql.param(Object.keys(FINDINGS))}::text[]) ORDER BY name, id`)
    ).rows.map((c) => [c.name, c.id]),
  );
  const heritage = (
    await q.execute<{ id: number }>(sql`SELECT id FROM units WHERE kind = 'department' AND name LIKE '%历史文化名城管委会' ORDER BY id LIMIT 1`)
  ).rows[0]?.id;
  const heritageLiaison = actorOf(DEMO_ACCOUNTS.find((a) => a.scope && 'unit' in a.scope && a.scope.unit === 'dept.heritage')?.phone ?? '');
  if (communities.length < 4 || !categories.size) return { problems: 0, steps: 0, failed: 0 };
  const cadreOf = (community: string): Actor | null => byRole('community_staff').find((a) => a.grants.some((g) => g.regionCode === community)) ?? null;

  const history = await History.begin(q);
  const tl = new Timeline(q, chinaTime(today, 0)); // nothing on or after today: today is the visitor's
  const photo = photoMaker(q, storageDir);
  const wd = (day: string, n: number) => (n === 0 ? day : addWorkingDays(day, n, cal));
  const firstDay = addDays(today, -CASE_HISTORY_DAYS);
  /** The working day n working days before `day`. */
  const wdBack = (day: string, n: number) => {
    let d = day;
    for (let k = 0; k < n; ) {
      d = addDays(d, -1);
      if (isWorkingDay(d, cal)) k++;
    }
    return d;
  };
  const workday = (d: string) => (isWorkingDay(d, cal) ? d : addWorkingDays(d, 1, cal));
  const version = async (id: number) => Number((await q.execute<{ v: number }>(sql`SELECT version AS v FROM problems WHERE id = ${id}`)).rows[0].v);
  let made = 0;

  // 回头看 of a closed problem on its due day: most kept, every fifth recurred; those due in the last days are left due.
  let looked = 0;
  const lookLater = async (problemId: number) => {
    const ri = (
      await q.execute<{ id: number; due_date: string }>(sql`
      SELECT id, due_date::text FROM reinspections WHERE problem_id = ${problemId} AND state = 'scheduled'`)
    ).rows[0];
    if (!ri || ri.due_date >= addDays(today, -3)) return;
    const recurred = ++looked % 5 === 0;
    tl.add(chinaTime(ri.due_date, 10 * 60 + 30), `look ${ri.id}`, async () => {
      await recordResult(
        q,
        supervisor,
        ri.id,
        recurred ? { result: 'recurred', note: '回头看发现问题复发，已重新立案派遣' } : { result: 'pass', note: '回头看整改效果保持良好' },
      );
    });
  };

  /** One problem's story from `day`, as the kind says; the steps land on the timeline. */
  const story = (
    kind: Kind,
    c: (typeof communities)[number],
    day: string,
    opts: { onCreated?: (id: number) => void; mergeInto?: () => number | null } = {},
  ) => {
    const catNames = [...categories.keys()];
    const catName = catNames[r.int(0, catNames.length - 1)];
    const texts = FINDINGS[catName];
    const mine = places.filter((p) => p.region_code.startsWith(c.code));
    const place = mine.length ? mine[r.int(0, mine.length - 1)] : null;
    const description = `${place ? place.name + '：' : ''}${texts[r.int(0, texts.length - 1)]}`;
    const cadre = cadreOf(c.code);
    const s: { id: number; dead: boolean; request?: number } = { id: 0, dead: false };
    const step = (on: string, minutes: number, what: string, run: () => Promise<unknown>) =>
      tl.add(chinaTime(on, minutes), `${kind} ${c.code} ${what}`, async () => {
        if (s.dead || (what !== 'report' && !s.id)) return;
        try {
          await run();
        } catch (e) {
          s.dead = true;
          throw e;
        }
      });
    const move =
      (who: Actor | null, action: ProblemAction, input: Record<string, unknown> = {}) =>
      async () => {
        if (!who) throw new Error(`no actor for ${action}`);
        await transition(q, who, s.id, action, { version: await version(s.id), ...input });
      };
    const submit = (note: string) => async () => {
      const id = await photo(cadre!);
      await move(cadre, 'submit', { note, photoIds: [id] })();
    };
    const reported = kind === 'rejected' || kind === 'merged';
    const centralized = kind === 'plan';
    step(day, 9 * 60 + r.int(0, 90), 'report', async () => {
      const p = await intake(
        q,
        { actor: kind === 'rejected' || kind === 'merged' ? supervisor : office },
        {
          source: kind === 'rejected' || kind === 'merged' ? 'supervision' : 'self_check',
          categoryId: categories.get(catName)!,
          tier: centralized ? 'centralized' : 'community',
          description: centralized ? `${place?.name ?? ''}：道路破损严重，需整体翻修` : description,
          regionCode: place?.region_code ?? c.code,
          placeId: place?.id ?? null,
          ...(reported ? {} : { then: 'dispatch' as const, unitId: centralized ? heritage : c.committee }),
        },
        cfg,
      );
      s.id = p.id;
      made++;
      opts.onCreated?.(p.id);
    });
    const assignee = centralized ? heritageLiaison : cadre;
    switch (kind) {
      case 'rejected':
        step(day, 11 * 60, 'reject', move(office, 'reject', { reason: 'out_of_jurisdiction', note: '该处为县直单位管理区域，已转交主管部门' }));
        return;
      case 'merged':
        step(day, 11 * 60 + 30, 'merge', async () => {
          const target = opts.mergeInto?.();
          if (!target) throw new Error('nothing to merge into');
          await move(office, 'merge', { targetId: target })();
        });
        return;
      case 'plan':
        step(wd(day, 1), 9 * 60 + 30, 'accept', move(assignee, 'accept'));
        for (const [i, x] of planSteps(day, wd).entries()) step(x.on, 10 * 60 + i, `plan ${i}`, () => x.run(q, assignee!, s.id));
        return;
    }
    step(wd(day, 1), 9 * 60 + 30, 'accept', move(assignee, 'accept'));
    const close = (on: string) =>
      step(on, 16 * 60, 'verify', async () => {
        await move(office, 'verify_pass', { note: '经现场核查，已整改到位' })();
        await lookLater(s.id);
      });
    switch (kind) {
      case 'on_time':
        step(wd(day, 2), 15 * 60, 'submit', submit('已组织人员清理整改，恢复整洁'));
        close(wd(day, 3));
        break;
      case 'late':
        step(wd(day, 5), 15 * 60, 'submit', submit('协调相关业主后整改完毕'));
        close(wd(day, 6));
        break;
      case 'rework':
        step(wd(day, 1), 16 * 60, 'submit', submit('已清理'));
        step(wd(day, 2), 10 * 60, 'fail', move(office, 'verify_fail', { note: '现场复核仍有残留，整改不彻底，请返工', dueDate: wd(day, 4) }));
        step(wd(day, 3), 15 * 60, 'resubmit', submit('已返工，彻底清理并加强日常保洁'));
        close(wd(day, 4));
        break;
      case 'awaiting':
        step(wd(day, 2), 15 * 60, 'submit', submit('已整改，请核查'));
        break;
      case 'extension':
        step(wd(day, 2), 10 * 60, 'request', async () => {
          s.request = (await requestExtension(q, cadre!, s.id, 5, '需协调产权单位共同处理，申请延期')).id;
        });
        step(wd(day, 2), 15 * 60, 'approve extension', async () => {
          await decideExtension(q, office, s.id, s.request!, true, '同意延期，请按新期限完成');
        });
        step(wd(day, 6), 15 * 60, 'submit', submit('已会同产权单位整改完毕'));
        close(wd(day, 7));
        break;
      case 'overdue':
        break; // accepted, never finished: overdue
    }
  };

  // 1. The months: every community has a few stories, how they end shaped by its diligence.
  const span = CASE_HISTORY_DAYS - 12;
  for (const [i, c] of communities.entries()) {
    const diligence = 0.35 + 0.6 * r.next();
    const n = 2 + (i % 3);
    for (let k = 0; k < n; k++) {
      const day = workday(addDays(firstDay, r.int(0, span)));
      const x = r.next();
      const kind: Kind =
        x < diligence ? 'on_time' : x < diligence + (1 - diligence) * 0.45 ? 'late' : x < diligence + (1 - diligence) * 0.8 ? 'rework' : 'overdue';
      story(kind, c, day);
    }
  }
  // 2. The states a visitor should always find, on fixed days.
  const at = (n: number) => communities[n % communities.length];
  story('overdue', at(1), workday(addDays(today, -45)));
  story('overdue', at(4), workday(addDays(today, -32)));
  story('overdue', at(7), workday(addDays(today, -20)));
  story('on_time', at(2), workday(addDays(today, -14)));
  story('on_time', at(5), workday(addDays(today, -12)));
  story('awaiting', at(3), wdBack(today, 3));
  story('awaiting', at(8), wdBack(today, 4));
  story('extension', at(6), workday(addDays(today, -30)));
  story('extension', at(9), wdBack(today, 4));
  story('rejected', at(10), workday(addDays(today, -40)));
  story('rejected', at(0), workday(addDays(today, -9)));
  let mergeTarget: number | null = null;
  const mergeDay = workday(addDays(today, -25));
  story('on_time', at(11), mergeDay, {
    onCreated: (id) => {
      mergeTarget = id;
    },
  });
  story('merged', at(11), mergeDay, { mergeInto: () => mergeTarget });
  story('plan', at(12), workday(addDays(today, -18)));

  // 3. Two town notices over problems of their day: one long closed (feedback ready), one with a problem still overdue.
  const notice = (day: string, kinds: Kind[], title: string, kindOf: 'supervision' | 'unannounced_visit') => {
    const ids: number[] = [];
    for (const [j, k] of kinds.entries()) story(k, at(j * 4 + 1), day, { onCreated: (id) => ids.push(id) });
    const publishDay = wd(day, 1);
    const s = { id: 0 };
    tl.add(chinaTime(day, 14 * 60), `notice ${title} compose`, async () => {
      s.id = (
        await notices.compose(q, supervisor, {
          kind: kindOf,
          title,
          issueDate: day,
          dueDate: wd(publishDay, 5),
          problemIds: ids,
          intro: '近期，镇督查组对各社区进行了督查，现将发现的问题通报如下，请各责任单位按期整改。',
        })
      ).id;
      await notices.act(q, office, s.id, 'submit', { version: (await notices.get(q, office, s.id)).version });
    });
    tl.add(chinaTime(publishDay, 8 * 60 + 40), `notice ${title} approve`, async () => {
      await notices.act(q, leader, s.id, 'approve', { version: (await notices.get(q, leader, s.id)).version, note: '同意印发' });
    });
    tl.add(chinaTime(publishDay, 9 * 60), `notice ${title} publish`, async () => {
      await notices.act(q, office, s.id, 'publish', { version: (await notices.get(q, office, s.id)).version, confirmDeadlineChanges: true });
    });
  };
  notice(workday(addDays(today, -80)), ['on_time', 'on_time', 'late'], '关于背街小巷环境卫生督查情况的通报', 'supervision');
  notice(workday(addDays(today, -38)), ['on_time', 'overdue'], '关于农贸市场周边秩序暗访情况的通报', 'unannounced_visit');

  // 4. The deadline sweep every working day (reminders, overdue rows) and the weekly 问责 sweep, decided by a leader three working days later.
  let decisions = 0;
  for (let d = firstDay; d < today; d = addDays(d, 1)) {
    if (isWorkingDay(d, cal))
      tl.add(chinaTime(d, 7 * 60), 'deadline sweep', async () => {
        await runDeadlineSweep(q, clockNow());
      });
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) continue;
    tl.add(chinaTime(d, 7 * 60 + 30), 'accountability sweep', async () => {
      const before = Number((await q.execute<{ m: number }>(sql`SELECT coalesce(max(id), 0)::bigint AS m FROM accountability_items`)).rows[0].m);
      await runAccountabilitySweep(q, clockNow());
      const opened = (await q.execute<{ id: number }>(sql`SELECT id FROM accountability_items WHERE id > ${before} AND town_code = ${townCode} ORDER BY id`))
        .rows;
      for (const item of opened) {
        const decision = DECISIONS[decisions++ % DECISIONS.length];
        const on = wd(d, 3);
        tl.add(chinaTime(on, 11 * 60), 'accountability decide', async () => {
          await decideAccountability(q, leader, item.id, {
            decision,
            note: decision === '不予问责' ? '已说明客观原因，经研究不予问责' : '经镇党政联席会议研究决定',
            decisionDate: on,
          });
        });
      }
    });
  }

  // 5. Each past month's 红黑榜: submitted by the office on the month's third day after, approved by a leader that afternoon.
  for (let m = 3; m >= 1; m--) {
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - m);
    const period = periodOf('month', d.toISOString().slice(0, 10));
    if (period.start < firstDay.slice(0, 7) + '-01') continue;
    const on = wd(addDays(period.end, 1), 2);
    const s = { id: 0 };
    tl.add(chinaTime(on, 10 * 60), `ranking ${period.start} submit`, async () => {
      s.id = (await prepareRanking(q, office, townCode, period, 'submit')).id;
    });
    tl.add(chinaTime(on, 16 * 60), `ranking ${period.start} approve`, async () => {
      const v = Number((await q.execute<{ v: number }>(sql`SELECT version AS v FROM rankings WHERE id = ${s.id}`)).rows[0].v);
      await decideRanking(q, leader, s.id, 'approve', { version: v, note: '同意发布' });
    });
  }

  const failures = await tl.play(history);
  for (const f of failures) console.error(`演示数据：${f.label} 未能完成`, f.error);
  return { problems: made, steps: tl.played, failed: failures.length };
}
