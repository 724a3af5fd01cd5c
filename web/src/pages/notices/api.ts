// Shapes of the notices API (server/modules/notices) and its queries.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';

// The answers are the server's schemas (domain/api/notices.ts).
import type { Candidate, Notice, NoticeSummary } from '../../../../domain/api/notices.ts';
export type { Candidate, Notice, NoticeItem, NoticeSummary } from '../../../../domain/api/notices.ts';

/** A direction's notices, newest first, a keyset page at a time. */
export const useNotices = (direction: 'issued' | 'received') =>
  useCursorPages<NoticeSummary>(keys.notices.list(direction), '/notices', { direction, limit: 50 });
export const useNotice = (id: number, enabled = true) =>
  useQuery({ queryKey: keys.notices.detail(id), queryFn: () => api.get<Notice>(`/notices/${id}`), enabled });
export const useCandidates = (f: Record<string, string | undefined>) =>
  useQuery({ queryKey: keys.notices.candidates(f), queryFn: () => api.get<{ items: Candidate[] }>('/notices/candidates', f) });
