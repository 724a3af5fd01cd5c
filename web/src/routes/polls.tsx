// Resident surveys (问卷调查, issue 21): waves and questionnaires, a wave's results, a weak item given to a community.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const PollsPage = lazy(() => import('../pages/polls/PollsPage.tsx'));
const PollWavePage = lazy(() => import('../pages/polls/WavePage.tsx'));
const PollFollowupPage = lazy(() => import('../pages/polls/FollowupPage.tsx'));

export const pollsRoutes: DeskRoute[] = [
  { path: 'polls', page: PollsPage, action: 'poll.read' },
  { path: 'polls/waves/:id', page: PollWavePage, action: 'poll.read' },
  { path: 'polls/followups/:id', page: PollFollowupPage, action: 'poll.read' },
];
