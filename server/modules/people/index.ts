// The people module's public face: what other modules use of it. They import from
// here, never from its files (tests/unit/import-graph.test.ts).
export { getPerson, grantLiaison, grantVolunteer, revokeLiaison, revokeSessions, setPassword } from './people.repository.ts';
export { insertChecked, mapPersonUnique } from './people.service.ts';
