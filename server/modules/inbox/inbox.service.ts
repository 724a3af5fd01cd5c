// The inbox (待办): the owning modules open and close items inside their own
// transactions (openItem, closeItems); a person reads the items they own —
// directly, through a role they hold over the item's region, or through a unit
// they act for — and nobody else's (scoped in the query). Opening an item tells
// its owners through the notifications module, unless the caller already has.
import type { Db, Q } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { ROLE_LABELS, type Role } from '../../../domain/roles.ts';
import {
  INBOX_KINDS,
  INBOX_STATE_LABELS,
  inboxDueDate,
  inboxLateWorkingDays,
  inboxLink,
  inboxOverdue,
  type InboxKind,
  type InboxState,
} from '../../../domain/inbox.ts';
import { lateLabel } from '../../../domain/problems/overdue.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { notify, peopleWithRoles, unitPeople } from '../notifications/index.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { iso } from '../../platform/time.ts';
import * as repo from './inbox.repository.ts';

export type { Owner } from './inbox.repository.ts';

export interface OpenInput {
  kind: InboxKind;
  /** The region the subject belongs to (a problem's community, a notice's town). */
  regionCode: string;
  owner: repo.Owner;
  subjectId: number;
  title: string;
  /** Default: the kind's working days from today. */
  dueDate?: string | null;
  /** False when the caller already told the owners in the same transaction. */
  notify?: boolean;
}

/** The people who read an item of this owner (and are told when it opens). */
export async function ownerPeople(q: Q, owner: repo.Owner): Promise<number[]> {
  if ('personId' in owner) return [owner.personId];
  if ('unitId' in owner) return unitPeople(q, owner.unitId);
  return peopleWithRoles(q, owner.regionCode, [owner.role as Role]);
}

/** Open an item (once: a second open of the same kind on the same subject changes nothing). */
export async function openItem(q: Q, it: OpenInput): Promise<number | null> {
  const def = INBOX_KINDS[it.kind];
  const dueDate = it.dueDate === undefined ? inboxDueDate(it.kind, todayChina(), await getCalendar(q as Db)) : it.dueDate;
  const id = await repo.insert(q, {
    kind: it.kind,
    regionCode: it.regionCode,
    owner: it.owner,
    subjectType: def.subject,
    subjectId: it.subjectId,
    title: it.title,
    link: inboxLink(def.subject, it.subjectId),
    dueDate,
  });
  if (id && it.notify !== false) {
    await notify(q, await ownerPeople(q, it.owner), {
      kind: 'inbox',
      title: `【${def.label}】${it.title}${dueDate ? `，请于 ${dueDate} 前办理` : ''}`,
      problemId: def.subject === 'problem' ? it.subjectId : null,
      dedupeKey: `inbox:${id}`,
    });
  }
  return id;
}

/** Close the open items of `kinds` on a subject: done (resolved) or cancelled (no longer waits). */
export async function closeItems(
  q: Q,
  by: Actor | null,
  subjectId: number,
  kinds: readonly InboxKind[],
  state: 'done' | 'cancelled' = 'done',
  note: string | null = null,
) {
  const subjects = new Set(kinds.map((k) => INBOX_KINDS[k].subject));
  let n = 0;
  for (const s of subjects)
    n += await repo.close(
      q,
      s,
      subjectId,
      kinds.filter((k) => INBOX_KINDS[k].subject === s),
      state,
      by?.personId ?? null,
      note,
    );
  return n;
}

/** Whose items the actor reads (a global admin's grant covers no region: only their own items). */
export function readerScope(actor: Actor): repo.ReaderScope {
  const s: repo.ReaderScope = { personId: actor.personId, roles: [], units: [], communities: [] };
  for (const g of actor.grants) {
    if (g.regionCode) s.roles.push({ role: g.role, regionCode: g.regionCode });
    if (g.role === 'unit_liaison' && g.unitId) s.units.push(g.unitId);
    if (g.role === 'community_staff' && g.regionCode) s.communities.push(g.regionCode);
  }
  return s;
}

export interface ListQuery {
  kind?: InboxKind;
  state?: InboxState;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

export async function list(db: Db, actor: Actor, f: ListQuery) {
  const limit = f.limit ?? 50;
  const today = todayChina();
  const rows = await repo.list(db, readerScope(actor), {
    state: f.state ?? 'open',
    kind: f.kind,
    overdueBefore: f.overdue ? today : undefined,
    beforeId: f.cursor ? idCursor.decode(f.cursor) : null,
    limit,
  });
  const cal = await getCalendar(db);
  const page = pageOf(rows, limit, (last) => idCursor.encode(last.id));
  return { items: page.items.map((r) => view(r, today, cal)), nextCursor: page.nextCursor };
}

function view(r: repo.ItemRow, today: string, cal: Awaited<ReturnType<typeof getCalendar>>) {
  const dated = { state: r.state, dueDate: r.due_date };
  const overdue = inboxOverdue(dated, today);
  const late = inboxLateWorkingDays(dated, today, cal);
  const owner =
    r.owner_person_id != null
      ? { type: 'person' as const, label: r.owner_person_name ?? '本人' }
      : r.owner_unit_id != null
        ? { type: 'unit' as const, label: r.owner_unit_name ?? '本单位' }
        : { type: 'role' as const, label: [r.owner_region_name, ROLE_LABELS[r.owner_role as Role] ?? r.owner_role].filter(Boolean).join(' · ') };
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: INBOX_KINDS[r.kind as InboxKind]?.label ?? r.kind,
    title: r.title,
    link: r.link,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    owner,
    dueDate: r.due_date,
    overdue,
    lateWorkingDays: late,
    lateLabel: overdue ? lateLabel(late) : null,
    state: r.state as InboxState,
    stateLabel: INBOX_STATE_LABELS[r.state as InboxState] ?? r.state,
    closedAt: iso(r.closed_at),
    closedByName: r.closed_by_name,
    closedNote: r.closed_note,
    createdAt: iso(r.created_at),
  };
}

export async function counts(db: Db, actor: Actor) {
  const rows = await repo.counts(db, readerScope(actor), todayChina());
  const by = new Map(rows.map((r) => [r.kind, r]));
  const kinds = (Object.keys(INBOX_KINDS) as InboxKind[]).map((k) => ({
    kind: k,
    label: INBOX_KINDS[k].label,
    open: by.get(k)?.open ?? 0,
    overdue: by.get(k)?.overdue ?? 0,
  }));
  return { open: kinds.reduce((s, k) => s + k.open, 0), overdue: kinds.reduce((s, k) => s + k.overdue, 0), kinds };
}
