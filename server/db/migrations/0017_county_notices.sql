ALTER TABLE "notices" ADD COLUMN "parent_id" bigint;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "feedback_note" text;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "feedback_by" integer;--> statement-breakpoint
CREATE INDEX "notices_parent_idx" ON "notices" USING btree ("parent_id") WHERE parent_id IS NOT NULL;