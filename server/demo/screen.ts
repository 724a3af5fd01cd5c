// The demo's 大屏 display tokens (issue 19 item 6): the town office made one for the hall's screen and one for a
// meeting room it later revoked, so 指挥大屏 lists a live and a revoked display. The tokens themselves were shown
// once and are kept by nobody: to try a wall display, create one on that page (or open /screen signed in as leader).
import type { Db } from '../db/pool.ts';
import { screenTokens } from '../modules/screen/index.ts';
import { demoActors } from './actors.ts';

export async function loadDemoScreen(q: Db, townCode: string) {
  const office = (await demoActors(q)).byUsername('office');
  if (!office) return;
  await screenTokens.createToken(q, office, { name: '镇政府一楼大厅大屏', regionCode: townCode });
  const room = await screenTokens.createToken(q, office, { name: '三楼会议室（已停用）', regionCode: townCode });
  await screenTokens.revokeToken(q, office, room.id);
}
