-- Cloud window rows of one term side by side (issue 16: submissions at a million items). The fold writes a term's
-- row in every window it falls in (all time, 365, 90, 30 and 7 days) in one statement. Keyed (site, win, term),
-- those rows sat in five places of the primary key and, once the table outgrew memory, on five heap pages: a fold
-- on a million-item site read and logged (as full-page images after each checkpoint) up to five pages per term.
-- Keyed (site, term, win), a term's rows share one index leaf, and the fold inserts them together, so new rows share
-- a heap page too. CLUSTER lays out the rows already stored that way once (a rewrite of the table, as 062 was).
ALTER TABLE cloud_windows DROP CONSTRAINT cloud_windows_pkey;
ALTER TABLE cloud_windows ADD PRIMARY KEY (site, term, win);
CLUSTER cloud_windows USING cloud_windows_pkey;
ANALYZE cloud_windows;
