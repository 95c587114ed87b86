-- Recomputes every read model of 010 from the stored rows (the cloud windows: 067). Runs once as a migration
-- (existing data) and again from src/reads/rebuild.ts after a bulk load (scripts/bench-scale.mjs). Public statuses are
-- those not in ('hidden', 'pending', 'withdrawn'), as PRIVATE_STATUSES in src/store/rows.ts.
DELETE FROM topic_counts;
INSERT INTO topic_counts (site, topic, followers, compliment, idea, complaint)
SELECT t.site, t.slug, coalesce(fo.n, 0), coalesce(f.c, 0), coalesce(f.i, 0), coalesce(f.p, 0)
FROM topics t
LEFT JOIN (SELECT site, topic, count(*) AS n FROM followers GROUP BY 1, 2) fo ON fo.site = t.site AND fo.topic = t.slug
LEFT JOIN (
  SELECT site, topic, count(*) FILTER (WHERE kind = 'compliment') AS c, count(*) FILTER (WHERE kind = 'idea') AS i,
    count(*) FILTER (WHERE kind = 'complaint') AS p
  FROM feedback WHERE topic IS NOT NULL AND status NOT IN ('hidden', 'pending', 'withdrawn') GROUP BY 1, 2
) f ON f.site = t.site AND f.topic = t.slug;
DELETE FROM status_counts;
INSERT INTO status_counts (site, kind, status, n) SELECT site, kind, status, count(*) FROM feedback GROUP BY 1, 2, 3;
DELETE FROM pulse_days;
INSERT INTO pulse_days (site, day, kind, n, resolved)
SELECT site, (created_at AT TIME ZONE 'UTC')::date, kind, count(*), count(*) FILTER (WHERE kind = 'complaint' AND status = 'resolved')
FROM feedback WHERE status NOT IN ('hidden', 'pending', 'withdrawn') GROUP BY 1, 2, 3;
DELETE FROM pulse_hours;
INSERT INTO pulse_hours (site, day, hour, n)
SELECT site, (created_at AT TIME ZONE 'UTC')::date, extract(hour FROM created_at AT TIME ZONE 'UTC')::smallint, count(*)
FROM feedback WHERE status NOT IN ('hidden', 'pending', 'withdrawn') GROUP BY 1, 2, 3;
DELETE FROM topic_days;
INSERT INTO topic_days (site, day, topic, complaints)
SELECT site, (created_at AT TIME ZONE 'UTC')::date, topic, count(*)
FROM feedback WHERE topic IS NOT NULL AND kind = 'complaint' AND status NOT IN ('hidden', 'pending', 'withdrawn') GROUP BY 1, 2, 3;
DELETE FROM pulse_durations;
INSERT INTO pulse_durations (site, day, metric, bucket, n)
SELECT f.site, (f.created_at AT TIME ZONE 'UTC')::date, 'reply',
  CASE WHEN h < 72 THEN floor(h)::int ELSE 72 + floor((h - 72) / 24)::int * 24 END, count(*)
FROM feedback f
JOIN (SELECT feedback_id, greatest(extract(epoch FROM min(e.at) - min(f2.created_at)) / 3600, 0) AS h
      FROM thread_entries e JOIN feedback f2 ON f2.id = e.feedback_id WHERE e.type = 'reply' GROUP BY feedback_id) r ON r.feedback_id = f.id
GROUP BY 1, 2, 3, 4;
INSERT INTO pulse_durations (site, day, metric, bucket, n)
SELECT f.site, (r.at AT TIME ZONE 'UTC')::date, 'resolution',
  CASE WHEN r.h < 72 THEN floor(r.h)::int ELSE 72 + floor((r.h - 72) / 24)::int * 24 END, count(*)
FROM feedback f
JOIN (SELECT feedback_id, min(e.at) AS at, greatest(extract(epoch FROM min(e.at) - min(f2.created_at)) / 3600, 0) AS h
      FROM thread_entries e JOIN feedback f2 ON f2.id = e.feedback_id WHERE e.type = 'confirmation' AND e.resolved GROUP BY feedback_id) r
  ON r.feedback_id = f.id
WHERE f.kind = 'complaint'
GROUP BY 1, 2, 3, 4;
-- the cloud windows are recounted by 067_cloud_windows_recount.sql (per topic too)
