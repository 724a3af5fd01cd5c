CREATE TABLE "accountability_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"cause" text NOT NULL,
	"period" text,
	"problem_ids" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"decision" text,
	"decision_note" text,
	"decision_date" date,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"source" text DEFAULT 'chinese-days' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"plain_name" text,
	"parent_id" integer,
	"level" integer NOT NULL,
	"default_tier" text DEFAULT 'community' NOT NULL,
	"deadline_days" integer DEFAULT 3 NOT NULL,
	"centralized_deadline_days" integer DEFAULT 20 NOT NULL,
	"reinspect_days" integer DEFAULT 7 NOT NULL,
	"default_route" text DEFAULT 'community' NOT NULL,
	"default_unit_name" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_id" integer,
	"region_code" varchar(15) NOT NULL,
	"unit_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" bigint NOT NULL,
	"requested_by" integer NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"old_due_date" date,
	"new_due_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"problem_id" bigint,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"responsible_name" text,
	"done_at" timestamp with time zone,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" integer,
	"by_name" text,
	"percent" integer,
	"note" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "problem_followers" (
	"problem_id" bigint NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_followers_problem_id_key_pk" PRIMARY KEY("problem_id","key")
);
--> statement-breakpoint
CREATE TABLE "problem_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" bigint,
	"event_id" bigint,
	"kind" text,
	"uploaded_by" integer,
	"upload_key" text,
	"path" text NOT NULL,
	"thumb_path" text NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"taken_at" timestamp with time zone,
	"gps_lat" double precision,
	"gps_lng" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"grid_code" varchar(15),
	"place_id" integer,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"category_id" integer NOT NULL,
	"tier" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"source_id" bigint,
	"description" text NOT NULL,
	"state" text NOT NULL,
	"responsible_unit_id" integer,
	"reporter_id" integer,
	"reporter_name" text,
	"reporter_phone" text,
	"due_date" date,
	"dispatched_at" timestamp with time zone,
	"rectified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"reject_reason" text,
	"merged_into_id" bigint,
	"recurrence_of_id" bigint,
	"idempotency_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" bigint NOT NULL,
	"summary" text NOT NULL,
	"measures" text,
	"responsible_person_id" integer,
	"responsible_name" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reinspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" bigint NOT NULL,
	"due_date" date NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"note" text,
	"new_problem_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" integer NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"events" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_dedupe_uq" ON "accountability_items" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_kind_code_uq" ON "categories" USING btree ("kind","code");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_rules_uq" ON "dispatch_rules" USING btree (coalesce("category_id", 0),"region_code");--> statement-breakpoint
CREATE INDEX "extension_requests_problem_idx" ON "extension_requests" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("person_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","read_at");--> statement-breakpoint
CREATE INDEX "plan_milestones_plan_idx" ON "plan_milestones" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","id");--> statement-breakpoint
CREATE INDEX "problem_photos_problem_idx" ON "problem_photos" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_photos_orphan_idx" ON "problem_photos" USING btree ("created_at") WHERE problem_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "problems_code_uq" ON "problems" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_idem_uq" ON "problems" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "problems_region_state_idx" ON "problems" USING btree ("region_code" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "problems_town_state_due_idx" ON "problems" USING btree ("town_code","state","due_date");--> statement-breakpoint
CREATE INDEX "problems_unit_state_idx" ON "problems" USING btree ("responsible_unit_id","state");--> statement-breakpoint
CREATE INDEX "problems_created_idx" ON "problems" USING btree ("town_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_plans_problem_uq" ON "rectification_plans" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reinspections_problem_uq" ON "reinspections" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "reinspections_due_idx" ON "reinspections" USING btree ("state","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_dedupe_uq" ON "webhook_deliveries" USING btree ("webhook_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("state","next_attempt_at");