-- The audit trail is append-only: the application never updates or deletes a
-- row, and the database refuses it too. A hand edit needs
-- `ALTER TABLE audit_log DISABLE TRIGGER USER` first, and `npm run cli -- audit verify`
-- still finds it through the hash chain.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
