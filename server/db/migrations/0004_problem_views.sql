ALTER TABLE "problems" ADD COLUMN "satisfaction" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "satisfaction_comment" text;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "flagged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "problems_search_trgm_idx" ON "problems" USING gin (("description" || ' ' || coalesce("address", '') || ' ' || "code") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "problems_point_gist_idx" ON "problems" USING gist (point("lng", "lat")) WHERE lat IS NOT NULL AND lng IS NOT NULL;--> statement-breakpoint
CREATE INDEX "problems_duplicates_idx" ON "problems" USING btree ("category_id","created_at");--> statement-breakpoint
CREATE INDEX "problems_flagged_idx" ON "problems" USING btree ("region_code") WHERE flagged;