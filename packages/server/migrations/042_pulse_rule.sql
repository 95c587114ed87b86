-- The pulse's duration figures by protocol's one rule (issue 13): `pulseDurations`, `durationBucket` and
-- `bucketMedian` in packages/protocol/src/adapter-logic.ts, `LIMITS.pulseDurations` in limits.ts. Only public items
-- count (not hidden, pending or withdrawn); 'reply' = submission to the first team reply, on the submission day;
-- 'resolution' = submission of a complaint resolved now to its last customer confirmation, on that confirmation's
-- day. Buckets: lower bound in hours, 1 h wide below 72 h, 24 h wide from there. The write path keeps them
-- (src/reads/models.ts, `durationsMoved`); src/reads/rebuild.ts runs this file again after a bulk load.
-- Also: a topic's "expected by" date, shown by the pulse's top complaint topics.
ALTER TABLE topics ADD COLUMN IF NOT EXISTS expected_by date;

DELETE FROM pulse_durations;
INSERT INTO pulse_durations (site, day, metric, bucket, n)
SELECT f.site, (f.created_at AT TIME ZONE 'UTC')::date, 'reply',
  CASE WHEN x.h < 72 THEN floor(x.h)::int ELSE 72 + floor((x.h - 72) / 24)::int * 24 END, count(*)
FROM feedback f
JOIN (SELECT feedback_id, min(at) AS at FROM thread_entries WHERE type = 'reply' GROUP BY feedback_id) r ON r.feedback_id = f.id
CROSS JOIN LATERAL (SELECT greatest(extract(epoch FROM r.at - f.created_at) / 3600, 0) AS h) x
WHERE f.status NOT IN ('hidden', 'pending', 'withdrawn')
GROUP BY 1, 2, 3, 4;
INSERT INTO pulse_durations (site, day, metric, bucket, n)
SELECT f.site, (c.at AT TIME ZONE 'UTC')::date, 'resolution',
  CASE WHEN x.h < 72 THEN floor(x.h)::int ELSE 72 + floor((x.h - 72) / 24)::int * 24 END, count(*)
FROM feedback f
JOIN (SELECT DISTINCT ON (feedback_id) feedback_id, at FROM thread_entries WHERE type = 'confirmation'
      ORDER BY feedback_id, at DESC, id DESC) c ON c.feedback_id = f.id
CROSS JOIN LATERAL (SELECT greatest(extract(epoch FROM c.at - f.created_at) / 3600, 0) AS h) x
WHERE f.kind = 'complaint' AND f.status = 'resolved'
GROUP BY 1, 2, 3, 4;
