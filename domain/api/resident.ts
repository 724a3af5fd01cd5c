// 随手拍, the residents' channel under /api/public (no account): categories,
// photo upload, the report and its tracking page, rating, duplicate hints and
// "me too". Photos are binary.
import { z } from 'zod';
import { PROBLEM_STATES } from '../problems/vocab.ts';
import { RATINGS } from '../problems/ratings.ts';
import { day, instant, rowId, type Wire } from './common.ts';

export const publicCategories = z.object({
  items: z.array(
    z.object({
      id: rowId,
      name: z.string().describe('通俗名称（没有时为正式名称）'),
      officialName: z.string(),
      group: z.string().nullable().describe('所属大类'),
    }),
  ),
});

export const publicPhotoUpload = z.object({
  id: rowId,
  uploadKey: z.string().describe('同一次上报的照片共用：下一张照片放在 x-upload-key 请求头，上报时放在 uploadKey'),
  width: z.number().int(),
  height: z.number().int(),
  gpsLat: z.number().nullable(),
  gpsLng: z.number().nullable(),
});

/** 201 for a new report, 200 for a retried one (same Idempotency-Key): the tracking code either way. */
export const reportResult = z.object({ trackingCode: z.string(), statusUrl: z.string() });

const photo = z.object({ url: z.string(), thumbUrl: z.string() });

export const publicStatus = z.object({
  trackingCode: z.string(),
  state: z.enum(PROBLEM_STATES),
  stateLabel: z.string(),
  finished: z.boolean(),
  categoryName: z.string(),
  communityName: z.string().nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
  dueDate: day.nullable().describe('整改中时的整改期限'),
  mergedIntoCode: z.string().nullable(),
  timeline: z.array(z.object({ at: instant, action: z.string(), label: z.string() })),
  photos: z.object({ before: z.array(photo), after: z.array(photo) }),
  rating: z.object({ rating: z.enum(RATINGS), comment: z.string().nullable(), ratedAt: instant }).nullable(),
  canRate: z.boolean(),
});

export const publicDuplicates = z.object({
  meters: z.number(),
  days: z.number(),
  items: z.array(
    z.object({
      trackingCode: z.string(),
      stateLabel: z.string(),
      categoryName: z.string(),
      communityName: z.string().nullable(),
      createdAt: instant,
      distanceM: z.number().int(),
      photos: z.array(photo),
    }),
  ),
});

export const publicFollowed = z.object({ trackingCode: z.string(), followed: z.literal(true) });

export type PublicCategories = Wire<typeof publicCategories>;
export type PublicCategory = PublicCategories['items'][number];
export type PublicPhotoUpload = Wire<typeof publicPhotoUpload>;
export type ReportResult = Wire<typeof reportResult>;
export type PublicStatus = Wire<typeof publicStatus>;
export type PublicPhoto = Wire<typeof photo>;
export type PublicDuplicates = Wire<typeof publicDuplicates>;
