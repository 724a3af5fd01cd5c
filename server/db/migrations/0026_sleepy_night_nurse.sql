CREATE TABLE "community_daily_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"day" date NOT NULL,
	"facts" jsonb NOT NULL,
	"body" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_counters" (
	"town_code" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "report_counters_town_code_kind_year_pk" PRIMARY KEY("town_code","kind","year")
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"town_code" varchar(9) PRIMARY KEY NOT NULL,
	"cutoff" text DEFAULT '18:00' NOT NULL,
	"rest_days" boolean DEFAULT false NOT NULL,
	"draft_at" text DEFAULT '18:30' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "town_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"year" integer NOT NULL,
	"seq" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"correction_reason" text,
	"previous_id" bigint,
	"created_by" integer,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yearend_docs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"year" integer NOT NULL,
	"texts" jsonb NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "community_daily_reports_uq" ON "community_daily_reports" USING btree ("community_code","day");--> statement-breakpoint
CREATE INDEX "community_daily_reports_town_day_idx" ON "community_daily_reports" USING btree ("town_code","day");--> statement-breakpoint
CREATE UNIQUE INDEX "town_reports_period_rev_uq" ON "town_reports" USING btree ("town_code","kind","period_from","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "town_reports_seq_uq" ON "town_reports" USING btree ("town_code","kind","year","seq","revision") WHERE seq IS NOT NULL;--> statement-breakpoint
CREATE INDEX "town_reports_list_idx" ON "town_reports" USING btree ("town_code","kind","period_from","id");--> statement-breakpoint
CREATE UNIQUE INDEX "yearend_docs_uq" ON "yearend_docs" USING btree ("region_code","year");