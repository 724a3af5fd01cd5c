CREATE TABLE "publicity_articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"channel" text NOT NULL,
	"channel_name" text,
	"title" text NOT NULL,
	"url" text,
	"published_on" date NOT NULL,
	"author_unit_id" integer,
	"featured" boolean DEFAULT false NOT NULL,
	"carried_by" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_door_session_units" (
	"session_id" bigint NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "publicity_door_session_units_session_id_unit_id_pk" PRIMARY KEY("session_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "publicity_door_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"on_date" date NOT NULL,
	"households" integer NOT NULL,
	"note" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_door_households_ck" CHECK (households >= 0)
);
--> statement-breakpoint
CREATE TABLE "publicity_facilities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"kind_id" integer NOT NULL,
	"theme_id" integer,
	"place_id" integer,
	"owner_unit_id" integer,
	"installed_on" date,
	"condition" text DEFAULT 'good' NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"note" text,
	"problem_id" bigint,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_handouts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"handed_on" date NOT NULL,
	"location" text,
	"unit_id" integer,
	"activity_id" bigint,
	"campaign_id" bigint,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_handouts_qty_ck" CHECK (quantity >= 0)
);
--> statement-breakpoint
CREATE TABLE "publicity_led_programmes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"screen" text NOT NULL,
	"facility_id" bigint,
	"content" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_led_dates_ck" CHECK (to_date >= from_date)
);
--> statement-breakpoint
CREATE TABLE "publicity_requirement_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"requirement_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind_id" integer,
	"theme_id" integer,
	"min_count" integer NOT NULL,
	CONSTRAINT "publicity_requirement_items_ck" CHECK (min_count >= 1 AND (kind_id IS NOT NULL OR theme_id IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "publicity_requirements" (
	"id" serial PRIMARY KEY NOT NULL,
	"point_type" text NOT NULL,
	"version" integer NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_terms" (
	"id" serial PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"grp" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publicity_door_session_units" ADD CONSTRAINT "publicity_door_session_units_session_id_publicity_door_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."publicity_door_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_requirement_items" ADD CONSTRAINT "publicity_requirement_items_requirement_id_publicity_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."publicity_requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publicity_articles_region_date_idx" ON "publicity_articles" USING btree ("region_code","published_on","id");--> statement-breakpoint
CREATE INDEX "publicity_articles_town_date_idx" ON "publicity_articles" USING btree ("town_code","published_on","id");--> statement-breakpoint
CREATE INDEX "publicity_door_region_date_idx" ON "publicity_door_sessions" USING btree ("region_code","on_date","id");--> statement-breakpoint
CREATE INDEX "publicity_facilities_point_gist_idx" ON "publicity_facilities" USING gist (point("lng", "lat"));--> statement-breakpoint
CREATE INDEX "publicity_facilities_region_idx" ON "publicity_facilities" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "publicity_facilities_town_installed_idx" ON "publicity_facilities" USING btree ("town_code","installed_on");--> statement-breakpoint
CREATE INDEX "publicity_facilities_place_idx" ON "publicity_facilities" USING btree ("place_id") WHERE place_id IS NOT NULL AND condition <> 'removed';--> statement-breakpoint
CREATE INDEX "publicity_handouts_region_date_idx" ON "publicity_handouts" USING btree ("region_code","handed_on","id");--> statement-breakpoint
CREATE INDEX "publicity_led_region_date_idx" ON "publicity_led_programmes" USING btree ("region_code","from_date","id");--> statement-breakpoint
CREATE INDEX "publicity_requirement_items_req_idx" ON "publicity_requirement_items" USING btree ("requirement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_requirements_type_version_uq" ON "publicity_requirements" USING btree ("point_type","version");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_requirements_current_uq" ON "publicity_requirements" USING btree ("point_type") WHERE current;--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_terms_code_uq" ON "publicity_terms" USING btree ("list","code");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_terms_name_uq" ON "publicity_terms" USING btree ("list","name");