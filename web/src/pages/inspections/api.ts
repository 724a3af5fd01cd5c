// The queries the inspection desk pages use. Their types are the wire side of
// the routes' response schemas (domain/api/inspections.ts and its siblings), so they cannot
// drift from the server.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { InspectionDetail, InspectionRow } from '../../../../domain/api/inspections.ts';
import type { Checklist, Checklists, ChecklistVersions } from '../../../../domain/api/checklists.ts';
import type { CadenceSettings, Compliance, Miss, PersonCalendar } from '../../../../domain/api/compliance.ts';
import type { BatchList, EvaluationReport, PointPage } from '../../../../domain/api/inspection-reports.ts';
export type { InspectionDetail, InspectionRow } from '../../../../domain/api/inspections.ts';
export type { Checklist } from '../../../../domain/api/checklists.ts';
export type { CadenceSettings, Compliance, Figures, Miss, PersonCalendar } from '../../../../domain/api/compliance.ts';
export type { EvaluationReport, PointPage, ProblemBrief } from '../../../../domain/api/inspection-reports.ts';

export type Query = Record<string, string | number | undefined>;

// ---- history and one inspection (inspections.routes.ts) ----

export type InspectionItem = InspectionDetail['items'][number];
export type Photo = InspectionItem['photos'][number];

/** The history, newest first, a keyset page at a time. */
export const useInspections = (q: Query) => useCursorPages<InspectionRow>(keys.inspections.list(q), '/inspections', q);
export const useInspection = (id: number | null) =>
  useQuery({ enabled: id !== null, queryKey: keys.inspections.detail(id), queryFn: () => api.get<InspectionDetail>(`/inspections/${id}`) });

// ---- a point's page (points.routes.ts) ----

export type Head = PointPage['recent'][number];
/** A graded item of a point's latest inspection (or of an inspection's detail, which adds its photos). */
export type GradedItem = NonNullable<PointPage['latest']>['items'][number];
export const usePointPage = (placeId: number) =>
  useQuery({ queryKey: keys.inspections.point(placeId), queryFn: () => api.get<PointPage>(`/inspections/points/${placeId}`) });

// ---- the mock-evaluation report (report.routes.ts) ----

export type EvaluationCommunity = EvaluationReport['communities'][number];
export type TypeRate = EvaluationCommunity['byType'][number];
export type WorstItem = EvaluationCommunity['worstItems'][number];
export type Batch = BatchList['items'][number];

export const useBatches = (regionCode: string | null) =>
  useQuery({
    enabled: !!regionCode,
    queryKey: keys.inspections.batches(regionCode),
    queryFn: () => api.get<BatchList>('/inspections/batches', { regionCode: regionCode! }),
  });
export const useEvaluation = (q: Query | null) =>
  useQuery({ enabled: q !== null, queryKey: keys.inspections.evaluation(q), queryFn: () => api.get<EvaluationReport>('/inspections/reports/evaluation', q!) });

// ---- compliance and cadence (compliance.routes.ts) ----

export type SlotStatus = PersonCalendar['slots'][number]['status'];
export type CadenceVersionRow = CadenceSettings['versions'][number];

export const useCompliance = (q: Query | null) =>
  useQuery({
    enabled: q !== null,
    queryKey: keys.inspections.compliance(q),
    queryFn: () => api.get<Compliance>('/inspections/compliance', q!),
    placeholderData: keepPreviousData,
  });
export const usePersonCalendar = (personId: number | null, month: string) =>
  useQuery({
    enabled: personId !== null,
    queryKey: keys.inspections.calendar(personId, month),
    queryFn: () => api.get<PersonCalendar>(`/inspections/compliance/person/${personId}`, { month }),
  });
export const useMisses = (q: Query | null) => useCursorPages<Miss>(keys.inspections.misses(q), '/inspections/misses', q);
export const useCadence = (regionCode: string | null) =>
  useQuery({
    enabled: !!regionCode,
    queryKey: keys.inspections.cadence(regionCode),
    queryFn: () => api.get<CadenceSettings>('/inspections/cadence', { regionCode: regionCode! }),
  });

// ---- checklists (checklists.routes.ts) ----

/** An item as the checklist editor holds it: a new row has no id yet. */
export type ChecklistItemRow = Omit<Checklist['items'][number], 'id' | 'seq' | 'categoryId'> & { id?: number; seq?: number; categoryId?: number | null };
export type ChecklistVersion = ChecklistVersions['versions'][number];
export const useChecklists = () => useQuery({ queryKey: keys.checklists.list(), queryFn: () => api.get<Checklists>('/checklists') });
export const useChecklistVersions = (pointType: string | null) =>
  useQuery({
    enabled: !!pointType,
    queryKey: keys.checklists.versions(pointType),
    queryFn: () => api.get<ChecklistVersions>(`/checklists/types/${pointType}/versions`),
  });
export const useChecklist = (id: number | null) =>
  useQuery({ enabled: id !== null, queryKey: keys.checklists.detail(id), queryFn: () => api.get<Checklist>(`/checklists/${id}`) });

/** 0.8734 → "87.34%". */
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`);
