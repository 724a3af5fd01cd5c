// Existing pending things into the inbox, once: a database that has pending
// notices, extensions, 问责 items, rankings and problems from before the inbox
// existed gets their items at start-up (server/main.ts), without notifying
// anyone again. It runs only while the inbox is empty; from then on the owning
// modules open and close items as things move. Reads the other modules'
// tables, writes only inbox_items.
import type { Db } from '../../db/pool.ts';
import { INBOX_KINDS, inboxDueDate, inboxLink, problemItemTitle, type InboxKind } from '../../../domain/inbox.ts';
import { NOTICE_KIND_LABELS, type NoticeKind } from '../../../domain/notices/vocab.ts';
import { chinaDate } from '../../../domain/dates.ts';
import { getCalendar } from '../calendar/index.ts';
import * as repo from './inbox.repository.ts';

type Pending = { kind: InboxKind; region: string; owner: repo.Owner; subject: number; title: string; since: string; due: string | null };

export async function backfillInbox(db: Db): Promise<number> {
  if (!(await repo.isEmpty(db))) return 0;
  const pending = await repo.pendingBefore(db);
  const day = (v: unknown) => chinaDate(v instanceof Date ? v : new Date(String(v)));
  const town = (code: string) => ({ role: 'town_leader', regionCode: code.slice(0, 9) });
  const office = (code: string) => ({ role: 'office_staff', regionCode: code.slice(0, 9) });
  const items: Pending[] = [];

  for (const n of pending.notices) {
    items.push({
      kind: 'notice_approval',
      region: n.town_code,
      owner: town(n.town_code),
      subject: n.id,
      title: `${NOTICE_KIND_LABELS[n.kind as NoticeKind] ?? ''}「${n.title}」`,
      since: day(n.updated_at),
      due: null,
    });
  }
  for (const r of pending.rankings) {
    items.push({
      kind: 'ranking_approval',
      region: r.region_code,
      owner: town(r.region_code),
      subject: r.id,
      title: r.title,
      since: day(r.prepared_at),
      due: null,
    });
  }
  for (const a of pending.accountability) {
    items.push({
      kind: 'accountability_decision',
      region: a.town_code,
      owner: town(a.town_code),
      subject: a.id,
      title: `问责提示：${a.unit_name ?? '责任单位'}`,
      since: day(a.created_at),
      due: null,
    });
  }
  for (const p of pending.problems) {
    const add = (kind: InboxKind, owner: repo.Owner, since: unknown, due: string | null = null, days?: number) =>
      items.push({
        kind,
        region: p.region_code,
        owner,
        subject: p.id,
        since: day(since ?? p.updated_at),
        due,
        title: problemItemTitle(kind, { code: p.code, categoryName: p.category_name, unitName: p.unit_name, days }),
      });
    if (p.state === 'dispatched' && p.responsible_unit_id) add('problem_accept', { unitId: p.responsible_unit_id }, p.dispatched_at);
    if (p.state === 'rectified') add('problem_verify', office(p.region_code), p.rectified_at);
    if (p.state === 'filed' && p.last_action === 'return') add('problem_returned', office(p.region_code), p.updated_at);
    if (p.ext_days != null && (p.state === 'dispatched' || p.state === 'rectifying'))
      add('extension_request', office(p.region_code), p.ext_at, null, p.ext_days);
    if (p.state === 'closed' && p.reinspect_due) add('problem_reinspect', office(p.region_code), p.updated_at, p.reinspect_due);
  }
  const cal = await getCalendar(db);
  let n = 0;
  await db.transaction(async (tx) => {
    for (const it of items) {
      const subjectType = INBOX_KINDS[it.kind].subject;
      if (
        await repo.insert(tx, {
          kind: it.kind,
          regionCode: it.region,
          owner: it.owner,
          subjectType,
          subjectId: it.subject,
          title: it.title,
          link: inboxLink(subjectType, it.subject),
          dueDate: it.due ?? inboxDueDate(it.kind, it.since, cal),
        })
      )
        n++;
    }
  });
  return n;
}
