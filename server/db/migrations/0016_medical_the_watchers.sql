CREATE TABLE "inbox_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"owner_person_id" integer,
	"owner_role" text,
	"owner_region_code" varchar(15),
	"owner_unit_id" integer,
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"title" text NOT NULL,
	"link" text NOT NULL,
	"due_date" date,
	"state" text DEFAULT 'open' NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone,
	"closed_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_items_owner_ck" CHECK ((owner_person_id IS NOT NULL)::int + (owner_role IS NOT NULL AND owner_region_code IS NOT NULL)::int + (owner_unit_id IS NOT NULL)::int = 1),
	CONSTRAINT "inbox_items_state_ck" CHECK (state IN ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_open_uq" ON "inbox_items" USING btree ("kind","subject_type","subject_id") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "inbox_items_person_idx" ON "inbox_items" USING btree ("owner_person_id","id") WHERE owner_person_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_role_idx" ON "inbox_items" USING btree ("owner_role","owner_region_code" text_pattern_ops,"id") WHERE owner_role IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_unit_idx" ON "inbox_items" USING btree ("owner_unit_id","id") WHERE owner_unit_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_subject_idx" ON "inbox_items" USING btree ("subject_type","subject_id");