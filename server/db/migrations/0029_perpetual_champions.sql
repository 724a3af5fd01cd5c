CREATE TABLE "display_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	CONSTRAINT "display_tokens_region_ck" CHECK (length("display_tokens"."region_code") IN (6, 9, 12))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "display_tokens_hash_uq" ON "display_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "display_tokens_region_idx" ON "display_tokens" USING btree ("region_code" text_pattern_ops,"id");