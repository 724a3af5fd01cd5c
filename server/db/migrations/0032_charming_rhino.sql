CREATE TABLE "live_rankings" (
	"region_code" varchar(15) NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"level" text NOT NULL,
	"rows" jsonb NOT NULL,
	"config" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_rankings_region_code_period_kind_period_start_pk" PRIMARY KEY("region_code","period_kind","period_start")
);
