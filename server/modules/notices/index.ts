// The notices module's public face: what other modules use of it (tests/unit/import-graph.test.ts).
export { awaitingFeedback as countyNoticesAwaitingFeedback, type AwaitingFeedbackRow } from './county.repository.ts';
// The GB/T 9704 document builder, which the town's reports (server/modules/reports) and a campaign's summary print with too.
export { buildOfficialDoc, chineseDate, DOCX_TYPE, storedThumbnail, thumbnail, type DocBlock, type DocTable, type OfficialDoc } from './docx.ts';
