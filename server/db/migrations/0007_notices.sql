CREATE TABLE "notice_counters" (
	"town_code" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notice_counters_town_code_kind_year_pk" PRIMARY KEY("town_code","kind","year")
);
--> statement-breakpoint
CREATE TABLE "notice_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"problem_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"year" integer NOT NULL,
	"seq" integer,
	"doc_number" text,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date,
	"intro" text,
	"state" text NOT NULL,
	"reject_note" text,
	"created_by" integer NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_items" ADD CONSTRAINT "notice_items_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_items_pos_uq" ON "notice_items" USING btree ("notice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_items_problem_uq" ON "notice_items" USING btree ("notice_id","problem_id");--> statement-breakpoint
CREATE INDEX "notice_items_problem_idx" ON "notice_items" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number_uq" ON "notices" USING btree ("town_code","kind","year","seq") WHERE seq IS NOT NULL AND direction = 'issued';--> statement-breakpoint
CREATE INDEX "notices_town_idx" ON "notices" USING btree ("town_code","direction","created_at");