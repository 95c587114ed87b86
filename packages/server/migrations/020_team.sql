-- Team members, sign-in sessions, invites, token roles, audit log (issue 11).

CREATE TABLE team_members (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  title text NOT NULL DEFAULT '',
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);

-- Invites and one-time sign-in links: only the SHA-256 of the token is stored.
CREATE TABLE team_invites (
  hash text PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Sessions: only the SHA-256 of the cookie value is stored.
CREATE TABLE team_sessions (
  hash text PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX team_sessions_member ON team_sessions (member_id);

-- The role of a bearer token; a token without a row (VOC_ADMIN_TOKEN, older tokens) is an owner.
CREATE TABLE team_token_roles (
  token_id uuid PRIMARY KEY REFERENCES tokens(id) ON DELETE CASCADE,
  role text NOT NULL
);

CREATE TABLE team_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  member_id uuid,
  action text NOT NULL,
  site text,
  target text
);
CREATE INDEX team_audit_at ON team_audit (id DESC);

-- Full-text search: the stemmed words of the item's language plus the plain words ('simple'), so a search finds
-- an item in any language and languages without a stemmer (ja…) still match whole words.
ALTER TABLE feedback ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector(
    CASE
      WHEN locale LIKE 'en%' THEN 'english'::regconfig
      WHEN locale LIKE 'de%' THEN 'german'::regconfig
      WHEN locale LIKE 'fr%' THEN 'french'::regconfig
      WHEN locale LIKE 'es%' THEN 'spanish'::regconfig
      WHEN locale LIKE 'ar%' THEN 'arabic'::regconfig
      ELSE 'simple'::regconfig
    END,
    text
  ) || to_tsvector('simple'::regconfig, text)
) STORED;
CREATE INDEX feedback_search ON feedback USING gin (search);
CREATE INDEX feedback_site_status_created ON feedback (site, status, created_at DESC);
-- the inbox pages by (created_at, id), newest first
CREATE INDEX feedback_site_created_id ON feedback (site, created_at DESC, id DESC);
