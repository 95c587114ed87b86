-- Mail to consenting customers: an outbox written in the transaction of the action that causes it.

-- A secret of this installation (link signing) when VOC_SECRET is not set.
CREATE TABLE IF NOT EXISTS server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Extra receipts of a feedback item (the thread link in a mail), stored only hashed like receipts.
CREATE TABLE receipt_links (
  hash text PRIMARY KEY,
  feedback_id uuid NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipt_links_feedback ON receipt_links (feedback_id);

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  site text NOT NULL,
  -- private: never in a public answer, a log line or a webhook
  to_email text NOT NULL,
  email_hash text NOT NULL,
  kind text NOT NULL,
  topic text,
  feedback_id uuid,
  locale text NOT NULL DEFAULT 'en',
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz,
  -- the row whose message carried this one (a digest)
  batched_into uuid,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_sending ON mail_outbox (claimed_until) WHERE status = 'sending';
CREATE INDEX mail_outbox_to ON mail_outbox (email_hash, topic, status);

-- Unsubscribes, bounces and complaints, by hashed address; scope '*' or a topic key 'site/slug'.
CREATE TABLE mail_suppressions (
  email_hash text NOT NULL,
  scope text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email_hash, scope)
);

-- Per-address choice: every mail ('each', capped per topic per hour) or one daily digest ('daily').
CREATE TABLE mail_prefs (
  email_hash text PRIMARY KEY,
  mode text NOT NULL DEFAULT 'each',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- When an address last got a mail about a topic (the hourly cap).
CREATE TABLE mail_throttle (
  email_hash text NOT NULL,
  topic_key text NOT NULL,
  last_sent_at timestamptz NOT NULL,
  PRIMARY KEY (email_hash, topic_key)
);

-- Development without SMTP: what would have been sent, for owners to read in the console.
CREATE TABLE dev_mailbox (
  id uuid PRIMARY KEY,
  site text NOT NULL,
  to_email text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  message_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_mailbox_site ON dev_mailbox (site, created_at DESC);

ALTER TABLE followers ADD COLUMN locale text;
