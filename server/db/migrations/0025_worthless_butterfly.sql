CREATE TABLE "campaign_areas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" bigint NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"place_id" integer
);
--> statement-breakpoint
CREATE TABLE "campaign_categories" (
	"campaign_id" bigint NOT NULL,
	"category_id" integer NOT NULL,
	CONSTRAINT "campaign_categories_campaign_id_category_id_pk" PRIMARY KEY("campaign_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_day_counts" (
	"day_id" bigint NOT NULL,
	"kind_id" integer NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "campaign_day_counts_day_id_kind_id_pk" PRIMARY KEY("day_id","kind_id"),
	CONSTRAINT "campaign_day_counts_value_ck" CHECK (value >= 0)
);
--> statement-breakpoint
CREATE TABLE "campaign_days" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" bigint NOT NULL,
	"on_date" date NOT NULL,
	"note" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_problems" (
	"campaign_id" bigint NOT NULL,
	"problem_id" bigint NOT NULL,
	CONSTRAINT "campaign_problems_campaign_id_problem_id_pk" PRIMARY KEY("campaign_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_tally_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"kind_id" integer NOT NULL,
	"theme" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"summary" text,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates_ck" CHECK (end_date >= start_date)
);
--> statement-breakpoint
CREATE TABLE "fund_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"direction" text NOT NULL,
	"source" text,
	"amount_fen" bigint NOT NULL,
	"on_date" date NOT NULL,
	"project_id" bigint,
	"unit_id" integer,
	"note" text NOT NULL,
	"reverses_id" bigint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_entries_spend_project_ck" CHECK (direction <> 'spend' OR project_id IS NOT NULL),
	CONSTRAINT "fund_entries_sign_ck" CHECK ((reverses_id IS NULL AND amount_fen > 0) OR (reverses_id IS NOT NULL AND amount_fen < 0))
);
--> statement-breakpoint
CREATE TABLE "fund_milestones" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"name" text NOT NULL,
	"due_date" date,
	"progress" integer DEFAULT 0 NOT NULL,
	"done_on" date,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "fund_milestones_progress_ck" CHECK (progress BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "fund_project_needs" (
	"project_id" bigint NOT NULL,
	"need_id" bigint NOT NULL,
	CONSTRAINT "fund_project_needs_project_id_need_id_pk" PRIMARY KEY("project_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "fund_projects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"unit_id" integer NOT NULL,
	"description" text,
	"state" text DEFAULT 'planned' NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_projects_budget_ck" CHECK (budget_fen >= 0)
);
--> statement-breakpoint
CREATE TABLE "survey_need_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"need_id" bigint NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"actor_id" integer,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_need_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_need_units" (
	"need_id" bigint NOT NULL,
	"unit_id" integer NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	CONSTRAINT "survey_need_units_need_id_unit_id_pk" PRIMARY KEY("need_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "survey_needs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"place_id" integer,
	"kind_id" integer NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"quantity" integer DEFAULT 1 NOT NULL,
	"size" text,
	"found_by" text NOT NULL,
	"found_on" date NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"defer_reason" text,
	"plan_id" bigint,
	"problem_id" bigint,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_needs_quantity_ck" CHECK (quantity >= 0)
);
--> statement-breakpoint
ALTER TABLE "campaign_areas" ADD CONSTRAINT "campaign_areas_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_categories" ADD CONSTRAINT "campaign_categories_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_day_counts" ADD CONSTRAINT "campaign_day_counts_day_id_campaign_days_id_fk" FOREIGN KEY ("day_id") REFERENCES "public"."campaign_days"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_days" ADD CONSTRAINT "campaign_days_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_problems" ADD CONSTRAINT "campaign_problems_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_milestones" ADD CONSTRAINT "fund_milestones_project_id_fund_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."fund_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_project_needs" ADD CONSTRAINT "fund_project_needs_project_id_fund_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."fund_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_need_events" ADD CONSTRAINT "survey_need_events_need_id_survey_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."survey_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_need_units" ADD CONSTRAINT "survey_need_units_need_id_survey_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."survey_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_areas_campaign_idx" ON "campaign_areas" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_areas_community_idx" ON "campaign_areas" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_days_campaign_date_uq" ON "campaign_days" USING btree ("campaign_id","on_date");--> statement-breakpoint
CREATE INDEX "campaign_days_date_idx" ON "campaign_days" USING btree ("on_date");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_kinds_code_uq" ON "campaign_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_kinds_name_uq" ON "campaign_kinds" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_tally_kinds_code_uq" ON "campaign_tally_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_tally_kinds_name_uq" ON "campaign_tally_kinds" USING btree ("measure","name");--> statement-breakpoint
CREATE INDEX "campaigns_town_start_idx" ON "campaigns" USING btree ("town_code","start_date","id");--> statement-breakpoint
CREATE INDEX "fund_entries_town_date_idx" ON "fund_entries" USING btree ("town_code","on_date","id");--> statement-breakpoint
CREATE INDEX "fund_entries_project_idx" ON "fund_entries" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_reverses_uq" ON "fund_entries" USING btree ("reverses_id") WHERE reverses_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fund_milestones_project_idx" ON "fund_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "fund_project_needs_need_idx" ON "fund_project_needs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "fund_projects_town_idx" ON "fund_projects" USING btree ("town_code","id");--> statement-breakpoint
CREATE INDEX "survey_need_events_need_idx" ON "survey_need_events" USING btree ("need_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_need_kinds_code_uq" ON "survey_need_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_need_kinds_name_uq" ON "survey_need_kinds" USING btree ("name");--> statement-breakpoint
CREATE INDEX "survey_need_units_unit_idx" ON "survey_need_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "survey_needs_town_idx" ON "survey_needs" USING btree ("town_code","state","id");--> statement-breakpoint
CREATE INDEX "survey_needs_region_idx" ON "survey_needs" USING btree ("region_code" text_pattern_ops);