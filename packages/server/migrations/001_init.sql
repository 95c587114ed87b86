-- VoC Kit reference server schema. Runs unchanged on PGlite and PostgreSQL.

CREATE TABLE sites (
  key text PRIMARY KEY,
  name text NOT NULL,
  origins text[] NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{}',
  sample boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Team tokens: only the SHA-256 of the token is stored.
CREATE TABLE tokens (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE topics (
  site text NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  slug text NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'heard',
  incident jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site, slug)
);

CREATE TABLE topic_updates (
  id uuid PRIMARY KEY,
  site text NOT NULL,
  topic text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL,
  message text,
  FOREIGN KEY (site, topic) REFERENCES topics(site, slug) ON DELETE CASCADE
);
CREATE INDEX topic_updates_topic ON topic_updates (site, topic, at);

CREATE TABLE feedback (
  id uuid PRIMARY KEY,
  site text NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  kind text NOT NULL,
  text text NOT NULL,
  topic text,
  page_url text,
  locale text,
  status text NOT NULL,
  -- private: only with consent, only for the team
  contact_email text,
  receipt_hash text NOT NULL UNIQUE,
  terms text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_site_created ON feedback (site, created_at DESC);
CREATE INDEX feedback_terms ON feedback USING gin (terms);
CREATE INDEX feedback_email ON feedback (lower(contact_email)) WHERE contact_email IS NOT NULL;

-- Idempotency claims are kept forever (an outbox may hold an item for days). The key itself is stored only
-- hashed: the receipt of a replay is re-derived from the key the client sends (HMAC(key, nonce)).
CREATE TABLE idempotency (
  site text NOT NULL,
  key_hash text NOT NULL,
  body_hash text NOT NULL,
  nonce text NOT NULL,
  feedback_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site, key_hash)
);

CREATE TABLE thread_entries (
  id uuid PRIMARY KEY,
  feedback_id uuid NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  type text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  text text,
  author text,
  resolved boolean
);
CREATE INDEX thread_entries_feedback ON thread_entries (feedback_id, at);

-- Followers of a topic: `feedback:<id>` or `key:<sha256 of the me-too key>`.
CREATE TABLE followers (
  site text NOT NULL,
  topic text NOT NULL,
  who text NOT NULL,
  contact_email text,
  feedback_id uuid REFERENCES feedback(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site, topic, who),
  FOREIGN KEY (site, topic) REFERENCES topics(site, slug) ON DELETE CASCADE
);

CREATE TABLE announcements (
  id uuid PRIMARY KEY,
  site text NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  topic text,
  at timestamptz NOT NULL DEFAULT now(),
  title text NOT NULL,
  body text NOT NULL
);
CREATE INDEX announcements_site ON announcements (site, at DESC);

-- Cloud terms per site, day, kind and topic ('' for none), counted at submit.
CREATE TABLE cloud_terms (
  site text NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  topic text NOT NULL DEFAULT '',
  term text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (site, day, kind, topic, term)
);

-- Live events: NOTIFY carries `site:id` only; every instance reads events back from here.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  site text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL
);
CREATE INDEX events_site_id ON events (site, id);

CREATE TABLE webhooks (
  id uuid PRIMARY KEY,
  site text NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  url text NOT NULL,
  events text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Webhook outbox, written in the same transaction as the event; delivered with retries.
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE delivered_at IS NULL;
