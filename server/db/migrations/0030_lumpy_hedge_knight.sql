CREATE TABLE "evaluation_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"deadline" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_cycles" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"year" integer NOT NULL,
	"system_id" integer NOT NULL,
	"test_month" date NOT NULL,
	"deadline" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_materials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"assignment_id" bigint NOT NULL,
	"cycle_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"dated" date NOT NULL,
	"file_kind" text,
	"file_id" bigint,
	"evidence_type" text,
	"evidence_id" bigint,
	"evidence_ref" text,
	"state" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_materials_state_ck" CHECK (state IN ('submitted', 'accepted', 'returned')),
	CONSTRAINT "evaluation_materials_source_ck" CHECK ((file_id IS NOT NULL)::int + (evidence_type IS NOT NULL)::int = 1)
);
--> statement-breakpoint
CREATE TABLE "evaluation_node_units" (
	"node_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "evaluation_node_units_node_id_unit_id_pk" PRIMARY KEY("node_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"system_id" integer NOT NULL,
	"parent_id" integer,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer NOT NULL,
	"methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"points" numeric(7, 2),
	"department_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"point_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"checklist_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"material_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "evaluation_nodes_level_ck" CHECK (level IN ('item', 'content', 'standard'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_systems" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_systems_source_ck" CHECK (source IN ('seed', 'import'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_assignments_uq" ON "evaluation_assignments" USING btree ("cycle_id","node_id","unit_id");--> statement-breakpoint
CREATE INDEX "evaluation_assignments_unit_idx" ON "evaluation_assignments" USING btree ("unit_id","cycle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_cycles_town_year_uq" ON "evaluation_cycles" USING btree ("town_code","year");--> statement-breakpoint
CREATE INDEX "evaluation_materials_assignment_idx" ON "evaluation_materials" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "evaluation_materials_cycle_idx" ON "evaluation_materials" USING btree ("cycle_id","node_id","state");--> statement-breakpoint
CREATE INDEX "evaluation_node_units_unit_idx" ON "evaluation_node_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "evaluation_nodes_system_idx" ON "evaluation_nodes" USING btree ("system_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_nodes_system_code_uq" ON "evaluation_nodes" USING btree ("system_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_systems_town_version_uq" ON "evaluation_systems" USING btree ("town_code","version");