-- The audit trail is append-only: no update ever, and no delete of an event younger than 180 days.
CREATE OR REPLACE FUNCTION audit_events_protect() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.at > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit events are kept at least 180 days' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_protect BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_protect();
--> statement-breakpoint
-- The name index also carries the path, so a count by name prefix inside a subtree is an index-only scan.
DROP INDEX IF EXISTS members_county_name_idx;
--> statement-breakpoint
CREATE INDEX members_county_name_idx ON members USING btree (county_id, (name COLLATE "C"), id) INCLUDE (org_path);
