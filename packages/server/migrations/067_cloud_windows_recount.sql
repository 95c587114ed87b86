-- Recounts the cloud's running totals from the per-day counts: every kept window (7, 30, 90 and 365 days, and all
-- time as 0: CLOUD_WINDOWS in protocol), for the whole site (topic '') and for each topic (its slug), as of today.
-- Runs once as a migration and again from src/reads/rebuild.ts after a bulk load.
DELETE FROM cloud_window_state;
INSERT INTO cloud_window_state (site, as_of) SELECT key, current_date FROM sites;
-- emptied, not deleted row by row: a recount then leaves a compact table in the order below, where DELETE left every
-- old row behind as free space (60 % of a million-item site's table), which the fold's new rows were scattered into
TRUNCATE cloud_windows;
INSERT INTO cloud_windows (site, win, topic, term, compliment, idea, complaint, total)
SELECT ct.site, w.win, CASE WHEN b.own THEN ct.topic ELSE '' END, ct.term,
  coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'compliment'), 0),
  coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'idea'), 0),
  coalesce(sum(ct.count) FILTER (WHERE ct.kind = 'complaint'), 0),
  sum(ct.count)
FROM cloud_terms ct JOIN (VALUES (0), (7), (30), (90), (365)) AS w(win) ON w.win = 0 OR ct.day > current_date - w.win
-- each day's row counts for the site, and for its topic when it has one
JOIN (VALUES (false), (true)) AS b(own) ON NOT b.own OR ct.topic <> ''
GROUP BY 1, 2, 3, 4
-- a term's rows side by side, as the fold writes them (063)
ORDER BY 1, 4, 3, 2;
ANALYZE cloud_windows;
