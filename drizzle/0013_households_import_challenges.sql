CREATE TABLE "challenge_uses" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_jobs" DROP CONSTRAINT "import_jobs_kind_ck";--> statement-breakpoint
CREATE INDEX "challenge_uses_expires_idx" ON "challenge_uses" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_kind_ck" CHECK ("import_jobs"."kind" in ('members','orgs','residents','points','five_good','households'));