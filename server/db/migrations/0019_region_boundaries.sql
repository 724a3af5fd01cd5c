CREATE TABLE "region_boundaries" (
	"region_code" varchar(15) PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL,
	"bbox" jsonb NOT NULL,
	"imported_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
