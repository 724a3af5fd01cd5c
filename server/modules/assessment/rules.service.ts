// Assessment rules, versioned: the list with each rule's version in force,
// a new rule, a new version from a date. Access as in assessment.service.ts
// (canRead / canManage).
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { todayChina } from '../calendar/index.ts';
import { indexRules, versionOn, EVENT_KIND_LABELS, SUBJECT_KIND_LABELS, type EventKind, type SubjectKind } from '../../../domain/assessment/rules.ts';
import * as repo from './assessment.repository.ts';
import { canManage, canRead } from './assessment.service.ts';

export async function listRules(db: Db, actor: Actor, region: string) {
  canRead(actor, region);
  const rows = await repo.rulesFor(db, region);
  const today = todayChina();
  const byKey = indexRules(rows);
  return {
    rules: [...byKey.values()].map((versions) => ({
      ruleKey: versions[0].ruleKey,
      regionCode: versions[0].regionCode,
      eventKind: versions[0].eventKind,
      subjectKind: versions[0].subjectKind,
      eventLabel: EVENT_KIND_LABELS[versions[0].eventKind],
      subjectLabel: SUBJECT_KIND_LABELS[versions[0].subjectKind],
      current: versionOn(versions, today),
      versions,
      canManage: can(actor, 'assessment.manage', { regionCode: versions[0].regionCode }),
    })),
    can: { manage: can(actor, 'assessment.manage', { regionCode: region }) },
  };
}

export interface NewRule {
  regionCode: string;
  name: string;
  eventKind: EventKind;
  subjectKind: SubjectKind;
  points: number;
  capPerPeriod: number | null;
  threshold?: number | null;
  effectiveFrom: string;
  note?: string | null;
}

/** A shortfall rule needs its monthly minimum; other kinds carry none. */
function thresholdOf(kind: EventKind, threshold: number | null | undefined): number | null {
  if (kind !== 'activity_shortfall') return null;
  if (!threshold) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'threshold', message: '请填写每月最少开展的活动场次' }]);
  return threshold;
}

export async function createRule(db: Db, actor: Actor, r: NewRule) {
  canManage(actor, r.regionCode);
  // The 例会 is the town's own: a missed week scores the town, nobody else.
  if (r.eventKind === 'weekly_meeting_missed' && r.subjectKind !== 'town')
    throw fieldError('body.subjectKind', '“未按要求召开每周例会”只计入乡镇，请选择考核对象“乡镇”');
  if (r.eventKind === 'daily_report_missing' && r.subjectKind !== 'community' && r.subjectKind !== 'town')
    throw fieldError('body.subjectKind', '“社区日报缺报”只计入社区或乡镇，请选择考核对象“社区”或“乡镇”');
  const threshold = thresholdOf(r.eventKind, r.threshold);
  const row = await repo.insertRule(db, {
    ...r,
    threshold,
    ruleKey: crypto.randomUUID(),
    version: 1,
    active: true,
    note: r.note ?? null,
    createdBy: actor.personId,
  });
  await audit(db, { actor, action: 'create', entity: 'assessment_rule', entityId: row.id, regionCode: r.regionCode, after: row });
  return row;
}

/**
 * A change from a date is a new version: it must start after every earlier
 * version (a later version never rewrites what an earlier one scored).
 */
export async function addVersion(
  db: Db,
  actor: Actor,
  ruleKey: string,
  v: { name?: string; points: number; capPerPeriod: number | null; threshold?: number | null; active: boolean; effectiveFrom: string; note?: string | null },
) {
  const versions = await repo.ruleVersions(db, ruleKey);
  if (!versions.length) throw new AppError('NOT_FOUND');
  const last = versions[versions.length - 1];
  canManage(actor, last.regionCode);
  if (versions.some((x) => x.effectiveFrom >= v.effectiveFrom)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `新版本的生效日期须晚于已有版本（最近一版自 ${versions
        .map((x) => x.effectiveFrom)
        .sort()
        .at(-1)} 起生效）`,
      [{ path: 'effectiveFrom', message: '须晚于已有版本的生效日期' }],
    );
  }
  const row = await repo.insertRule(db, {
    ruleKey,
    version: last.version + 1,
    regionCode: last.regionCode,
    name: v.name ?? last.name,
    eventKind: last.eventKind,
    subjectKind: last.subjectKind,
    points: v.points,
    capPerPeriod: v.capPerPeriod,
    threshold: thresholdOf(last.eventKind, v.threshold ?? last.threshold),
    active: v.active,
    effectiveFrom: v.effectiveFrom,
    note: v.note ?? null,
    createdBy: actor.personId,
  });
  await audit(db, { actor, action: 'version', entity: 'assessment_rule', entityId: row.id, regionCode: last.regionCode, before: last, after: row });
  return row;
}
