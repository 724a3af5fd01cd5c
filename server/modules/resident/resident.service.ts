// 随手拍: residents report without an account. A report arrives as
// `reported` (source resident) for the office to file; the resident keeps a
// tracking code (the problem's code) and follows it on a public status page
// that shows progress and the before/after photos but no personal data: no
// staff or reporter names, no phone numbers, no free-text notes. After
// closure the resident rates the fix once; 不满意 flags the problem and
// notifies the town office.
import crypto from 'node:crypto';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import { PROBLEM_STATE_LABELS, REJECT_REASON_LABELS, TERMINAL_STATES, type ProblemState, type RejectReason } from '../../../domain/problems/vocab.ts';
import { notify } from '../notifications/index.ts';
import { uploadPhoto } from '../problems/index.ts';
import { addFollowerWithEvent, findDuplicates, type DupConfig } from '../problems/index.ts';
import * as repo from '../problems/index.ts';
import { intake } from '../problems/index.ts';
import * as reads from './resident.repository.ts';

export { RATINGS, type Rating } from '../../../domain/problems/ratings.ts';
import type { Rating } from '../../../domain/problems/ratings.ts';
export const UPLOAD_KEY_RE = /^[A-Za-z0-9_-]{22,64}$/;

/** The plain-language category list residents choose from, grouped by 大类. */
export async function categories(db: Db) {
  const rows = await reads.activeCategories(db);
  return { items: rows.map((c) => ({ id: c.id, name: c.plain_name || c.name, officialName: c.name, group: c.group_name })) };
}

export async function uploadPublicPhoto(db: Db, storageDir: string, buf: Buffer, filename: string, key: string | null) {
  const uploadKey = key && UPLOAD_KEY_RE.test(key) ? key : crypto.randomBytes(24).toString('base64url');
  const p = await uploadPhoto(db, storageDir, null, buf, filename, uploadKey);
  return { id: p.id, uploadKey, width: p.width, height: p.height, gpsLat: p.gpsLat, gpsLng: p.gpsLng };
}

export interface ReportInput {
  categoryId: number;
  description: string;
  lat?: number | null;
  lng?: number | null;
  regionCode?: string | null;
  address?: string | null;
  photoIds: number[];
  uploadKey: string;
  phone?: string | null;
  name?: string | null;
}

/**
 * A resident's Idempotency-Key is stored (problems.idempotency_key, the same
 * mechanism as staff reports) bound to the report's upload key, so only the
 * phone that holds the photos can replay it, and keys never meet staff keys.
 */
function residentKey(idempotencyKey: string, uploadKey: string) {
  return 'resident:' + crypto.createHash('sha256').update(`${uploadKey}\n${idempotencyKey}`).digest('hex');
}

const answer = (code: string) => ({ trackingCode: code, statusUrl: `/api/public/reports/${code}` });

/** The answer of an earlier report with this key and upload key (a retried submission), or null. */
export async function replayOf(db: Db | Tx, idempotencyKey: string | null, uploadKey: string) {
  if (!idempotencyKey) return null;
  const found = await repo.findByIdempotencyKey(db, residentKey(idempotencyKey, uploadKey));
  if (!found) return null;
  return { ...answer((await reads.problemCode(db, found.id))!), replayed: true };
}

/** A resident's report: through intake like every other, as `reported` for the office, the photos bound to the upload key. */
export async function report(
  db: Db,
  cfg: { placeMatchMeters: number; communityMatchMeters: number },
  input: ReportInput,
  idempotencyKey: string | null = null,
) {
  if ((input.lat == null || input.lng == null) && !input.regionCode) throw fieldError('lat', '请在地图上选择问题位置，或选择所在社区');
  const r = await intake(
    db,
    { resident: { name: input.name ?? null, phone: input.phone ?? null, uploadKey: input.uploadKey } },
    {
      source: 'resident',
      categoryId: input.categoryId,
      description: input.description,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      address: input.address ?? null,
      regionCode: input.regionCode ?? null,
      beforePhotoIds: input.photoIds,
      idempotencyKey: idempotencyKey ? residentKey(idempotencyKey, input.uploadKey) : null,
    },
    cfg,
  ).catch((e) => {
    // The resident's form calls its photos photoIds.
    if (e instanceof AppError && e.fields) e.fields = e.fields.map((f) => (f.path === 'beforePhotoIds' ? { ...f, path: 'photoIds' } : f));
    throw e;
  });
  return { ...answer(r.code), replayed: r.replayed };
}

// ---- the public status page ----

const PUBLIC_STEPS: Record<string, (data: any) => string> = {
  report: () => '问题已上报，等待受理',
  file: () => '已受理立案',
  reject: (d) => `不予立案：${REJECT_REASON_LABELS[d?.reason as RejectReason] ?? '不符合立案条件'}`,
  merge: () => '与已有的同一问题合并处理',
  dispatch: (d) => `已派往${d?.unitName ?? '责任单位'}整改${d?.dueDate ? `，整改期限 ${d.dueDate}` : ''}`,
  recall: () => '正在重新安排责任单位',
  redispatch: (d) => `已改派${d?.unitName ?? '其他单位'}整改${d?.dueDate ? `，整改期限 ${d.dueDate}` : ''}`,
  accept: () => '责任单位已接收，正在整改',
  submit: () => '整改完成，等待核查',
  verify_fail: () => '核查未通过，正在重新整改',
  verify_pass: () => '核查通过，已结案',
  close_on_spot: () => '现场整改完毕，已结案',
  rate: (d) => `群众评价：${d?.rating ?? ''}`,
};

const byCode = reads.byCode;

const photoUrl = (code: string, id: number) => `/api/public/reports/${code}/photos/${id}`;

export async function status(db: Db, code: string) {
  const p = await byCode(db, code);
  if (!p) throw notFound('没有找到该查询码对应的问题，请核对后重试');
  const [events, photos] = await Promise.all([reads.events(db, p.id), reads.beforeAfterPhotos(db, p.id)]);
  const pics = (kind: string) =>
    photos.filter((x) => x.kind === kind).map((x) => ({ url: photoUrl(p.code, x.id), thumbUrl: `${photoUrl(p.code, x.id)}?thumb=1` }));
  return {
    trackingCode: p.code,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
    finished: TERMINAL_STATES.includes(p.state as ProblemState),
    categoryName: p.plain_name || p.category_name,
    communityName: p.community_name,
    createdAt: iso(p.created_at),
    closedAt: iso(p.closed_at),
    dueDate: ['dispatched', 'rectifying', 'rectified'].includes(p.state) ? p.due_date : null,
    mergedIntoCode: p.merged_into_code,
    timeline: events.filter((e) => PUBLIC_STEPS[e.action]).map((e) => ({ at: iso(e.at), action: e.action, label: PUBLIC_STEPS[e.action](e.data) })),
    photos: { before: pics('before'), after: pics('after') },
    rating: p.rated_at && p.satisfaction ? { rating: p.satisfaction, comment: p.satisfaction_comment, ratedAt: iso(p.rated_at) } : null,
    canRate: p.state === 'closed' && !p.rated_at,
  };
}

/** A photo of this report (before or after), or null: no other photo is reachable by its code. */
export async function publicPhoto(db: Db, code: string, photoId: number) {
  return reads.photoOf(db, code, photoId);
}

export async function rate(db: Db, code: string, rating: Rating, comment: string | null) {
  await db.transaction(async (tx) => {
    const p = await byCode(tx, code, true);
    if (!p) throw notFound('没有找到该查询码对应的问题，请核对后重试');
    if (p.state !== 'closed') throw new AppError('INVALID_STATE', '问题结案后才能评价，请耐心等待整改完成');
    if (p.rated_at) throw new AppError('DUPLICATE', '该问题已经评价过了，感谢您的参与');
    const flagged = rating === '不满意';
    await repo.recordRating(tx, p.id, { rating, comment, flagged });
    const eventId = await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: null,
      actorName: null,
      action: 'rate',
      fromState: p.state,
      toState: p.state,
      note: comment,
      data: { rating },
    });
    await audit(tx, { actor: null, action: 'problem.rate', entity: 'problem', entityId: p.id, regionCode: p.region_code, after: { rating, comment, flagged } });
    if (flagged) {
      await notify(tx, await repo.officePeople(tx, p.region_code), {
        kind: 'dissatisfied',
        title: `群众对问题 ${p.code} 的整改结果不满意${comment ? `：${comment}` : ''}，请核查`,
        problemId: p.id,
        dedupeKey: `event:${eventId}`,
      });
    }
  });
  return status(db, code);
}

/** Nearby open problems of the category, shown to a resident before they report the same thing again. */
export async function publicDuplicates(db: Db, cfg: DupConfig, input: { categoryId: number; lat: number; lng: number }) {
  const rows = await findDuplicates(db, cfg, input, null);
  return {
    meters: cfg.dupMeters,
    days: cfg.dupDays,
    items: rows.map((p) => ({
      trackingCode: p.code,
      stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
      categoryName: p.category_name,
      communityName: p.region_name,
      createdAt: iso(p.created_at),
      distanceM: Math.round(Number(p.distance)),
      photos: (p.photo_ids ?? []).map((id) => ({ url: photoUrl(p.code, id), thumbUrl: `${photoUrl(p.code, id)}?thumb=1` })),
    })),
  };
}

/** "Me too": the resident's phone follows the existing problem instead of a new report. */
export async function publicFollow(db: Db, code: string, phone: string) {
  return db.transaction(async (tx) => {
    const p = await byCode(tx, code);
    if (!p) throw notFound('没有找到该查询码对应的问题');
    if (TERMINAL_STATES.includes(p.state as ProblemState)) throw new AppError('INVALID_STATE', '该问题已结束，如问题仍存在请重新上报');
    await addFollowerWithEvent(tx, p.id, p.state, `phone:${phone}`, null, p.region_code);
    return { trackingCode: p.code, followed: true as const };
  });
}
