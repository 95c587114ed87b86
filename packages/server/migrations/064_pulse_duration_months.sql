-- The pulse's duration histograms also by calendar month (issue 16: a 365-day pulse reads two years of them). Per
-- day, metric and bucket, a million-item site holds ~28,000 rows for two years, and the 365-day pulse summed them
-- all (11 of its 16 ms); by month, the whole months of a window are ~24 × (metrics) × (buckets) rows, and only the
-- days at the window's two edges are read per day (src/reads/pulse.ts). Kept beside the per-day rows by the same
-- write (src/reads/models.ts, `durationsMoved`). This file is also a backfill: src/reads/rebuild.ts runs it again,
-- after 041 and 042, to recount the months from the days.
CREATE TABLE IF NOT EXISTS pulse_duration_months (
  site text NOT NULL,
  month date NOT NULL,
  metric text NOT NULL,
  bucket integer NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (site, month, metric, bucket)
);
DELETE FROM pulse_duration_months;
INSERT INTO pulse_duration_months (site, month, metric, bucket, n)
SELECT site, day - (extract(day FROM day)::int - 1), metric, bucket, sum(n)
FROM pulse_durations
GROUP BY 1, 2, 3, 4
HAVING sum(n) <> 0;
