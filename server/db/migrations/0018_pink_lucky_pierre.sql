DROP INDEX "inbox_items_person_idx";--> statement-breakpoint
DROP INDEX "inbox_items_role_idx";--> statement-breakpoint
DROP INDEX "inbox_items_unit_idx";--> statement-breakpoint
CREATE INDEX "inbox_items_person_open_idx" ON "inbox_items" USING btree ("owner_person_id","id") WHERE state = 'open' AND owner_person_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_role_open_idx" ON "inbox_items" USING btree ("owner_role","owner_region_code" text_pattern_ops,"id") WHERE state = 'open' AND owner_role IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_unit_open_idx" ON "inbox_items" USING btree ("owner_unit_id","id") WHERE state = 'open' AND owner_unit_id IS NOT NULL;