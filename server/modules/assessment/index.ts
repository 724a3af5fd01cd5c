// The assessment module's public face: what other modules use of it (the home
// page's live ranking). They import from here (tests/unit/import-graph.test.ts).
export { computeRanking } from './assessment.service.ts';
