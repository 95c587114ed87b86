-- Live events get their public id (`seq`) from a sequencer after they commit, in commit order, so submissions
-- never wait on each other for an id and a reader resuming after id N never misses an event committed later.
ALTER TABLE events ADD COLUMN seq bigint;
CREATE SEQUENCE events_seq;
CREATE UNIQUE INDEX events_site_seq ON events (site, seq);
CREATE INDEX events_unsequenced ON events (id) WHERE seq IS NULL;

-- Cloud term changes are appended here at submit (no hot rows) and folded into cloud_terms in batches;
-- reads add the rows not folded yet, so counts are exact at every moment.
CREATE TABLE cloud_deltas (
  id bigserial PRIMARY KEY,
  site text NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  topic text NOT NULL DEFAULT '',
  terms text[] NOT NULL,
  delta integer NOT NULL
);
CREATE INDEX cloud_deltas_site ON cloud_deltas (site);
