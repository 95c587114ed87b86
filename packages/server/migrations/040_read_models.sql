-- Read models for the public reads (issue 16). Counters written by submissions have a `stripe` in their key: the
-- submission batches written at the same time use different stripes, so they never wait on each other's rows;
-- reads sum over stripes (at most STRIPES rows per key, see src/reads/models.ts). Kept up to date by the write path in the same transaction
-- (src/reads/models.ts) or, for cloud terms, by the sequencer's fold (src/reads/cloud.ts). No public read
-- scans feedback rows. Backfilled from existing data by 041_backfill_read_models.sql.

-- Items and followers per topic (public statuses only for items).
CREATE TABLE topic_counts (
  site text NOT NULL,
  topic text NOT NULL,
  followers integer NOT NULL DEFAULT 0,
  compliment integer NOT NULL DEFAULT 0,
  idea integer NOT NULL DEFAULT 0,
  complaint integer NOT NULL DEFAULT 0,
  stripe smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site, topic, stripe)
);

-- Items by status and kind, every status (the pulse backlog).
CREATE TABLE status_counts (
  site text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  n integer NOT NULL DEFAULT 0,
  stripe smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site, kind, status, stripe)
);

-- Public items per UTC submission day and kind; `resolved` = of those, confirmed resolved by their author now.
CREATE TABLE pulse_days (
  site text NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  n integer NOT NULL DEFAULT 0,
  resolved integer NOT NULL DEFAULT 0,
  stripe smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, kind, stripe)
);

-- Public items per UTC submission day and hour of day (the hour-of-week chart).
CREATE TABLE pulse_hours (
  site text NOT NULL,
  day date NOT NULL,
  hour smallint NOT NULL,
  n integer NOT NULL DEFAULT 0,
  stripe smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, hour, stripe)
);

-- Public complaints per UTC submission day and topic (top complaint topics).
CREATE TABLE topic_days (
  site text NOT NULL,
  day date NOT NULL,
  topic text NOT NULL,
  complaints integer NOT NULL DEFAULT 0,
  stripe smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, topic, stripe)
);

-- Duration histograms: metric 'reply' (submission to first team reply, by submission day) and 'resolution'
-- (submission of a complaint to its first customer-confirmed resolution, by confirmation day). `bucket` is the
-- lower bound in hours: 1-hour buckets below 72 h, 24-hour buckets above (see reads/models.ts).
CREATE TABLE pulse_durations (
  site text NOT NULL,
  day date NOT NULL,
  metric text NOT NULL,
  bucket integer NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, metric, bucket)
);

-- Cloud term totals per fixed window (win = days, 0 = all time), folded from cloud deltas by the sequencer and
-- rolled forward each UTC day. A cloud read takes the top rows of one index.
CREATE TABLE cloud_windows (
  site text NOT NULL,
  win smallint NOT NULL,
  term text NOT NULL,
  compliment integer NOT NULL DEFAULT 0,
  idea integer NOT NULL DEFAULT 0,
  complaint integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (site, win, term)
);
-- Only rows that can be shown are indexed: words, and phrases seen more than once (a phrase seen once is never a
-- term, and most phrase rows are such singletons). A read walks one of these indexes from the top.
CREATE INDEX cloud_windows_total ON cloud_windows (site, win, total DESC, term COLLATE "C") WHERE total > 1 OR position(' ' in term) = 0;
CREATE INDEX cloud_windows_compliment ON cloud_windows (site, win, compliment DESC, term COLLATE "C") WHERE total > 1 OR position(' ' in term) = 0;
CREATE INDEX cloud_windows_idea ON cloud_windows (site, win, idea DESC, term COLLATE "C") WHERE total > 1 OR position(' ' in term) = 0;
CREATE INDEX cloud_windows_complaint ON cloud_windows (site, win, complaint DESC, term COLLATE "C") WHERE total > 1 OR position(' ' in term) = 0;

-- Versions of read-model changes that have no live event (see READS_CHANNEL in src/reads/cache.ts).
CREATE SEQUENCE read_versions;

CREATE TABLE cloud_window_state (
  site text PRIMARY KEY,
  as_of date NOT NULL
);

-- Topic-filtered clouds sum the per-day rows of one topic.
CREATE INDEX cloud_terms_topic ON cloud_terms (site, topic, day);
-- Pulse actions count team updates in a window by index.
CREATE INDEX topic_updates_site_at ON topic_updates (site, at);
-- The feedback created_at index stays for the inbox; public reads no longer use it.
