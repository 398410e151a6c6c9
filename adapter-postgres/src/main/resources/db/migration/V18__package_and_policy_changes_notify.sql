-- Every change to access packages, assignment policies and the requestor rows kept from them
-- (V15's trigger; an operator or a later migration may write them too), whoever makes it, is
-- announced on the same channel as role assignments (V4) and catalogs (V17): what a user may
-- request is read from these tables, and each instance remembers it until any of them changes
-- (decision 0029).
CREATE TRIGGER access_package_notify AFTER INSERT OR UPDATE OR DELETE ON access_package
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER access_package_notify_truncate AFTER TRUNCATE ON access_package
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_notify AFTER INSERT OR UPDATE OR DELETE ON assignment_policy
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_notify_truncate AFTER TRUNCATE ON assignment_policy
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_requestor_notify
  AFTER INSERT OR UPDATE OR DELETE ON assignment_policy_requestor
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_requestor_notify_truncate AFTER TRUNCATE ON assignment_policy_requestor
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
