-- Cloud windows take HOT updates (issue 16: submissions at a million items). The fold updates a window row for
-- every term of every submission, and each update used to write a new entry into all five indexes, because four
-- of them were ordered by the counts it changes. The counts now stay out of every index: each count has a coarse
-- rank (the count itself up to 15, then steps of about its square root, so a busy term's rank changes once in
-- many updates), stored beside it and indexed instead. An update that leaves the ranks as they are writes no index
-- entry and stays on its page (HOT; fillfactor leaves room there). A read takes the rows of the top ranks and sorts
-- their exact counts (src/reads/cloud.ts). Rank 0 is a row no read shows: a count of zero or less, or a phrase seen
-- once (the phrase rule, as the partial indexes before).
CREATE FUNCTION cloud_rank(n integer, term text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN n <= 0 OR (n = 1 AND position(' ' in term) > 0) THEN 0
    WHEN n < 16 THEN n
    ELSE 16 + floor(2 * sqrt((n - 16)::float8))::integer
  END;

DROP INDEX cloud_windows_total, cloud_windows_compliment, cloud_windows_idea, cloud_windows_complaint;
ALTER TABLE cloud_windows SET (fillfactor = 70);
ALTER TABLE cloud_windows
  ADD COLUMN rank_total integer GENERATED ALWAYS AS (cloud_rank(total, term)) STORED,
  ADD COLUMN rank_compliment integer GENERATED ALWAYS AS (cloud_rank(compliment, term)) STORED,
  ADD COLUMN rank_idea integer GENERATED ALWAYS AS (cloud_rank(idea, term)) STORED,
  ADD COLUMN rank_complaint integer GENERATED ALWAYS AS (cloud_rank(complaint, term)) STORED;
CREATE INDEX cloud_windows_total ON cloud_windows (site, win, rank_total DESC) WHERE rank_total > 0;
CREATE INDEX cloud_windows_compliment ON cloud_windows (site, win, rank_compliment DESC) WHERE rank_compliment > 0;
CREATE INDEX cloud_windows_idea ON cloud_windows (site, win, rank_idea DESC) WHERE rank_idea > 0;
CREATE INDEX cloud_windows_complaint ON cloud_windows (site, win, rank_complaint DESC) WHERE rank_complaint > 0;

-- Today's per-day rows are updated by every fold too: room on their pages for HOT updates.
ALTER TABLE cloud_terms SET (fillfactor = 70);
