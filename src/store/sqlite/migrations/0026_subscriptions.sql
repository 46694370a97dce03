-- Subscriptions and notifications (docs/NOTIFICATIONS.md): a partner follows a person's file,
-- and is told through its webhook when a change event concerns her, while it may still know.
CREATE TABLE subscriptions (
  id                TEXT PRIMARY KEY,
  partner_siret     TEXT NOT NULL,
  client_id         TEXT NOT NULL,
  numero_ofpra      TEXT NOT NULL,
  scopes            TEXT NOT NULL,   -- space-separated, as the door granted them
  recipient_siret   TEXT NOT NULL,
  purpose           TEXT NOT NULL,
  partner_reference TEXT NOT NULL,   -- the partner's own reference for her
  created_at        TEXT NOT NULL,
  reference         INTEGER NOT NULL,  -- the journal entry of the subscription
  ended_at          TEXT NOT NULL,   -- '' while it holds
  end_reason        TEXT NOT NULL
);
CREATE INDEX subscriptions_by_person ON subscriptions (numero_ofpra, ended_at);
CREATE INDEX subscriptions_by_partner ON subscriptions (partner_siret, created_at);

-- One endpoint a partner; its HMAC secret sealed with the keys folder's key (auth/sealed_secret.hpp).
CREATE TABLE webhook_endpoints (
  partner_siret TEXT PRIMARY KEY,
  url           TEXT NOT NULL,
  secret        TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE notifications (
  id              TEXT PRIMARY KEY,   -- the webhook-id of every attempt
  partner_siret   TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  type            TEXT NOT NULL,
  payload         TEXT NOT NULL,      -- the JSON body sent: no personal data
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,      -- '' once delivered or given up
  state           TEXT NOT NULL CHECK (state IN ('en_attente', 'livree', 'abandonnee')),
  last_error      TEXT NOT NULL,
  delivered_at    TEXT NOT NULL
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
CREATE INDEX notifications_by_partner ON notifications (partner_siret, created_at);

-- The last registry event turned into notifications.
CREATE TABLE notify_cursor (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  last_event INTEGER NOT NULL
);
INSERT INTO notify_cursor (id, last_event) SELECT 1, coalesce(max(id), 0) FROM registry_events;
