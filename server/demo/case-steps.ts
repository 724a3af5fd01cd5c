// Pieces of the demo's case history (cases.ts): the 集中整 plan in progress,
// and the rectification photos the cadres upload with their submissions (a
// plain image made once, stored through the upload service like a phone's).
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { uploadPhoto } from '../modules/problems/problems.service.ts';
import { addProgress, savePlan, setMilestoneDone } from '../modules/plans/plans.service.ts';

/** A photo uploader for the demo's rectifications: one small picture, each upload its own stored copy. */
export function photoMaker(q: Db, storageDir: string) {
  let image: Promise<Buffer> | null = null;
  return async (actor: Actor): Promise<number> => {
    image ??= sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 168, g: 182, b: 160 } } })
      .jpeg({ quality: 70 })
      .toBuffer();
    return (await uploadPhoto(q, storageDir, actor, await image, '整改后.jpg')).id;
  };
}

/**
 * A 集中整 problem's plan, as its unit keeps it: written two working days after
 * acceptance, the first milestone done, progress reported at 40 % — then
 * nothing more yet (the later milestones still ahead).
 */
export function planSteps(day: string, wd: (day: string, n: number) => string) {
  return [
    {
      on: wd(day, 2),
      run: (q: Db, a: Actor, id: number) =>
        savePlan(
          q,
          a,
          id,
          {
            summary: '道路整体破损，需翻修路面并重铺人行道砖，分段施工、保障通行',
            measures: '先设置围挡和绕行提示，再分两段施工，每段完工后及时清理现场',
            responsibleName: a.name,
            milestones: [
              { title: '制定施工方案并报镇创城办', dueDate: wd(day, 5) },
              { title: '完成第一段路面翻修', dueDate: wd(day, 12) },
              { title: '完成全部翻修并清理现场，申请验收', dueDate: wd(day, 19) },
            ],
          },
          null,
        ),
    },
    {
      on: wd(day, 5),
      run: async (q: Db, a: Actor, id: number) => {
        // The plan's first milestone (read here: the plan page's read runs its queries in parallel, which a transaction's one connection cannot).
        const first = (
          await q.execute<{ id: number }>(sql`SELECT m.id FROM plan_milestones m JOIN rectification_plans p ON p.id = m.plan_id
        WHERE p.problem_id = ${id} ORDER BY m.sort, m.id LIMIT 1`)
        ).rows[0];
        if (first) await setMilestoneDone(q, a, id, first.id, true);
      },
    },
    { on: wd(day, 9), run: (q: Db, a: Actor, id: number) => addProgress(q, a, id, '第一段路面已完成基层处理，正在铺设面层', 40) },
  ];
}
