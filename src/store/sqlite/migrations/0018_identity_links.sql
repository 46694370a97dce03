-- A FranceConnect (or other OpenID) identity linked to a registered person, once she confirmed
-- it with her OFPRA number. The provider's subject is kept only as its SHA-256.
CREATE TABLE identity_links (
  provider     TEXT NOT NULL,
  subject_hash TEXT NOT NULL,
  numero_ofpra TEXT NOT NULL,
  linked_at    TEXT NOT NULL,
  PRIMARY KEY (provider, subject_hash)
);
