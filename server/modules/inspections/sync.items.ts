// The phone's sync items as the server reads them (contract:
// domain/inspections/sync.ts): the envelope, each item type's schema, and the
// error an item answers with. Applied by sync.service.ts.
import { z } from 'zod';
import { GRADES, INSPECTION_KINDS } from '../../../domain/inspections/vocab.ts';
import { PHONE_ACTIONS, SYNC_MAX_BYTES, SYNC_MAX_ITEMS } from '../../../domain/inspections/sync.ts';
import { TIERS } from '../../../domain/problems/vocab.ts';
import { pollSyncItem } from '../polls/index.ts';
import { id, isoInstant, ref, text } from '../../../domain/input.ts';

const key = text(100, '编号最多 100 个字符').min(1, '缺少编号');
const time = isoInstant;
const lat = z.number().min(-90).max(90).nullish();
const lng = z.number().min(-180).max(180).nullish();
const photoKeys = z.array(key).max(20, '最多 20 张照片');

const photoItem = z.object({
  type: z.literal('photo'),
  key,
  data: z.string().min(1, '照片内容为空').max(SYNC_MAX_BYTES, '照片过大'),
  name: text(200).optional(),
});
const inspectionItem = z.object({
  type: z.literal('inspection'),
  key,
  inspectionKey: key,
  kind: z.enum(INSPECTION_KINDS, '未知的巡查类型'),
  placeId: id.nullish(),
  regionCode: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, '请选择社区或镇街')
    .nullish(),
  batch: text(100, '批次名称最多 100 个字').nullish(),
  startedAt: time,
  finishedAt: time.nullish(),
  checklistId: id.nullish(),
  grades: z
    .array(
      z.object({
        itemId: id,
        grade: z.enum(GRADES, '评级只能是 A、B、C 或 C#').nullable(),
        note: text(1000, '备注最多 1000 个字').nullish(),
        photoKeys: photoKeys.optional(),
      }),
    )
    .max(200)
    .optional(),
  note: text(2000, '备注最多 2000 个字').nullish(),
  lat,
  lng,
  track: z
    .array(z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(0).max(8.64e15)]))
    .max(20000, '轨迹点过多')
    .optional(),
});
const problemItem = z.object({
  type: z.literal('problem'),
  key,
  inspectionKey: key,
  categoryId: ref('请选择问题类别'),
  description: text(2000, '问题描述最多 2000 个字').min(2, '请描述问题（至少 2 个字）'),
  tier: z.enum(TIERS, '请选择整改层级').nullish(),
  itemId: id.nullish(),
  placeId: id.nullish(),
  lat,
  lng,
  address: text(200).nullish(),
  beforePhotoKeys: photoKeys,
  afterPhotoKeys: photoKeys.optional(),
});
// A rectification move (issue 14): transition() checks that the person is the problem's assignee.
const actionItem = z.object({
  type: z.literal('action'),
  key,
  problemId: id,
  action: z.enum(PHONE_ACTIONS, '手机上只能接收、退回或提交整改'),
  version: z.number().int().min(1, '缺少问题的版本'),
  note: text(2000, '说明最多 2000 个字').nullish(),
  photoKeys: photoKeys.optional(),
});
// A damaged publicity facility (issue 18): markDamaged() checks that the person sees it and may report there.
const damageItem = z.object({
  type: z.literal('damage'),
  key,
  facilityId: id,
  note: text(1000, '说明最多 1000 个字').nullish(),
  photoKeys: photoKeys.optional(),
});
export const itemSchema = z.discriminatedUnion('type', [photoItem, inspectionItem, problemItem, actionItem, damageItem, pollSyncItem]);
export type PhotoItem = z.infer<typeof photoItem>;
export type InspectionItem = z.infer<typeof inspectionItem>;
export type ProblemItem = z.infer<typeof problemItem>;
export type ActionItem = z.infer<typeof actionItem>;
export type DamageItem = z.infer<typeof damageItem>;

/** The envelope: anything else wrong is reported per item. */
export const syncBody = z.object({
  items: z
    .array(z.looseObject({ type: z.enum(['photo', 'inspection', 'problem', 'action', 'damage', 'poll'], '未知的条目类型'), key }))
    .max(SYNC_MAX_ITEMS, `一次最多同步 ${SYNC_MAX_ITEMS} 条`),
});

export class ItemError extends Error {
  constructor(
    public code: string,
    message: string,
    public fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}
export const itemFieldError = (path: string, message: string) => new ItemError('VALIDATION_FAILED', '提交的内容有误', [{ path, message }]);
