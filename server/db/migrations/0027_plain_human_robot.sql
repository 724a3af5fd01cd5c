CREATE TABLE "service_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(12) NOT NULL,
	"station_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"kind" text NOT NULL,
	"wished_on" date NOT NULL,
	"wished_time" text,
	"place" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" varchar(11) NOT NULL,
	"details" text,
	"state" text DEFAULT 'received' NOT NULL,
	"team_id" integer,
	"activity_id" bigint,
	"return_reason" text,
	"rating" smallint,
	"rating_comment" text,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orders_rating_ck" CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "volunteer_checkin_codes" (
	"activity_id" bigint PRIMARY KEY NOT NULL,
	"code" varchar(6) NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_service" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"team_id" integer,
	"activity_id" bigint NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"on_date" date NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"minutes" integer NOT NULL,
	"content" text,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"corrects_id" bigint,
	"superseded_by" bigint,
	"reason" text,
	"recorded_by" integer,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_service_minutes_ck" CHECK (minutes > 0 AND minutes <= 1440)
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"activity_id" bigint NOT NULL,
	"person_id" integer NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checkin_at" timestamp with time zone,
	"checkout_at" timestamp with time zone,
	"service_id" bigint,
	CONSTRAINT "volunteer_signups_activity_id_person_id_pk" PRIMARY KEY("activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"gender" text,
	"birth_year" smallint,
	"political_status" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"id_number_enc" text,
	"id_number_masked" text,
	"note" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_birth_year_ck" CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100)
);
--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_station_id_units_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_checkin_codes" ADD CONSTRAINT "volunteer_checkin_codes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_memberships" ADD CONSTRAINT "volunteer_memberships_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_memberships" ADD CONSTRAINT "volunteer_memberships_team_id_units_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service" ADD CONSTRAINT "volunteer_service_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_service" ADD CONSTRAINT "volunteer_service_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_person_id_volunteers_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."volunteers"("person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_orders_code_uq" ON "service_orders" USING btree ("code");--> statement-breakpoint
CREATE INDEX "service_orders_station_idx" ON "service_orders" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_town_idx" ON "service_orders" USING btree ("town_code","created_at");--> statement-breakpoint
CREATE INDEX "volunteer_memberships_team_idx" ON "volunteer_memberships" USING btree ("team_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_memberships_person_idx" ON "volunteer_memberships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_memberships_open_uq" ON "volunteer_memberships" USING btree ("person_id","team_id") WHERE left_on IS NULL;--> statement-breakpoint
CREATE INDEX "volunteer_service_team_date_idx" ON "volunteer_service" USING btree ("team_id","on_date","id");--> statement-breakpoint
CREATE INDEX "volunteer_service_person_date_idx" ON "volunteer_service" USING btree ("person_id","on_date","id");--> statement-breakpoint
CREATE INDEX "volunteer_service_activity_idx" ON "volunteer_service" USING btree ("activity_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_service_town_date_idx" ON "volunteer_service" USING btree ("town_code","on_date");--> statement-breakpoint
CREATE INDEX "volunteer_signups_person_idx" ON "volunteer_signups" USING btree ("person_id");