CREATE INDEX "requests_merged_idx" ON "requests" USING btree ("county_id","merged_into") WHERE "requests"."merged_into" is not null;--> statement-breakpoint
-- A page of requests is chosen from this index alone (an index-only scan gives the ids to sort), so it carries them.
DROP INDEX "requests_path_state_idx";--> statement-breakpoint
CREATE INDEX "requests_path_state_idx" ON "requests" USING btree ("community_path" text_pattern_ops, "state") INCLUDE ("county_id", "id");
