-- Cloud windows per topic (issue 16): a topic's cloud of a kept window reads the top ranks of its own rows, as the
-- whole site's cloud does, instead of summing every day of the window (0.8 s for a year at a million items). The
-- site's rows have topic '' (every item), a topic's rows its slug (the items about it). Emptied first, so the new key
-- and indexes are built on an empty table; 067 recounts every row.
TRUNCATE cloud_windows;
DROP INDEX cloud_windows_total, cloud_windows_compliment, cloud_windows_idea, cloud_windows_complaint;
ALTER TABLE cloud_windows DROP CONSTRAINT cloud_windows_pkey;
ALTER TABLE cloud_windows ADD COLUMN topic text NOT NULL DEFAULT '';
-- a term's rows side by side (063): the site's and its topics', every window
ALTER TABLE cloud_windows ADD PRIMARY KEY (site, term, topic, win);
CREATE INDEX cloud_windows_total ON cloud_windows (site, topic, win, rank_total DESC) WHERE rank_total > 0;
CREATE INDEX cloud_windows_compliment ON cloud_windows (site, topic, win, rank_compliment DESC) WHERE rank_compliment > 0;
CREATE INDEX cloud_windows_idea ON cloud_windows (site, topic, win, rank_idea DESC) WHERE rank_idea > 0;
CREATE INDEX cloud_windows_complaint ON cloud_windows (site, topic, win, rank_complaint DESC) WHERE rank_complaint > 0;
