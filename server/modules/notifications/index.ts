// The notifications module's public face: what other modules use of it. They import from
// here, never from its files (tests/unit/import-graph.test.ts).
export { notify } from './notify.ts';
// Who a sweep notifies when it speaks to "the town": people holding one of the given roles over a region that
// covers the region code (a town office grant covers every community of the town; a global admin is not
// included: admins configure, they do not work the queue).
export { peopleWithRoles, unitPeople } from './notifications.repository.ts';
