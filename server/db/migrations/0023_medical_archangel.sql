CREATE TABLE "file_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_kind" text NOT NULL,
	"file_id" bigint NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" bigint NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"path" text NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_progress" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"decision_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_person_id" integer,
	"by_name" text,
	"note" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" bigint NOT NULL,
	"person_id" integer,
	"name" text NOT NULL,
	"org" text,
	"status" text NOT NULL,
	CONSTRAINT "meeting_attendees_status_ck" CHECK (status IN ('present', 'absent', 'leave'))
);
--> statement-breakpoint
CREATE TABLE "meeting_cadences" (
	"town_code" varchar(9) PRIMARY KEY NOT NULL,
	"per_week" integer DEFAULT 1 NOT NULL,
	"effective_from" date NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" bigint NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"content" text NOT NULL,
	"owner_unit_id" integer,
	"owner_person_id" integer,
	"working_days" integer NOT NULL,
	"due_date" date NOT NULL,
	"place_id" integer,
	"state" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"problem_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_decisions_owner_ck" CHECK ((owner_unit_id IS NOT NULL)::int + (owner_person_id IS NOT NULL)::int = 1),
	CONSTRAINT "meeting_decisions_state_ck" CHECK (state IN ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "meeting_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"kind_id" integer NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"place" text,
	"chair_person_id" integer,
	"chair_name" text,
	"agenda" text,
	"minutes" text,
	"relayed" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_trip_participants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trip_id" bigint NOT NULL,
	"person_id" integer,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_trips" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"day" date NOT NULL,
	"destination" text NOT NULL,
	"leader_person_id" integer,
	"leader_name" text NOT NULL,
	"head_count" integer NOT NULL,
	"purpose" text,
	"learned" text,
	"shared_meeting_id" bigint,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "file_links_uq" ON "file_links" USING btree ("file_kind","file_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "file_links_owner_idx" ON "file_links" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "decision_progress_decision_idx" ON "decision_progress" USING btree ("decision_id","id");--> statement-breakpoint
CREATE INDEX "meeting_attendees_meeting_idx" ON "meeting_attendees" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_town_due_idx" ON "meeting_decisions" USING btree ("town_code","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_kinds_code_uq" ON "meeting_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_kinds_name_uq" ON "meeting_kinds" USING btree ("name");--> statement-breakpoint
CREATE INDEX "meetings_town_day_idx" ON "meetings" USING btree ("town_code","day","id");--> statement-breakpoint
CREATE INDEX "meetings_region_day_idx" ON "meetings" USING btree ("region_code" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "study_trip_participants_trip_idx" ON "study_trip_participants" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "study_trips_town_day_idx" ON "study_trips" USING btree ("town_code","day");--> statement-breakpoint
-- The seeded meeting kinds (domain/meetings.ts MEETING_KIND_SEED); an admin renames them or adds others.
INSERT INTO "meeting_kinds" ("code", "name", "sort") VALUES ('mobilisation', '动员部署会', 1), ('topic', '专题会', 2), ('training', '培训会', 3), ('weekly', '每周例会', 4), ('internal', '内部工作会议', 5);
