// The inbox module's public face: what other modules use of it. They import from
// here, never from its files (tests/unit/import-graph.test.ts).
export { closeItems, openItem, ownerPeople, type OpenInput, type Owner } from './inbox.service.ts';
export { backfillInbox } from './backfill.ts';
