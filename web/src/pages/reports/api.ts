// Queries of the reports pages (server/modules/reports); the shapes are the server's schemas (domain/api/reports.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { DailyForm, DailyReport, TownReport, TownReportDetail, YearendDoc, missingReports } from '../../../../domain/api/reports.ts';
export type { DailyForm, DailyReport, TownReport, TownReportDetail, YearendDoc } from '../../../../domain/api/reports.ts';

type Query = Record<string, string | undefined>;

export const useDailyReports = (f: Query) => useCursorPages<DailyReport>(keys.reports.daily(f), '/reports/daily', { ...f, limit: 50 });
export const useMissing = (f: Query) =>
  useQuery({ queryKey: keys.reports.missing(f), queryFn: () => api.get<Wire<typeof missingReports>>('/reports/daily/missing', f) });
export const useDailyForm = (communityCode: string | null, day: string) =>
  useQuery({
    queryKey: keys.reports.form(communityCode, day),
    enabled: !!communityCode,
    queryFn: () => api.get<DailyForm>('/reports/daily/form', { communityCode: communityCode!, day }),
  });
export const useTownReports = (f: Query) => useCursorPages<TownReport>(keys.reports.town(f), '/reports/town', { ...f, limit: 50 });
export const useTownReport = (id: number) =>
  useQuery({ queryKey: keys.reports.townDetail(id), queryFn: () => api.get<TownReportDetail>(`/reports/town/${id}`) });
export const useYearend = (region: string | null, year: number, style: string) =>
  useQuery({
    queryKey: keys.reports.yearend(region, year, style),
    enabled: !!region,
    queryFn: () => api.get<YearendDoc>('/reports/yearend', { region: region!, year: String(year), style }),
  });
