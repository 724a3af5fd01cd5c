ALTER TABLE "evaluation_cycles" ADD COLUMN "remind_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD COLUMN "weight_field" integer DEFAULT 40 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD COLUMN "weight_material" integer DEFAULT 40 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD COLUMN "weight_survey" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_remind_ck" CHECK (remind_days BETWEEN 0 AND 30);--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_weights_ck" CHECK (weight_field >= 0 AND weight_material >= 0 AND weight_survey >= 0 AND weight_field + weight_material + weight_survey = 100);