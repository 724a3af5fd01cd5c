// An inspection in progress lives on the phone (IndexedDB 'drafts') until it is
// finished: grades, notes, grade photos and the track survive a reload or a
// flat battery. What the server must know goes through the queue in order:
//   start   → inspection item (key = a new UUID)
//   problem → its photos, then the problem item
//   finish  → the grade photos, then the inspection item again with finishedAt
//             and the grades (key = `<inspectionKey>:finish`)
import type { Grade, InspectionKind } from '../../../../domain/inspections/vocab.ts';
import { INSPECTION_KIND_LABELS } from '../../../../domain/inspections/vocab.ts';
import type { SyncGrade, SyncInspection, SyncProblem } from '../../../../domain/inspections/sync.ts';
import type { Tier } from '../../../../domain/problems/vocab.ts';
import { newKey } from './api.ts';
import { del, getAll, getOne, put } from './idb.ts';
import { enqueue, type NewRecord } from './queue.ts';
import type { LocalPhoto } from './ui.tsx';

/** A grade on the phone: one of A/B/C/C#, or 'na' for 不涉及. */
export type LocalGrade = Grade | 'na';
export interface DraftGrade {
  grade?: LocalGrade;
  note?: string;
  photos?: LocalPhoto[];
}
export interface DraftProblem {
  key: string;
  onSpot: boolean;
  categoryName: string;
  description: string;
  itemId: number | null;
}

export interface Draft {
  inspectionKey: string;
  personId: number;
  kind: InspectionKind;
  placeId: number;
  placeName: string;
  checklistId: number | null;
  batch: string | null;
  startedAt: string;
  lat: number | null;
  lng: number | null;
  grades: Record<number, DraftGrade>;
  problems: DraftProblem[];
  trackOn: boolean;
  track: [number, number, number][];
  note: string;
}

export const loadDraft = (key: string) => getOne<Draft>('drafts', key);
export const saveDraft = (d: Draft) => put('drafts', d).then(() => undefined);
export async function myDrafts(personId: number): Promise<Draft[]> {
  return (await getAll<Draft>('drafts').catch(() => [] as Draft[]))
    .filter((d) => d.personId === personId)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function inspectionItem(d: Draft, key: string): SyncInspection {
  return {
    type: 'inspection',
    key,
    inspectionKey: d.inspectionKey,
    kind: d.kind,
    placeId: d.placeId,
    batch: d.batch,
    startedAt: d.startedAt,
    checklistId: d.checklistId,
    lat: d.lat,
    lng: d.lng,
  };
}

const kindLabel = (k: InspectionKind) => INSPECTION_KIND_LABELS[k].replace(/^街巷长/, '');

/** Start: the draft on the phone and the start item in the queue. */
export async function startInspection(p: Omit<Draft, 'inspectionKey' | 'startedAt' | 'grades' | 'problems' | 'track' | 'note'>): Promise<Draft> {
  const d: Draft = { ...p, inspectionKey: newKey(), startedAt: new Date().toISOString(), grades: {}, problems: [], track: [], note: '' };
  if (d.lat !== null && d.lng !== null && d.trackOn) d.track.push([d.lat, d.lng, Date.now()]);
  await saveDraft(d);
  const key = newKey();
  await enqueue([{ key, item: inspectionItem(d, key), label: `${kindLabel(d.kind)} · ${d.placeName} · 开始` }]);
  return d;
}

export interface NewProblem {
  onSpot: boolean;
  categoryId: number;
  categoryName: string;
  description: string;
  itemId: number | null;
  /** Sent when the category would otherwise be handled on the spot but was not fixed. */
  tier: Tier | null;
  lat: number | null;
  lng: number | null;
  before: LocalPhoto[];
  after: LocalPhoto[];
}

const photoRecord = (p: LocalPhoto, label: string): NewRecord => ({
  key: p.key,
  blob: p.blob,
  label,
  item: { type: 'photo', key: p.key, data: '', name: `${p.key}.jpg` },
});

/** A problem found: its photos, then the problem, queued together; the caller records the summary in its draft. */
export async function addProblem(d: Draft, p: NewProblem): Promise<DraftProblem> {
  const key = newKey();
  const what = p.onSpot ? '随手整' : '上报问题';
  const item: SyncProblem = {
    type: 'problem',
    key,
    inspectionKey: d.inspectionKey,
    categoryId: p.categoryId,
    description: p.description,
    tier: p.onSpot ? 'on_spot' : p.tier,
    itemId: p.itemId,
    placeId: d.placeId,
    lat: p.lat,
    lng: p.lng,
    beforePhotoKeys: p.before.map((x) => x.key),
    ...(p.onSpot ? { afterPhotoKeys: p.after.map((x) => x.key) } : {}),
  };
  await enqueue([
    ...p.before.map((x, i) => photoRecord(x, `照片 · ${p.categoryName} · ${p.onSpot ? '整改前' : '问题'}${i + 1}`)),
    ...(p.onSpot ? p.after.map((x, i) => photoRecord(x, `照片 · ${p.categoryName} · 整改后${i + 1}`)) : []),
    { key, item, label: `${what} · ${p.categoryName} · ${d.placeName}` },
  ]);
  return { key, onSpot: p.onSpot, categoryName: p.categoryName, description: p.description, itemId: p.itemId };
}

export function syncGrades(d: Draft): SyncGrade[] {
  const out: SyncGrade[] = [];
  for (const [id, g] of Object.entries(d.grades)) {
    if (!g.grade && !g.note?.trim() && !g.photos?.length) continue;
    out.push({
      itemId: Number(id),
      grade: g.grade && g.grade !== 'na' ? g.grade : null,
      note: g.note?.trim() || null,
      ...(g.photos?.length ? { photoKeys: g.photos.map((p) => p.key) } : {}),
    });
  }
  return out;
}

/** Finish: grade photos, then the finish item; the draft is removed once both are safely queued. */
export async function finishInspection(d: Draft, items: { id: number; code: string }[] = []): Promise<void> {
  const key = `${d.inspectionKey}:finish`;
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  const photos = Object.entries(d.grades).flatMap(([id, g]) =>
    (g.photos ?? []).map((p, i) => ({ p, label: `照片 · ${d.placeName} · ${codeOf.get(Number(id)) ?? '检查项'}-${i + 1}` })),
  );
  const item: SyncInspection = {
    ...inspectionItem(d, key),
    finishedAt: new Date().toISOString(),
    grades: syncGrades(d),
    note: d.note.trim() || null,
    ...(d.track.length ? { track: d.track } : {}),
  };
  await enqueue([...photos.map(({ p, label }) => photoRecord(p, label)), { key, item, label: `${kindLabel(d.kind)} · ${d.placeName} · 完成` }]);
  await del('drafts', d.inspectionKey);
}
