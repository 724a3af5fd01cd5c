// The problems module's public face: what other modules use of it. They import from
// here, never from its files (tests/unit/import-graph.test.ts).
export { addFollowerWithEvent } from './duplicates.ts';
export { findDuplicates, type DupConfig } from './duplicates.repository.ts';
export { matchTier } from './excel.refs.ts';
export { intake, type LocationConfig } from './intake.ts';
export { locationAt } from './location.ts';
export { overdueSql, runningSql } from './overdue.repository.ts';
export { partiesFor, problemScope } from './parties.ts';
export { categoryInfoRow as category } from './problems.lookups.repository.ts';
export { findByIdempotencyKey, getProblem, insertEvent, officePeople, recordRating, unitById, type ProblemRow } from './problems.repository.ts';
export { RESIDENT_VISIBLE, scopeSql } from './problems.scope.repository.ts';
export { attachPhotos } from './problems.photos.repository.ts';
export { counts as queueCounts, listInNotice, uploadPhoto } from './problems.service.ts';
export { moveDeadline, transition } from './transition.ts';
export { reinspectionRecorded } from './inbox.ts';
export { moveOnce } from './moves.ts';
