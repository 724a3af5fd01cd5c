CREATE TABLE "inspection_findings" (
	"problem_id" bigint PRIMARY KEY NOT NULL,
	"inspection_id" bigint NOT NULL,
	"item_id" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" USING btree ("inspection_id");