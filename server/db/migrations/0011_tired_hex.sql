CREATE TABLE "audit_chain" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"keyed_from_seq" bigint NOT NULL
);
--> statement-breakpoint
-- The keyed chain starts with the first row sealed after this migration:
-- rows already sealed keep their plain SHA-256 chain.
INSERT INTO "audit_chain" ("id", "keyed_from_seq") SELECT 1, coalesce(max(seq), 0) + 1 FROM "audit_log";
