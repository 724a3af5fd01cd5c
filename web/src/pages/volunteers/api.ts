// The volunteer pages' reads: volunteers, teams, service records and totals,
// one volunteer and their certificate, an activity's check-in roster, orders.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type {
  ActivityRoster,
  Certificate,
  OrderItem,
  ServiceItem,
  ServiceTotalsReport,
  TeamList,
  VolunteerDetail,
  VolunteerItem,
  VolunteerList,
} from '../../../../domain/api/volunteers.ts';

type Query = Record<string, string | undefined>;

/** The URL filter as the API's: `region` (the figures' drill-down) is regionCode. */
export function apiFilter({ region, ...rest }: Query): Query {
  return { ...rest, regionCode: region };
}

export function useVolunteers(f: Query) {
  const q = { ...apiFilter(f), limit: 50 };
  return useCursorPages<VolunteerItem, VolunteerList>(keys.volunteers.list(q), '/volunteers', q);
}

export function useVolunteer(id: number) {
  return useQuery({ queryKey: keys.volunteers.detail(id), queryFn: () => api.get<VolunteerDetail>(`/volunteers/${id}`) });
}

export function useTeams() {
  return useQuery({ queryKey: keys.volunteers.teams(), queryFn: () => api.get<TeamList>('/volunteers/teams') });
}

export function useService(f: Query) {
  const q = { ...apiFilter(f), limit: 50 };
  return useCursorPages<ServiceItem>(keys.volunteers.service(q), '/volunteers/service', q);
}

export function useTotals(f: Query) {
  const { status: _s, ...rest } = apiFilter(f);
  return useQuery({ queryKey: keys.volunteers.totals(rest), queryFn: () => api.get<ServiceTotalsReport>('/volunteers/service/totals', rest) });
}

export function useCertificate(id: number) {
  return useQuery({ queryKey: keys.volunteers.certificate(id), queryFn: () => api.get<Certificate>(`/volunteers/${id}/certificate`) });
}

export function useRoster(activityId: number) {
  return useQuery({ queryKey: keys.volunteers.roster(activityId), queryFn: () => api.get<ActivityRoster>(`/volunteers/activities/${activityId}/roster`) });
}

export function useOrders(f: Query) {
  const q = { ...apiFilter(f), limit: 50 };
  return useCursorPages<OrderItem>(keys.volunteers.orders(q), '/volunteers/orders', q);
}

export function useOrder(id: number) {
  return useQuery({ queryKey: keys.volunteers.order(id), queryFn: () => api.get<OrderItem>(`/volunteers/orders/${id}`) });
}
