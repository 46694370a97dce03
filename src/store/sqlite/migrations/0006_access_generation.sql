-- Bumped by every change to partners, API clients and habilitations, whoever makes it (the
-- CLI in another process, an operator's SQL), so that a server may keep them in memory and
-- still see a revocation at the next request.
CREATE TABLE access_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO access_state (id, generation) VALUES (1, 0);

CREATE TRIGGER partners_changed_insert AFTER INSERT ON partners
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER partners_changed_update AFTER UPDATE ON partners
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER partners_changed_delete AFTER DELETE ON partners
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER api_clients_changed_insert AFTER INSERT ON api_clients
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER api_clients_changed_update AFTER UPDATE ON api_clients
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER api_clients_changed_delete AFTER DELETE ON api_clients
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitations_changed_insert AFTER INSERT ON habilitations
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitations_changed_update AFTER UPDATE ON habilitations
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitations_changed_delete AFTER DELETE ON habilitations
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitation_scopes_changed_insert AFTER INSERT ON habilitation_scopes
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitation_scopes_changed_update AFTER UPDATE ON habilitation_scopes
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER habilitation_scopes_changed_delete AFTER DELETE ON habilitation_scopes
BEGIN UPDATE access_state SET generation = generation + 1 WHERE id = 1; END;
