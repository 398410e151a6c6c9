-- Every change to access packages and assignment policies, whoever makes it, is announced on the
-- same channel as role assignments (V4) and catalogs (V17): what a user may request is read from
-- these tables (and from assignment_policy_requestor, kept from assignment_policy by V15's
-- trigger), and each instance remembers it until any of them changes (decision 0029).
CREATE TRIGGER access_package_notify AFTER INSERT OR UPDATE OR DELETE ON access_package
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER access_package_notify_truncate AFTER TRUNCATE ON access_package
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_notify AFTER INSERT OR UPDATE OR DELETE ON assignment_policy
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER assignment_policy_notify_truncate AFTER TRUNCATE ON assignment_policy
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
