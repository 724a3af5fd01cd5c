// Shapes of the inspections API (server/modules/inspections/*.routes.ts, whose
// header comments state each contract) and the queries the desk pages use.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Grade, InspectionKind } from '../../../../domain/inspections/vocab.ts';
import type { Cadence } from '../../../../domain/inspections/cadence.ts';
import { keys } from '../../api/keys.ts';

export type Query = Record<string, string | number | undefined>;

export interface ProblemBrief {
  id: number; code: string; state: string; stateLabel: string; categoryName: string | null; description?: string; tierLabel?: string;
  communityName?: string | null; placeName: string | null; dueDate: string | null; overdue: boolean; overdueDays?: number;
}

// ---- history and one inspection (inspections.routes.ts) ----

export interface InspectionRow {
  id: number; kind: InspectionKind; kindLabel: string; state: string; stateLabel: string; onDate: string; startedAt: string; finishedAt: string | null;
  regionCode: string; regionName: string | null; communityCode: string | null; communityName: string | null;
  place: { id: number; name: string; kind: string; pointType: string | null; pointTypeLabel: string | null } | null;
  inspector: { id: number; name: string }; batch: string | null; gradedItems: number; score: number | null; maxScore: number | null;
  rate: number | null; problemsFound: number;
}
export interface InspectionList { items: InspectionRow[]; total: number; page: number; pageSize: number }
export interface Photo { id: number; url: string; thumbUrl?: string | null }
export interface InspectionItem {
  itemId: number; code: string; title: string; criterion: string; points: number; grade: Grade | null; coefficient?: number | null;
  score: number | null; note: string | null; photos?: Photo[];
}
export interface InspectionDetail extends InspectionRow {
  note: string | null; lat: number | null; lng: number | null; track: [number, number, number?][] | null;
  checklist: { id: number; pointType: string; pointTypeLabel: string | null; version: number; title: string; current: boolean } | null;
  items: InspectionItem[];
  problems: { id: number; code: string; state: string; stateLabel: string; tier: string; categoryName: string | null; description: string; dueDate: string | null; closedAt: string | null; item: { id: number; code: string | null; title: string | null } | null }[];
}

export const useInspections = (q: Query) =>
  useQuery({ queryKey: keys.inspections.list(q), queryFn: () => api.get<InspectionList>('/inspections', q), placeholderData: keepPreviousData });
export const useInspection = (id: number | null) =>
  useQuery({ enabled: id !== null, queryKey: keys.inspections.detail(id), queryFn: () => api.get<InspectionDetail>(`/inspections/${id}`) });

// ---- a point's page (points.routes.ts) ----

export interface Head {
  id: number; kind: InspectionKind; kindLabel: string; state: string; stateLabel: string; onDate: string; finishedAt: string | null;
  inspectorName: string; batch: string | null; score: number | null; max: number | null; rate: number | null; problemsFound: number;
}
export interface PointPage {
  place: {
    id: number; kind: string; kindLabel: string; name: string; address: string | null; regionCode: string; communityCode: string; communityName: string | null;
    townName: string | null; pointType: string | null; pointTypeLabel: string | null; checklistType: string | null; checklistTypeLabel: string | null;
    isDemoPoint: boolean; lat: number | null; lng: number | null; responsibleUnit: { id: number; name: string | null } | null;
    streetChiefs: { id: number; name: string; title: string | null }[];
  };
  latest: (Head & { checklist: { id: number; version: number; title: string; pointType: string }; items: InspectionItem[] }) | null;
  trend: { id: number; onDate: string; kind: InspectionKind; kindLabel: string; batch: string | null; score: number; max: number; rate: number | null }[];
  countsByKind: { kind: InspectionKind; label: string; count: number; lastOn: string | null }[];
  recent: Head[];
  openProblems: ProblemBrief[];
}
export const usePointPage = (placeId: number) =>
  useQuery({ queryKey: keys.inspections.point(placeId), queryFn: () => api.get<PointPage>(`/inspections/points/${placeId}`) });

// ---- the mock-evaluation report (report.routes.ts) ----

export interface TypeRate { pointType: string; label: string | null; points: number; score: number; max: number; rate: number | null }
export interface WorstItem {
  pointType: string; pointTypeLabel: string | null; code: string; title: string; criterion: string; points: number; graded: number;
  counts: Record<Grade, number>; bad: number; avgCoefficient: number; lostPoints: number;
}
export interface StateCount { state: string; label: string; count: number }
export interface EvaluationCommunity {
  code: string; name: string; overall: number | null; pointsEvaluated: number; inspections: number; byType: TypeRate[];
  points: { placeId: number | null; name: string; pointType: string; pointTypeLabel: string | null; inspectionId: number; onDate: string; inspectorName: string; score: number; max: number; rate: number | null; problemsFound: number }[];
  worstItems: WorstItem[];
  problems: { total: number; byState: StateCount[]; items: (ProblemBrief & { inspectionId: number })[] };
}
export interface EvaluationReport {
  title: string; town: { code: string; name: string }; region: { code: string; name: string };
  filter: { kind: InspectionKind; kindLabel: string; batch: string | null; from: string | null; to: string | null; period: string };
  pointTypes: { pointType: string; label: string | null }[];
  total: { overall: number | null; pointsEvaluated: number; inspections: number; byType: TypeRate[]; worstItems: WorstItem[]; problems: { total: number; byState: StateCount[] } };
  communities: EvaluationCommunity[];
}
export interface Batch { batch: string; from: string; to: string; points: number; inspections: number; inProgress: number; communities: number; inspectors: string[] }

export const useBatches = (regionCode: string | null) =>
  useQuery({ enabled: !!regionCode, queryKey: keys.inspections.batches(regionCode), queryFn: () => api.get<{ items: Batch[] }>('/inspections/batches', { regionCode: regionCode! }) });
export const useEvaluation = (q: Query | null) =>
  useQuery({ enabled: q !== null, queryKey: keys.inspections.evaluation(q), queryFn: () => api.get<EvaluationReport>('/inspections/reports/evaluation', q!) });

// ---- compliance and cadence (compliance.routes.ts) ----

export interface Figures { expected: number; done: number; missed: number; due: number; rate: number | null }
export interface Compliance {
  region: { code: string; name: string; level: string }; range: { from: string; to: string }; today: string;
  kinds: (Figures & { kind: InspectionKind; label: string; period: string; periodLabel: string })[];
  towns?: { code: string; name: string; total: Figures; kinds: Partial<Record<InspectionKind, Figures>> }[];
  communities: { code: string; name: string; total: Figures; kinds: Partial<Record<InspectionKind, Figures>> }[];
  people: (Figures & { personId: number; name: string; kind: InspectionKind; kindLabel: string; townName: string | null; communityCode: string | null; communityName: string | null; places: number })[];
  places: (Figures & { placeId: number; name: string; kind: InspectionKind; kindLabel: string; communityName: string | null; people: { id: number; name: string }[] })[];
  can: { manage: boolean };
}
export type SlotStatus = 'done' | 'missed' | 'due' | 'upcoming';
export interface PersonCalendar {
  person: { id: number; name: string; regionCode: string; roles: string[]; active: boolean }; month: string; range: { from: string; to: string }; today: string;
  /** Places held at some time in the month; validTo is the first day no longer held (null: still held). */
  places: { id: number; name: string; kind: string; regionCode: string; validFrom: string; validTo: string | null }[];
  totals: Partial<Record<InspectionKind, Figures>>;
  days: (Figures & { date: string; dayType: 'workday' | 'weekend' | 'holiday' | 'makeup'; inspections: number; places: { placeId: number; name: string; kind: string; status: SlotStatus; statusLabel: string; done: number }[] })[];
  slots: { kind: InspectionKind; kindLabel: string; period: string; key: string; start: string; end: string; placeId: number | null; placeName: string | null; done: number; times: number; status: SlotStatus; statusLabel: string }[];
}
export interface Miss {
  id: number; kind: InspectionKind; kindLabel: string; townCode: string; regionCode: string; communityName: string | null; personId: number | null;
  personName: string | null; placeId: number | null; placeName: string | null; periodStart: string; periodEnd: string; recordedAt: string;
}
export interface CadenceVersionRow {
  version: number; effectiveFrom: string; cadence: Record<InspectionKind, Cadence>; note: string | null; createdByName: string | null; createdAt: string;
  inForce: boolean; scheduled: boolean;
}
export interface CadenceSettings {
  regionCode: string; today: string; cadence: Record<InspectionKind, Cadence>; inheritedFrom: 'own' | 'county' | 'global' | 'default';
  effectiveFrom: string | null; versions: CadenceVersionRow[];
  labels: { kinds: Record<string, string>; periods: Record<string, string> }; can: { manage: boolean };
}

export const useCompliance = (q: Query | null) =>
  useQuery({ enabled: q !== null, queryKey: keys.inspections.compliance(q), queryFn: () => api.get<Compliance>('/inspections/compliance', q!), placeholderData: keepPreviousData });
export const usePersonCalendar = (personId: number | null, month: string) =>
  useQuery({ enabled: personId !== null, queryKey: keys.inspections.calendar(personId, month), queryFn: () => api.get<PersonCalendar>(`/inspections/compliance/person/${personId}`, { month }) });
export const useMisses = (q: Query | null) =>
  useQuery({ enabled: q !== null, queryKey: keys.inspections.misses(q), queryFn: () => api.get<{ total: number; items: Miss[] }>('/inspections/misses', q!), placeholderData: keepPreviousData });
export const useCadence = (regionCode: string | null) =>
  useQuery({ enabled: !!regionCode, queryKey: keys.inspections.cadence(regionCode), queryFn: () => api.get<CadenceSettings>('/inspections/cadence', { regionCode: regionCode! }) });

// ---- checklists and responsibility (checklists.routes.ts, assignments.routes.ts) ----

export interface ChecklistItemRow { id?: number; seq?: number; code: string; title: string; criterion: string; points: number; categoryKey: string | null; categoryId?: number | null }
export interface Checklist {
  id: number; pointType: string; pointTypeLabel: string; version: number; title: string; current: boolean; note: string | null;
  createdAt: string; createdByName: string | null; totalPoints: number; items: ChecklistItemRow[];
}
export interface ChecklistVersion {
  id: number; version: number; title: string; current: boolean; note: string | null; createdAt: string; createdByName: string | null;
  itemCount: number; totalPoints: number; inspections: number;
}
export const useChecklists = () =>
  useQuery({ queryKey: keys.checklists.list(), queryFn: () => api.get<{ items: Checklist[]; missingTypes: { pointType: string; pointTypeLabel: string }[]; canManage: boolean }>('/checklists') });
export const useChecklistVersions = (pointType: string | null) =>
  useQuery({ enabled: !!pointType, queryKey: keys.checklists.versions(pointType), queryFn: () => api.get<{ pointType: string; pointTypeLabel: string; versions: ChecklistVersion[] }>(`/checklists/types/${pointType}/versions`) });
export const useChecklist = (id: number | null) =>
  useQuery({ enabled: id !== null, queryKey: keys.checklists.detail(id), queryFn: () => api.get<Checklist>(`/checklists/${id}`) });

/** 0.8734 → "87.34%". */
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`);
