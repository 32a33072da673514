DROP INDEX "run_results_run_idx";--> statement-breakpoint
ALTER TABLE "run_results" DROP CONSTRAINT "run_results_county_id_run_id_subject_id_pk";--> statement-breakpoint
ALTER TABLE "run_results" ADD CONSTRAINT "run_results_pk" PRIMARY KEY("run_id","subject_id","county_id");