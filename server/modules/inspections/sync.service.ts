// The phone's offline queue, applied (contract: domain/inspections/sync.ts;
// the items' schemas: sync.items.ts; photos: sync.photos.ts; rectification
// moves and damage reports: sync.moves.ts).
//
// Each item is validated and applied on its own: one item's failure never
// undoes or blocks another, and the answer is one result per item, in order.
// Photos go first (with limited concurrency: sharp works on libuv's thread
// pool), then inspections and problems in the order sent, since a problem
// refers to its inspection and both refer to photos by key.
//
// Idempotency, per person: a photo by its upload key, an inspection by its
// client key (a start sent again is 'replayed', a finish of a finished one
// too), a problem by an idempotency key made from the person and the item
// key. Everything already stored is looked up in one query per table before
// anything is applied, so re-sending a whole queue costs a handful of queries.
//
// Rectification moves (type 'action': accept, return, submit) go through the
// problems module's moveOnce(): transition() decides, and the item's key is
// kept with the move so a re-send answers 'replayed' with the first answer.
// A damaged publicity facility (type 'damage', issue 18) goes through the
// publicity module's markDamaged(): a problem dispatched to the facility's
// owner, its idempotency key made from the person and the item key.
//
// A resident survey's answer (type 'poll', issue 21) goes through the polls
// module's syncPollAnswers(), all of a request's at once (one transaction, the
// quotas decided under a lock): a re-sent key is 'replayed'.
//
// Item error codes besides the platform's (VALIDATION_FAILED, FORBIDDEN,
// UNSUPPORTED_FILE, FILE_TOO_LARGE ...): INSPECTION_NOT_SYNCED (a problem
// whose inspection the server does not have), PHOTO_NOT_SYNCED (a problem's
// photo key the server does not have). A grade's photo key that is unknown is
// dropped instead: the grade matters more than its illustration, and an item
// that can never succeed would block the phone's queue.
import type { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { auditValues } from '../../platform/audit.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { INSPECTION_SOURCE, SCORED_KINDS, checklistTypeFor, type Grade, type InspectionKind } from '../../../domain/inspections/vocab.ts';
import { itemScore, scoreInspection } from '../../../domain/inspections/scoring.ts';
import type { SyncItemResult, SyncResponse } from '../../../domain/inspections/sync.ts';
import { intake } from '../problems/index.ts';
import { type pollSyncItem, syncPollAnswers } from '../polls/index.ts';
import * as repo from './inspections.repository.ts';
import * as writes from './inspections.sync.repository.ts';
import * as checklistRepo from './checklists.repository.ts';
import { mayRecord } from './inspections.service.ts';
import { ItemError, itemFieldError, itemSchema, type InspectionItem, type PhotoItem, type ProblemItem } from './sync.items.ts';
import { uploadPhotos } from './sync.photos.ts';
import { applyAction, applyDamage } from './sync.moves.ts';

const problemKey = (personId: number, itemKey: string) => `insp:${personId}:${itemKey}`;

/** Where an item's unexpected failure is logged (the request's logger; the item answers INTERNAL). */
export interface SyncLog {
  error(obj: object, msg?: string): void;
}

export async function sync(db: Db, actor: Actor, raw: unknown[], config: Config, log: SyncLog): Promise<SyncResponse> {
  const results: SyncItemResult[] = new Array(raw.length);
  const fail = (i: number, k: string, type: SyncItemResult['type'], e: unknown) => {
    if (e instanceof ItemError || e instanceof AppError) {
      results[i] = { key: k, type, status: 'failed', error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
    } else {
      log.error({ err: e, itemKey: k }, 'sync item failed');
      results[i] = { key: k, type, status: 'failed', error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } };
    }
  };

  // 1. Validate each item on its own.
  const items: { i: number; item: z.infer<typeof itemSchema> }[] = [];
  raw.forEach((r, i) => {
    const p = itemSchema.safeParse(r);
    const base = r as { key: string; type: SyncItemResult['type'] };
    if (p.success) items.push({ i, item: p.data });
    else
      results[i] = {
        key: base.key,
        type: base.type,
        status: 'failed',
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误',
          fields: p.error.issues.map((x) => ({ path: x.path.join('.'), message: /[\u4e00-\u9fa5]/.test(x.message) ? x.message : '取值不正确' })),
        },
      };
  });
  const photos = items.filter((x) => x.item.type === 'photo') as { i: number; item: PhotoItem }[];
  const inspItems = items.filter((x) => x.item.type === 'inspection') as { i: number; item: InspectionItem }[];
  const probItems = items.filter((x) => x.item.type === 'problem') as { i: number; item: ProblemItem }[];

  // 2. What is already stored, one query per table.
  const allPhotoKeys = new Set<string>(photos.map((p) => p.item.key));
  for (const { item } of inspItems) for (const g of item.grades ?? []) for (const k of g.photoKeys ?? []) allPhotoKeys.add(k);
  for (const { item } of probItems) for (const k of [...item.beforePhotoKeys, ...(item.afterPhotoKeys ?? [])]) allPhotoKeys.add(k);
  for (const { item } of items) if (item.type === 'action' || item.type === 'damage') for (const k of item.photoKeys ?? []) allPhotoKeys.add(k);
  const inspKeys = [...new Set([...inspItems, ...probItems].map((x) => x.item.inspectionKey))];
  const [photoIds, inspections, existingProblems] = await Promise.all([
    writes.photosByKeys(db, actor.personId, [...allPhotoKeys]),
    writes.inspectionsByKeys(db, actor.personId, inspKeys),
    writes.problemsByIdempotencyKeys(
      db,
      probItems.map((x) => problemKey(actor.personId, x.item.key)),
    ),
  ]);

  // 3. Photos, a few at a time, in the background (sync.photos.ts).
  const { photosReady, photoWork } = uploadPhotos(db, actor, config, photos, photoIds, results, fail);

  // 4. Reference data the inspections need: their places, regions and checklists.
  const [places, regions, current] = await Promise.all([
    repo.placesByIds(db, [...new Set(inspItems.map((x) => x.item.placeId).filter((v): v is number => !!v))]),
    repo.regionsByCodes(db, [...new Set(inspItems.map((x) => x.item.regionCode).filter((v): v is string => !!v))]),
    checklistRepo.currentChecklists(db),
  ]);
  const placeById = new Map(places.map((p) => [p.id, p]));
  const checklists = new Map(current.map((c) => [c.id, c]));
  const currentByType = new Map(current.map((c) => [c.pointType, c]));
  const extra = [...new Set(inspItems.map((x) => x.item.checklistId).filter((v): v is number => !!v && !checklists.has(v)))];
  const existingChecklistIds = [...inspections.values()].map((x) => x.checklistId).filter((v): v is number => !!v && !checklists.has(v));
  for (const c of await checklistRepo.checklistsByIds(db, [...new Set([...extra, ...existingChecklistIds])])) checklists.set(c.id, c);

  const gradeRows = (item: InspectionItem, checklistId: number | null, kind: InspectionKind): writes.GradeRow[] => {
    const grades = item.grades ?? [];
    if (!grades.length) return [];
    const cl = checklistId ? checklists.get(checklistId) : null;
    if (!cl) throw itemFieldError('grades', '该地点没有适用的测评标准，不能评级');
    const byId = new Map(cl.items.map((it) => [it.id, it]));
    const seen = new Set<number>();
    const scored = SCORED_KINDS.includes(kind);
    return grades.map((g, n) => {
      const it = byId.get(g.itemId);
      if (!it) throw itemFieldError(`grades.${n}.itemId`, `第 ${n + 1} 项不属于所用的测评标准（${cl.title} 第 ${cl.version} 版）`);
      if (seen.has(g.itemId)) throw itemFieldError(`grades.${n}.itemId`, `“${it.title}”重复评级`);
      seen.add(g.itemId);
      const ids = (g.photoKeys ?? []).map((k) => photoIds.get(k)).filter((v): v is number => !!v);
      return {
        itemId: g.itemId,
        grade: g.grade,
        points: it.points,
        score: scored && g.grade ? itemScore(it.points, g.grade as Grade) : null,
        note: g.note ?? null,
        photoIds: ids,
      };
    });
  };
  const scoreOf = (kind: InspectionKind, rows: { grade: string | null; points: number }[]) =>
    SCORED_KINDS.includes(kind) && rows.some((g) => g.grade) ? scoreInspection(rows.map((g) => ({ points: g.points, grade: g.grade as Grade | null }))) : null;

  const applyInspection = async (item: InspectionItem): Promise<Omit<SyncItemResult, 'key' | 'type'>> => {
    const startedAt = new Date(item.startedAt);
    const finishedAt = item.finishedAt ? new Date(item.finishedAt) : null;
    if (startedAt.getTime() > Date.now() + 24 * 3600_000) throw itemFieldError('startedAt', '开始时间晚于当前时间，请检查手机时间');
    if (finishedAt && finishedAt < startedAt) throw itemFieldError('finishedAt', '结束时间早于开始时间');
    const existing = inspections.get(item.inspectionKey);
    if (existing) {
      if (!finishedAt || existing.state === 'finished') return { status: 'replayed', id: existing.id };
      const kind = existing.kind as InspectionKind;
      await photosReady((item.grades ?? []).flatMap((g) => g.photoKeys ?? []));
      const rows = item.grades ? gradeRows(item, existing.checklistId, kind) : null;
      const s = scoreOf(kind, rows ?? (await writes.storedGrades(db, existing.id)));
      const au = auditValues({
        actor,
        action: 'inspection.finish',
        entity: 'inspection',
        entityId: existing.id,
        regionCode: existing.regionCode,
        before: { state: 'in_progress' },
        after: { state: 'finished', finishedAt: finishedAt.toISOString(), score: s?.score ?? null, maxScore: s?.max ?? null, grades: rows?.length ?? null },
      });
      const done = await writes.finishInspection(
        db,
        existing.id,
        {
          finishedAt: finishedAt.toISOString(),
          note: item.note ?? null,
          score: s?.score ?? null,
          maxScore: s?.max ?? null,
          lat: item.lat ?? null,
          lng: item.lng ?? null,
          track: item.track?.length ? item.track : null,
        },
        rows,
        actor.personId,
        au,
      );
      existing.state = 'finished';
      return { status: done ? 'updated' : 'replayed', id: existing.id };
    }
    const kind = item.kind;
    const place = item.placeId ? placeById.get(item.placeId) : null;
    if (item.placeId && !place) throw itemFieldError('placeId', '所选地点不存在');
    let regionCode: string;
    if (place) regionCode = place.communityCode;
    else {
      if (['patrol', 'demo_visit', 'mock_evaluation'].includes(kind)) throw itemFieldError('placeId', '请选择巡查的地点');
      const rg = item.regionCode ? regions.get(item.regionCode) : null;
      if (!rg) throw itemFieldError('regionCode', '请选择巡查的社区或镇街');
      regionCode = rg.code;
    }
    if (!mayRecord(actor, kind, regionCode)) throw new AppError('FORBIDDEN', '您无权在该地点（社区）进行此类巡查');
    let checklistId: number | null = null;
    if (item.checklistId) {
      const cl = checklists.get(item.checklistId);
      if (!cl) throw itemFieldError('checklistId', '所选测评标准不存在');
      checklistId = cl.id;
    } else if (place) {
      const type = checklistTypeFor(place);
      checklistId = (type && currentByType.get(type)?.id) || null;
    }
    await photosReady((item.grades ?? []).flatMap((g) => g.photoKeys ?? []));
    const rows = gradeRows(item, checklistId, kind);
    const s = finishedAt ? scoreOf(kind, rows) : null;
    const row: writes.NewInspection = {
      kind,
      state: finishedAt ? 'finished' : 'in_progress',
      townCode: regionCode.slice(0, 9),
      regionCode,
      placeId: place?.id ?? null,
      checklistId,
      inspectorId: actor.personId,
      inspectorName: actor.name,
      batch: item.batch || null,
      onDate: chinaDate(startedAt),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt?.toISOString() ?? null,
      note: item.note ?? null,
      score: s?.score ?? null,
      maxScore: s?.max ?? null,
      lat: item.lat ?? null,
      lng: item.lng ?? null,
      track: item.track?.length ? item.track : null,
      clientKey: item.inspectionKey,
    };
    const au = auditValues({
      actor,
      action: 'inspection.create',
      entity: 'inspection',
      regionCode,
      after: {
        kind,
        state: row.state,
        placeId: row.placeId,
        checklistId,
        batch: row.batch,
        onDate: row.onDate,
        grades: rows.length,
        score: row.score,
        maxScore: row.maxScore,
      },
    });
    const id = await writes.insertInspection(db, row, rows, au);
    if (id === null) {
      // Sent twice at once: the other request stored it; answer as a re-send would.
      const again = (await writes.inspectionsByKeys(db, actor.personId, [item.inspectionKey])).get(item.inspectionKey);
      if (!again) throw new AppError('CONFLICT');
      inspections.set(item.inspectionKey, again);
      return applyInspection(item);
    }
    inspections.set(item.inspectionKey, {
      id,
      clientKey: item.inspectionKey,
      state: row.state,
      kind,
      placeId: row.placeId,
      regionCode,
      townCode: row.townCode,
      checklistId,
      batch: row.batch,
    });
    return { status: 'created', id };
  };

  // Inspections whose problems this request filed (or found filed): their
  // problems_found is recounted once at the end, which also heals a count
  // left short by a request that died halfway.
  const touched = new Set<number>();
  const applyProblem = async (item: ProblemItem): Promise<Omit<SyncItemResult, 'key' | 'type'>> => {
    const idem = problemKey(actor.personId, item.key);
    const known = existingProblems.get(idem);
    const insp = inspections.get(item.inspectionKey);
    if (known) {
      if (insp) {
        touched.add(insp.id);
        // Heals a finding lost before findings were written with their problem.
        const it = item.itemId ? checklists.get(insp.checklistId ?? -1)?.items.find((x) => x.id === item.itemId) : null;
        if (it) await writes.insertFinding(db, { problemId: known.id, inspectionId: insp.id, itemId: it.id });
      }
      return { status: 'replayed', id: known.id, code: known.code };
    }
    if (!insp) throw new ItemError('INSPECTION_NOT_SYNCED', '所属巡查记录尚未同步，请先同步该巡查');
    // The checklist item the finding belongs to must be one of the inspection's own checklist.
    const checklistItem = item.itemId ? checklists.get(insp.checklistId ?? -1)?.items.find((it) => it.id === item.itemId) : null;
    if (item.itemId && !checklistItem) throw itemFieldError('itemId', '所选检查项目不属于这次巡查使用的测评标准');
    await photosReady([...item.beforePhotoKeys, ...(item.afterPhotoKeys ?? [])]);
    const ids = (path: string, keys: string[]) =>
      keys.map((k) => {
        const id = photoIds.get(k);
        if (!id) throw new ItemError('PHOTO_NOT_SYNCED', '问题照片尚未上传成功，请重新拍摄或删除该照片后重试', [{ path, message: '照片未上传成功' }]);
        return id;
      });
    const before = ids('beforePhotoKeys', item.beforePhotoKeys);
    const after = ids('afterPhotoKeys', item.afterPhotoKeys ?? []);
    const placeId = item.placeId ?? insp.placeId;
    const hasPoint = item.lat != null && item.lng != null;
    // The checklist finding is written in the problem's own transaction, and again (idempotently) on a replay.
    const r = await intake(
      db,
      { actor },
      {
        source: INSPECTION_SOURCE[insp.kind as InspectionKind],
        sourceRef: insp.batch,
        sourceId: insp.id,
        categoryId: item.categoryId,
        tier: item.tier ?? null,
        description: item.description,
        lat: item.lat ?? null,
        lng: item.lng ?? null,
        address: item.address ?? null,
        placeId,
        regionCode: !placeId && !hasPoint && insp.regionCode.length >= 12 ? insp.regionCode : null,
        beforePhotoIds: before,
        afterPhotoIds: after,
        idempotencyKey: idem,
      },
      config,
      { within: checklistItem ? (tx, problemId) => writes.insertFinding(tx, { problemId, inspectionId: insp.id, itemId: checklistItem.id }) : undefined },
    );
    touched.add(insp.id);
    if (r.replayed) return { status: 'replayed', id: r.id, code: r.code };
    return { status: 'created', id: r.id };
  };

  const moves = { db, actor, photosReady, photoIds };

  // 5. Survey answers (no photos, no order among them): in one batch.
  const polls = items.filter((x) => x.item.type === 'poll') as { i: number; item: z.infer<typeof pollSyncItem> }[];
  (
    await syncPollAnswers(
      db,
      actor,
      polls.map((x) => x.item),
    )
  ).forEach((r, n) => {
    const { i, item } = polls[n];
    if (r instanceof AppError) fail(i, item.key, 'poll', r);
    else results[i] = { key: item.key, type: 'poll', ...r };
  });

  // 6. Inspections, problems, rectification moves and damage reports, in the order sent.
  const created: number[] = [];
  for (const { i, item } of items) {
    if (item.type === 'photo' || item.type === 'poll') continue;
    try {
      const r =
        item.type === 'inspection'
          ? await applyInspection(item)
          : item.type === 'problem'
            ? await applyProblem(item)
            : item.type === 'action'
              ? await applyAction(moves, item)
              : await applyDamage(moves, item);
      results[i] = { key: item.key, type: item.type, ...r };
      if (item.type === 'problem' && r.status === 'created' && r.id) created.push(r.id);
    } catch (e) {
      fail(i, item.key, item.type, e);
    }
  }
  await photoWork;
  await writes.recountProblemsFound(db, [...touched]);
  // New problems' tracking codes, in one query.
  const codes = await writes.problemCodes(db, created);
  for (const r of results) if (r?.type === 'problem' && r.status === 'created' && r.id) r.code = codes.get(r.id);
  return { results };
}
