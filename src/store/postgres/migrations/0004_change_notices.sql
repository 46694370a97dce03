-- Each node keeps the registry and partner access in memory; these notices tell every node's
-- feed (LISTEN ofpra_changes) that a transaction committed a change, instead of each node
-- asking on every request. NOTIFY is delivered at commit, once per payload per transaction.
CREATE OR REPLACE FUNCTION bump_access_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_state SET generation = generation + 1 WHERE id = 1;
  PERFORM pg_notify('ofpra_changes', 'access');
  RETURN NULL;
END $$;

CREATE FUNCTION notify_registry_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ofpra_changes', 'registry');
  RETURN NULL;
END $$;
CREATE TRIGGER registry_changed AFTER UPDATE ON registry_state
  FOR EACH STATEMENT EXECUTE FUNCTION notify_registry_change();
