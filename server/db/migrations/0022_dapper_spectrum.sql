CREATE TABLE "activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"organizer_unit_id" integer NOT NULL,
	"kind_id" integer NOT NULL,
	"title" text NOT NULL,
	"theme" text,
	"festival" text,
	"place_id" integer NOT NULL,
	"on_date" date NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"residents" integer DEFAULT 0 NOT NULL,
	"volunteers" integer DEFAULT 0 NOT NULL,
	"cadres" integer DEFAULT 0 NOT NULL,
	"co_building_staff" integer DEFAULT 0 NOT NULL,
	"report" text,
	"publicity_url" text,
	"created_by" integer,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_people_ck" CHECK (residents >= 0 AND volunteers >= 0 AND cadres >= 0 AND co_building_staff >= 0)
);
--> statement-breakpoint
CREATE TABLE "activity_calendar" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"on_date" date
);
--> statement-breakpoint
CREATE TABLE "activity_co_units" (
	"activity_id" bigint NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "activity_co_units_activity_id_unit_id_pk" PRIMARY KEY("activity_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "activity_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_photos" (
	"activity_id" bigint NOT NULL,
	"photo_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_photos_activity_id_photo_id_pk" PRIMARY KEY("activity_id","photo_id")
);
--> statement-breakpoint
CREATE TABLE "station_places" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"place_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_rules" ADD COLUMN "threshold" integer;--> statement-breakpoint
ALTER TABLE "activity_co_units" ADD CONSTRAINT "activity_co_units_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD CONSTRAINT "activity_photos_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_region_date_idx" ON "activities" USING btree ("region_code","on_date","id");--> statement-breakpoint
CREATE INDEX "activities_town_date_idx" ON "activities" USING btree ("town_code","on_date","id");--> statement-breakpoint
CREATE INDEX "activities_organizer_date_idx" ON "activities" USING btree ("organizer_unit_id","on_date","id");--> statement-breakpoint
CREATE INDEX "activities_held_idx" ON "activities" USING btree ("town_code","on_date","kind_id") WHERE state = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "activity_calendar_year_kind_name_uq" ON "activity_calendar" USING btree ("year","kind","name");--> statement-breakpoint
CREATE INDEX "activity_calendar_month_idx" ON "activity_calendar" USING btree ("year","month");--> statement-breakpoint
CREATE INDEX "activity_co_units_unit_idx" ON "activity_co_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_kinds_code_uq" ON "activity_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_kinds_name_uq" ON "activity_kinds" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_photos_photo_uq" ON "activity_photos" USING btree ("photo_id");