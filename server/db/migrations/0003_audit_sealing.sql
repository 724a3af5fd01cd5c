DROP INDEX "problems_idem_uq";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_uq" ON "audit_log" USING btree ("seq") WHERE seq IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_unsealed_idx" ON "audit_log" USING btree ("id") WHERE hash IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "problems_idem_uq" ON "problems" USING btree ("idempotency_key") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
-- Rows chained before sealing existed were chained in id order.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;--> statement-breakpoint
UPDATE audit_log SET seq = id WHERE hash IS NOT NULL;--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;--> statement-breakpoint
-- Still append-only: no DELETE, and no UPDATE except sealing a row once
-- (setting seq, prev_hash and hash where they were NULL, nothing else).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name AND NEW.action = OLD.action AND NEW.entity = OLD.entity
     AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.region_code IS NOT DISTINCT FROM OLD.region_code
     AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
