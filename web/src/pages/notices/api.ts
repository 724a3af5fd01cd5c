// Shapes of the notices API (server/modules/notices) and its queries.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { NoticeAction, NoticeKind, NoticeState } from '../../../../domain/notices/vocab.ts';
import { keys } from '../../api/keys.ts';

export interface NoticeSummary {
  id: number; direction: 'issued' | 'received'; kind: NoticeKind; kindLabel: string; townCode: string; year: number; seq: number | null;
  issueLabel: string | null; docNumber: string | null; title: string; issuer: string; issueDate: string; dueDate: string | null;
  intro: string | null; state: NoticeState; stateLabel: string; rejectNote: string | null; approvedAt: string | null;
  publishedAt: string | null; version: number; createdAt: string; itemCount?: number; closedCount?: number;
}
export interface NoticeItem {
  position: number; problemId: number; code: string; state: string; stateLabel: string; regionCode: string; communityName: string | null;
  placeName: string | null; address: string | null; description: string; categoryName: string; unitName: string | null;
  dueDate: string | null; overdue: boolean; overdueDays: number; closedAt: string | null; version: number;
}
export interface Notice extends NoticeSummary {
  items: NoticeItem[];
  progress: { total: number; closed: number; overdue: number; allClosed: boolean };
  can: { actions: { action: NoticeAction; label: string }[]; edit: boolean; download: boolean; feedback: boolean };
}
export interface Candidate {
  id: number; code: string; source: string; state: string; region_code: string; community_name: string | null; place_name: string | null;
  address: string | null; description: string; category_name: string | null; due_date: string | null; created_at: string;
}

export const useNotices = (direction: 'issued' | 'received') =>
  useQuery({ queryKey: keys.notices.list(direction), queryFn: () => api.get<{ items: NoticeSummary[] }>('/notices', { direction }) });
export const useNotice = (id: number, enabled = true) => useQuery({ queryKey: keys.notices.detail(id), queryFn: () => api.get<Notice>(`/notices/${id}`), enabled });
export const useCandidates = (f: Record<string, string | undefined>) =>
  useQuery({ queryKey: keys.notices.candidates(f), queryFn: () => api.get<{ items: Candidate[] }>('/notices/candidates', f) });
