-- Every change to role assignments, whoever makes it (a Steward instance, a cascade from a
-- deleted catalog, an operator's SQL), is announced on the steward_role_assignments channel when
-- its transaction commits. Each Steward instance listens and forgets the held roles it remembers.
CREATE FUNCTION role_assignment_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('steward_role_assignments', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER role_assignment_notify AFTER INSERT OR UPDATE OR DELETE ON role_assignment
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
CREATE TRIGGER role_assignment_notify_truncate AFTER TRUNCATE ON role_assignment
  FOR EACH STATEMENT EXECUTE FUNCTION role_assignment_changed();
