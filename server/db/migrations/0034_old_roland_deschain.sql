ALTER TABLE "poll_waves" ADD COLUMN "community_plan" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "poll_waves" ADD COLUMN "self_counts" boolean DEFAULT false NOT NULL;