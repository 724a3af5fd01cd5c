CREATE TABLE "assessment_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_key" text NOT NULL,
	"version" integer NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"event_kind" text NOT NULL,
	"subject_kind" text NOT NULL,
	"points" double precision NOT NULL,
	"cap_per_period" double precision,
	"active" boolean DEFAULT true NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_ref" text NOT NULL,
	"on_date" date NOT NULL,
	"points" double precision NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"event_kind" text NOT NULL,
	"rule_id" integer NOT NULL,
	"rule_key" text NOT NULL,
	"rule_version" integer NOT NULL,
	"cause_kind" text NOT NULL,
	"cause_id" bigint NOT NULL,
	"cause_ref" text,
	"cause_event_id" bigint,
	"note" text,
	"derived" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"level" text NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"title" text NOT NULL,
	"rows" jsonb NOT NULL,
	"config" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_rules_key_version_uq" ON "assessment_rules" USING btree ("rule_key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_rules_key_from_uq" ON "assessment_rules" USING btree ("rule_key","effective_from");--> statement-breakpoint
CREATE INDEX "points_ledger_town_date_idx" ON "points_ledger" USING btree ("town_code","on_date");--> statement-breakpoint
CREATE INDEX "points_ledger_subject_idx" ON "points_ledger" USING btree ("subject_kind","subject_ref","on_date");--> statement-breakpoint
CREATE UNIQUE INDEX "rankings_period_uq" ON "rankings" USING btree ("region_code","level","period_kind","period_start");--> statement-breakpoint
CREATE INDEX "rankings_latest_idx" ON "rankings" USING btree ("region_code","level","published_at");