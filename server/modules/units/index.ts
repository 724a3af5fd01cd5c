// The units module's public face: what other modules use of it. They import from
// here, never from its files (tests/unit/import-graph.test.ts).
export { dispatchTarget, reachableUnitOf, reachableUnits, reachableUnitsOf } from './reachable.ts';
