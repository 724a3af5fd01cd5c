// The webhooks module's public face: what other modules use of it. They import
// from here, never from its files (tests/unit/import-graph.test.ts).
export { emitWebhook } from './outbox.ts';
