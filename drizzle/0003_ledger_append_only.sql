-- The points ledger is append-only: an entry is never deleted, and the only change allowed is
-- deciding a pending entry (confirmed or rejected), once.
CREATE OR REPLACE FUNCTION point_entries_protect() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'point entries are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'pending' OR NEW.status NOT IN ('confirmed', 'rejected')
     OR (NEW.county_id, NEW.id, NEW.scheme_id, NEW.version_id, NEW.year, NEW.subject_kind, NEW.subject_id, NEW.org_id, NEW.indicator, NEW.points, NEW.occurred_on, NEW.source, NEW.recorded_by)
        IS DISTINCT FROM (OLD.county_id, OLD.id, OLD.scheme_id, OLD.version_id, OLD.year, OLD.subject_kind, OLD.subject_id, OLD.org_id, OLD.indicator, OLD.points, OLD.occurred_on, OLD.source, OLD.recorded_by)
     OR NEW.evidence IS DISTINCT FROM OLD.evidence OR NEW.corrects_id IS DISTINCT FROM OLD.corrects_id OR NEW.source_key IS DISTINCT FROM OLD.source_key THEN
    RAISE EXCEPTION 'point entries are append-only: only a pending entry may be decided' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER point_entries_protect BEFORE UPDATE OR DELETE ON point_entries
  FOR EACH ROW EXECUTE FUNCTION point_entries_protect();
--> statement-breakpoint
-- A scheme version is never changed once saved: editing makes a new version.
CREATE OR REPLACE FUNCTION scheme_versions_protect() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'scheme versions are immutable: save a new version' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER scheme_versions_protect BEFORE UPDATE OR DELETE ON scheme_versions
  FOR EACH ROW EXECUTE FUNCTION scheme_versions_protect();
--> statement-breakpoint
-- Published run results are frozen.
CREATE OR REPLACE FUNCTION run_results_protect() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'run results are frozen' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER run_results_protect BEFORE UPDATE ON run_results
  FOR EACH ROW EXECUTE FUNCTION run_results_protect();
