CREATE TABLE "inspection_cadences" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"version" integer NOT NULL,
	"cadence" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "place_assignments" DROP CONSTRAINT "place_assignments_person_id_place_id_pk";--> statement-breakpoint
ALTER TABLE "place_assignments" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "place_assignments" ADD COLUMN "valid_from" date DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date) NOT NULL;--> statement-breakpoint
ALTER TABLE "place_assignments" ADD COLUMN "valid_to" date;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_cadences_region_version_uq" ON "inspection_cadences" USING btree ("region_code","version");--> statement-breakpoint
CREATE INDEX "inspection_cadences_region_from_idx" ON "inspection_cadences" USING btree ("region_code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "place_assignments_person_place_from_uq" ON "place_assignments" USING btree ("person_id","place_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "place_assignments_open_uq" ON "place_assignments" USING btree ("person_id","place_id") WHERE valid_to IS NULL;--> statement-breakpoint
ALTER TABLE "place_assignments" ADD CONSTRAINT "place_assignments_interval_ck" CHECK (valid_to IS NULL OR valid_to > valid_from);