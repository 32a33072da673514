CREATE TABLE "point_totals" (
	"county_id" bigint NOT NULL,
	"scheme_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"subject_id" bigint NOT NULL,
	"dimension" text NOT NULL,
	"points" numeric(14, 2) NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "point_totals_county_id_scheme_id_year_subject_id_dimension_pk" PRIMARY KEY("county_id","scheme_id","year","subject_id","dimension")
);
--> statement-breakpoint
-- Kept in the same statement as the entries that change it: every INSERT of confirmed entries and
-- every confirmation of pending ones (the ledger allows no other change, see 0003) adds its sums.
-- Totals rows are written in key order so that concurrent statements lock them in one order.
CREATE OR REPLACE FUNCTION point_totals_add() RETURNS trigger AS $$
BEGIN
  INSERT INTO point_totals AS t (county_id, scheme_id, year, subject_id, dimension, points, entries)
    SELECT county_id, scheme_id, year, subject_id, dimension, sum(points), count(*)::int FROM changed
    WHERE status = 'confirmed'
    GROUP BY county_id, scheme_id, year, subject_id, dimension
    ORDER BY county_id, scheme_id, year, subject_id, dimension
  ON CONFLICT (county_id, scheme_id, year, subject_id, dimension)
    DO UPDATE SET points = t.points + EXCLUDED.points, entries = t.entries + EXCLUDED.entries;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER point_totals_insert AFTER INSERT ON point_entries
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION point_totals_add();
--> statement-breakpoint
CREATE TRIGGER point_totals_update AFTER UPDATE ON point_entries
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION point_totals_add();
--> statement-breakpoint
-- Totals of entries written before this migration.
INSERT INTO point_totals (county_id, scheme_id, year, subject_id, dimension, points, entries)
  SELECT county_id, scheme_id, year, subject_id, dimension, sum(points), count(*)::int FROM point_entries
  WHERE status = 'confirmed' GROUP BY county_id, scheme_id, year, subject_id, dimension;
