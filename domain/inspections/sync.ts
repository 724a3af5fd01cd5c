// The phone's offline queue contract (issue 5): what a device sends to
// POST /api/inspections/sync and what it gets back. Types only, so the phone
// bundle carries no validator; the server validates with zod
// (server/modules/inspections/sync.routes.ts).
//
// Every item carries a client-made `key` (a UUID or `<uuid>:finish`): the
// server remembers it per person, so re-sending a queue creates nothing new.
// Items are applied in order: photos first (a problem or grade refers to its
// photos by key), an inspection before the problems found on it.
import type { Grade, InspectionKind } from './vocab.ts';
import type { Tier } from '../problems/vocab.ts';

export interface SyncPhoto {
  type: 'photo';
  key: string;
  /** The JPEG/PNG/WebP bytes, base64 (the phone shrinks photos before queuing them). */
  data: string;
  name?: string;
}

export interface SyncGrade {
  itemId: number;
  /** null: not graded / not applicable (不涉及). */
  grade: Grade | null;
  note?: string | null;
  photoKeys?: string[];
}

export interface SyncInspection {
  type: 'inspection';
  /** The item's key; the first send creates the inspection, a later one with `finishedAt` finishes it. */
  key: string;
  /** The inspection's own key, shared by its start and finish items and referred to by its problems. */
  inspectionKey: string;
  kind: InspectionKind;
  placeId?: number | null;
  /** The community (or town, for an unannounced visit) when no single place is visited. */
  regionCode?: string | null;
  batch?: string | null;
  startedAt: string; // ISO time on the device
  finishedAt?: string | null;
  checklistId?: number | null;
  grades?: SyncGrade[];
  note?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** Optional GPS track: [lat, lng, epoch ms]. */
  track?: [number, number, number][];
}

export interface SyncProblem {
  type: 'problem';
  key: string;
  inspectionKey: string;
  categoryId: number;
  description: string;
  tier?: Tier | null;
  /** The checklist item the finding belongs to. */
  itemId?: number | null;
  placeId?: number | null;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  beforePhotoKeys: string[];
  /** on_spot only: the photos after fixing it. */
  afterPhotoKeys?: string[];
}

/** The moves an assignee (community cadre, unit liaison) takes on the phone. */
export const PHONE_ACTIONS = ['accept', 'return', 'submit'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

/**
 * A rectification move on a problem dispatched to the person's unit or
 * community (issue 14): 接收, 退回 (note: the reason), 提交整改 (note and
 * after-photos, sent as photo items before it). `version` is the problem's
 * version the phone saw: a problem changed meanwhile answers CONFLICT for
 * this item alone. Its `key` is remembered with the move, so a re-send after
 * a lost answer is 'replayed' with the first answer, never a second move.
 */
export interface SyncAction {
  type: 'action';
  key: string;
  problemId: number;
  action: PhoneAction;
  version: number;
  note?: string | null;
  photoKeys?: string[];
}

/**
 * A publicity facility found damaged on a patrol or a supervision (issue 18):
 * opens a problem (部件 宣传栏/公益广告牌) at the facility, filed and
 * dispatched to its owner unit, and marks the facility damaged
 * (server/modules/publicity markDamaged). Its photos are photo items sent
 * before it. Its `key` is remembered with the problem, so a re-send is
 * 'replayed' with the first answer, never a second problem.
 */
export interface SyncDamage {
  type: 'damage';
  key: string;
  facilityId: number;
  note?: string | null;
  photoKeys?: string[];
}

/**
 * A resident survey's answer by an interviewer (issue 21): the respondent's
 * eligibility (age, months of residence) and profile, then one answer per
 * item of the questionnaire (the option's index in its scale). An ineligible
 * respondent fails with POLL_INELIGIBLE and the reason; an answer beyond the
 * community's sample or a quota is kept, its result's `state` 'out_of_quota'.
 * Its `key` is remembered per interviewer: a re-send is 'replayed'.
 */
export interface SyncPoll {
  type: 'poll';
  key: string;
  waveId: number;
  questionnaireId: number;
  communityCode: string;
  sex: 'male' | 'female';
  age: number;
  residenceMonths: number;
  answeredAt: string;
  answers: { itemId: number; value: number }[];
}

export type SyncItem = SyncPhoto | SyncInspection | SyncProblem | SyncAction | SyncDamage | SyncPoll;
export interface SyncRequest {
  items: SyncItem[];
}

export type SyncStatus = 'created' | 'updated' | 'replayed' | 'failed';
export interface SyncItemResult {
  key: string;
  type: SyncItem['type'];
  status: SyncStatus;
  /** The server's id of what the item made (photo, inspection or problem; a damage report: its problem). */
  id?: number;
  /** Problems and damage reports: the problem's tracking code. */
  code?: string;
  /** Actions and damage reports: the problem's state and version after it; survey answers: in_quota | out_of_quota. */
  state?: string;
  version?: number;
  error?: { code: string; message: string; fields?: { path: string; message: string }[] };
}
export interface SyncResponse {
  results: SyncItemResult[];
}

/** Largest number of items and bytes the phone sends in one request (it splits longer queues). */
export const SYNC_MAX_ITEMS = 500;
export const SYNC_MAX_BYTES = 24 * 1024 * 1024;
