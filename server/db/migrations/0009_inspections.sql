CREATE TABLE "checklist_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"checklist_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"criterion" text NOT NULL,
	"points" double precision NOT NULL,
	"category_key" text
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_type" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_grades" (
	"inspection_id" bigint NOT NULL,
	"item_id" integer NOT NULL,
	"grade" text,
	"points" double precision NOT NULL,
	"score" double precision,
	"note" text,
	"photo_ids" bigint[],
	CONSTRAINT "inspection_grades_inspection_id_item_id_pk" PRIMARY KEY("inspection_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_misses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"person_id" integer,
	"place_id" integer,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"slot_key" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"place_id" integer,
	"checklist_id" integer,
	"inspector_id" integer NOT NULL,
	"inspector_name" text NOT NULL,
	"batch" text,
	"on_date" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"note" text,
	"score" double precision,
	"max_score" double precision,
	"lat" double precision,
	"lng" double precision,
	"track" jsonb,
	"problems_found" integer DEFAULT 0 NOT NULL,
	"client_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_assignments" (
	"person_id" integer NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_assignments_person_id_community_code_pk" PRIMARY KEY("person_id","community_code")
);
--> statement-breakpoint
ALTER TABLE "problem_photos" ADD COLUMN "inspection_id" bigint;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_grades" ADD CONSTRAINT "inspection_grades_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_items_code_uq" ON "checklist_items" USING btree ("checklist_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_type_version_uq" ON "checklists" USING btree ("point_type","version");--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_current_uq" ON "checklists" USING btree ("point_type") WHERE current;--> statement-breakpoint
CREATE INDEX "inspection_grades_item_idx" ON "inspection_grades" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_misses_slot_uq" ON "inspection_misses" USING btree ("slot_key");--> statement-breakpoint
CREATE INDEX "inspection_misses_region_idx" ON "inspection_misses" USING btree ("region_code" text_pattern_ops,"period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_client_key_uq" ON "inspections" USING btree ("inspector_id","client_key");--> statement-breakpoint
CREATE INDEX "inspections_region_date_idx" ON "inspections" USING btree ("region_code" text_pattern_ops,"on_date");--> statement-breakpoint
CREATE INDEX "inspections_inspector_date_idx" ON "inspections" USING btree ("inspector_id","on_date");--> statement-breakpoint
CREATE INDEX "inspections_place_date_idx" ON "inspections" USING btree ("place_id","on_date");--> statement-breakpoint
CREATE INDEX "inspections_town_date_idx" ON "inspections" USING btree ("town_code","on_date");--> statement-breakpoint
CREATE INDEX "supervision_assignments_community_idx" ON "supervision_assignments" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_photos_staff_key_uq" ON "problem_photos" USING btree ("uploaded_by","upload_key") WHERE uploaded_by IS NOT NULL AND upload_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "problem_photos_inspection_idx" ON "problem_photos" USING btree ("inspection_id") WHERE inspection_id IS NOT NULL;