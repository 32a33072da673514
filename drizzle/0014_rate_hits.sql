-- The public routes' rate-limit counters on a PostgreSQL server, shared by every process of a deployment.
-- Unlogged: counters are worth no WAL, and a crash that empties them only restarts the windows.
CREATE UNLOGGED TABLE "rate_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"started" timestamp with time zone NOT NULL,
	"n" integer NOT NULL
);--> statement-breakpoint
CREATE INDEX "rate_hits_started_idx" ON "rate_hits" USING btree ("started");
