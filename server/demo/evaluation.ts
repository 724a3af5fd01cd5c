// The demo's national evaluation (issue 20), through the evaluation services:
// the seeded 测评体系 as the town's version 1, this year's cycle (assumed test
// month four months ahead), and materials in every state: accepted, waiting
// for review, returned with a comment, and standards still missing (some past
// a department's own earlier deadline), from the town office, 城管局 and the
// practice institute, as files, photos, a meeting's minutes and a figure.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addDays } from '../../domain/dates.ts';
import { loadConfig } from '../platform/config.ts';
import { todayChina } from '../modules/calendar/index.ts';
import { uploadPhoto } from '../modules/problems/index.ts';
import { uploadDocument } from '../modules/files/index.ts';
import { evaluationCycles, evaluationMaterials, evaluationSystems } from '../modules/evaluation/index.ts';
import { demoActors } from './actors.ts';

const PDF = (n: number) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<< /Type /Catalog /Pages 2 0 R >>endobj\n2 0 obj<< /Type /Pages /Kids [] /Count 0 >>endobj\n% ${n}\ntrailer<< /Root 1 0 R >>\n%%EOF\n`,
  );

export async function loadDemoEvaluation(q: Db, townCode: string, storageDir = loadConfig(process.env, []).storageDir) {
  const { byUsername } = await demoActors(q);
  const office = byUsername('office');
  const liaison = byUsername('liaison');
  if (!office) return { materials: 0 };
  const today = todayChina();
  const [y, m] = today.split('-').map(Number);
  const test = new Date(Date.UTC(y, m - 1 + 4, 1));
  const testMonth = test.toISOString().slice(0, 7);
  const deadline = addDays(`${testMonth}-01`, -31);
  const { system } = await evaluationSystems.createFromSeed(q, office, townCode);
  const cycle = await evaluationCycles.save(q, office, { townCode, year: y, systemId: system.id, testMonth, deadline });
  const all = (await evaluationMaterials.listAssignments(q, office, { cycle: cycle.id, limit: 200 })).items;
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a9' } })
    .jpeg()
    .toBuffer();
  const meeting = (
    await q.execute<{ id: number }>(
      sql`SELECT id FROM meetings WHERE town_code = ${townCode} AND day >= ${addDays(today, -200)} AND day <= ${today} ORDER BY day DESC LIMIT 1`,
    )
  ).rows[0];
  let n = 0;
  const day = (back: number) => addDays(today, -back);
  const submit = async (who: Actor, a: (typeof all)[number], kind: string, title: string, back: number) => {
    const body: Parameters<typeof evaluationMaterials.submit>[3] = { kind: kind as never, title, dated: day(back) };
    if (kind === 'photo') body.photoId = (await uploadPhoto(q, storageDir, who, photo, `${title}.jpg`)).id;
    else if (kind === 'table' && n % 2 === 0) body.evidence = { type: 'figure', ref: 'meetings.weekly' };
    else if (kind === 'explanation' && meeting) body.evidence = { type: 'meeting', id: Number(meeting.id) };
    else body.fileId = (await uploadDocument(q, storageDir, 20 * 1024 * 1024, who, PDF(n), `${title}.pdf`)).id;
    n++;
    return evaluationMaterials.submit(q, who, a.id, body);
  };
  const titles: Record<string, string> = { regulation: '制度文件', explanation: '工作情况说明', photo: '现场实景照片', table: '工作台账统计表' };
  // The office's own standards: most complete, some waiting, one returned.
  const mine = all.filter((a) => a.unitName.endsWith('创城办'));
  for (const [i, a] of mine.entries()) {
    for (const [j, kind] of a.kinds.entries()) {
      if (i % 4 === 3 && j > 0) break; // every fourth standard: only its first kind so far
      const mat = await submit(office, a, kind, `${a.code} ${titles[kind]}`, 10 + i * 7 + j);
      if (i % 4 === 0 || i % 4 === 1) await evaluationMaterials.review(q, office, mat.id, { decision: 'accept', version: mat.version });
      else if (i % 4 === 2 && j === 0)
        await evaluationMaterials.review(q, office, mat.id, { decision: 'return', comment: '文件未加盖公章，请补充盖章扫描件', version: mat.version });
    }
  }
  // 城管局 (its liaison): one standard complete, one waiting, one returned photo, the rest still owed.
  const urban = all.filter((a) => a.unitName.includes('城市管理局'));
  if (liaison)
    for (const [i, a] of urban.slice(0, 3).entries())
      for (const kind of a.kinds) {
        const mat = await submit(liaison, a, kind, `${a.code} ${titles[kind]}`, 20 + i * 11);
        if (i === 0) await evaluationMaterials.review(q, office, mat.id, { decision: 'accept', version: mat.version });
        if (i === 2 && kind === 'photo')
          await evaluationMaterials.review(q, office, mat.id, { decision: 'return', comment: '照片未体现门前三包责任牌，请重拍', version: mat.version });
      }
  return { materials: n };
}
