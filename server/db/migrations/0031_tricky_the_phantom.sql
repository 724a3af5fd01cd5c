CREATE TABLE "poll_answers" (
	"response_id" bigint NOT NULL,
	"item_id" integer NOT NULL,
	"value" smallint NOT NULL,
	"positive" boolean NOT NULL,
	CONSTRAINT "poll_answers_response_id_item_id_pk" PRIMARY KEY("response_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "poll_followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"wave_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"kind" text NOT NULL,
	"inbox_item_id" bigint,
	"activity_id" bigint,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_followups_kind_ck" CHECK (kind IN ('task', 'activity'))
);
--> statement-breakpoint
CREATE TABLE "poll_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"indicator" text NOT NULL,
	"standard_id" integer NOT NULL,
	"standard_code" text NOT NULL,
	CONSTRAINT "poll_items_indicator_ck" CHECK (indicator IN ('awareness', 'support', 'satisfaction'))
);
--> statement-breakpoint
CREATE TABLE "poll_questionnaires" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"group_label" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"wave_id" integer NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"source" text NOT NULL,
	"interviewer_id" integer,
	"client_key" text,
	"phone_hash" text,
	"sex" text NOT NULL,
	"age" smallint NOT NULL,
	"residence_months" smallint NOT NULL,
	"age_band" text NOT NULL,
	"out_of_quota" boolean DEFAULT false NOT NULL,
	"quota_note" text,
	"answered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_responses_source_ck" CHECK (source IN ('interviewer', 'self')),
	CONSTRAINT "poll_responses_sex_ck" CHECK (sex IN ('male', 'female'))
);
--> statement-breakpoint
CREATE TABLE "poll_waves" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"name" text NOT NULL,
	"questionnaire_ids" integer[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"per_community" integer NOT NULL,
	"quotas" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"self_served" boolean DEFAULT false NOT NULL,
	"public_token" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "poll_waves_state_ck" CHECK (state IN ('open', 'closed')),
	CONSTRAINT "poll_waves_dates_ck" CHECK (ends_on >= starts_on)
);
--> statement-breakpoint
ALTER TABLE "poll_items" ADD CONSTRAINT "poll_items_questionnaire_id_poll_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."poll_questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_answers_item_idx" ON "poll_answers" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_followups_uq" ON "poll_followups" USING btree ("wave_id","item_code","community_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_items_seq_uq" ON "poll_items" USING btree ("questionnaire_id","seq");--> statement-breakpoint
CREATE INDEX "poll_items_standard_idx" ON "poll_items" USING btree ("standard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_questionnaires_code_version_uq" ON "poll_questionnaires" USING btree ("town_code","code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_questionnaires_current_uq" ON "poll_questionnaires" USING btree ("town_code","code") WHERE current;--> statement-breakpoint
CREATE UNIQUE INDEX "poll_responses_client_uq" ON "poll_responses" USING btree ("interviewer_id","client_key") WHERE client_key IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "poll_responses_phone_uq" ON "poll_responses" USING btree ("wave_id","phone_hash") WHERE phone_hash IS NOT NULL;--> statement-breakpoint
CREATE INDEX "poll_responses_wave_idx" ON "poll_responses" USING btree ("wave_id","community_code");--> statement-breakpoint
CREATE INDEX "poll_responses_interviewer_idx" ON "poll_responses" USING btree ("interviewer_id","wave_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_waves_token_uq" ON "poll_waves" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "poll_waves_town_idx" ON "poll_waves" USING btree ("town_code","id");