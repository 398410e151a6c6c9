-- Every change to catalogs, whoever makes it (a Steward instance or an operator's SQL), is
-- announced on the same channel as role assignments (V4) when its transaction commits: each
-- Steward instance listens and forgets what it remembers of both — held roles, and the listings,
-- counts and look-ups read from role assignments and catalogs alone (decision 0029).
CREATE TRIGGER catalog_notify AFTER INSERT OR UPDATE OR DELETE ON catalog
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER catalog_notify_truncate AFTER TRUNCATE ON catalog
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
