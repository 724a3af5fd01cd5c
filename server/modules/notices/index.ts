// The notices module's public face: what other modules use of it (tests/unit/import-graph.test.ts).
export { awaitingFeedback as countyNoticesAwaitingFeedback, type AwaitingFeedbackRow } from './county.repository.ts';
