// The reinspections (回头看) module's public face: what other modules use of it.
// They import from here, never from its files (tests/unit/import-graph.test.ts).
export { schedule as scheduleReinspection } from './reinspections.repository.ts';
