// The assessment module's public face: what other modules use of it (the home
// page's live ranking). They import from here (tests/unit/import-graph.test.ts).
export { computeRanking } from './assessment.service.ts';
// The live ranking kept up to date: the 大屏 reads it, its job refreshes it.
export { currentRanking, refreshRanking, RANKING_FRESH_MS, type CurrentRanking } from './live-ranking.ts';
// The indicator counts (应结案, 结案, 按期, 返工) per group: the figure registry's 结案率, 按期结案率, 返工率 read them.
export { indicatorCounts } from './assessment.repository.ts';
