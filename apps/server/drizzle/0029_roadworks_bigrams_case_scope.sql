DROP INDEX "rw_road_names_key_trgm";--> statement-breakpoint
ALTER TABLE "rw_road_names" ADD COLUMN "bigrams" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "rw_cases_department" ON "rw_cases" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "rw_road_names_bigrams" ON "rw_road_names" USING gin ("bigrams");