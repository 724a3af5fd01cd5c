// The words of inspections (DOMAIN.md §4, issue 5): the five kinds, the
// grades of the state-description method and what each kind files problems as.
import type { Source } from '../problems/vocab.ts';
import type { PlaceKind } from '../regions.ts';

export const INSPECTION_KINDS = ['patrol', 'supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  patrol: '街巷长巡查',
  supervision: '督查组督查',
  unannounced_visit: '领导暗访',
  demo_visit: '示范点考察',
  mock_evaluation: '模拟测评',
};
/** Problems found on an inspection are filed with this source. */
export const INSPECTION_SOURCE: Record<InspectionKind, Source> = {
  patrol: 'patrol',
  supervision: 'supervision',
  unannounced_visit: 'unannounced_visit',
  demo_visit: 'demo_visit',
  mock_evaluation: 'mock_evaluation',
};
/** Kinds that compute a score (得分率) from the checklist; a patrol only records findings. */
export const SCORED_KINDS: InspectionKind[] = ['supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation'];

export const INSPECTION_STATES = ['in_progress', 'finished'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];
export const INSPECTION_STATE_LABELS: Record<InspectionState, string> = { in_progress: '进行中', finished: '已完成' };

// 状态描述法: A 100%, B 66%, C 33%, C# 0% of the item's points.
export const GRADES = ['A', 'B', 'C', 'C#'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_COEFFICIENT: Record<Grade, number> = { A: 1, B: 0.66, C: 0.33, 'C#': 0 };
export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A（达标，无问题）',
  B: 'B（基本达标，1处问题）',
  C: 'C（不达标，2处问题）',
  'C#': 'C#（严重不达标，3处及以上）',
};
/** The grade the number of problems found suggests (A 0, B 1, C 2, C# 3+). */
export function gradeForProblems(n: number): Grade {
  return n <= 0 ? 'A' : n === 1 ? 'B' : n === 2 ? 'C' : 'C#';
}

/**
 * The checklist a place is inspected with: a point by its point type, a
 * street as a back street, a compound as a compound.
 */
export function checklistTypeFor(place: { kind: PlaceKind | string; pointType?: string | null }): string | null {
  if (place.kind === 'point') return place.pointType ?? null;
  if (place.kind === 'street') return 'back_street';
  if (place.kind === 'compound') return 'compound';
  return null;
}

/** Who records each kind (on top of the 'inspection.record' permission, scoped by region). */
export const KIND_ROLES: Record<InspectionKind, readonly string[]> = {
  patrol: ['street_chief', 'community_staff', 'admin'],
  supervision: ['supervisor', 'office_staff', 'admin'],
  unannounced_visit: ['town_leader', 'office_staff', 'admin'],
  demo_visit: ['town_leader', 'office_staff', 'supervisor', 'admin'],
  mock_evaluation: ['office_staff', 'supervisor', 'town_leader', 'admin'],
};
