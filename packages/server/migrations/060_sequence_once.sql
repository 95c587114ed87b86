-- One round trip gives committed live events their ids (issue 16): the sequencer's lock, the ids in commit order,
-- the `site:seq` notifications and the events themselves (for the instance's own streams), in one call. Each
-- statement of a volatile function takes a new snapshot, so the UPDATE sees every event that committed before
-- the lock was taken, as the former transaction of separate statements did. Returns one row with event_seq 0
-- when another instance holds the lock; `site_prev` is the site's last id before this call's (null: none).
CREATE OR REPLACE FUNCTION voc_sequence(p_batch int, p_channel text)
RETURNS TABLE (event_seq bigint, event_site text, event_type text, event_at timestamptz, event_data jsonb, site_prev bigint)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(7260042) THEN
    RETURN QUERY SELECT 0::bigint, NULL::text, NULL::text, NULL::timestamptz, NULL::jsonb, NULL::bigint;
    RETURN;
  END IF;
  RETURN QUERY
  WITH s AS (
    SELECT p.id, nextval('events_seq') AS seq FROM (SELECT e.id FROM events e WHERE e.seq IS NULL ORDER BY e.id LIMIT p_batch) p ORDER BY p.id
  ), u AS (
    UPDATE events e SET seq = s.seq FROM s WHERE e.id = s.id RETURNING e.site, s.seq, e.type, e.at, e.data
  ), tops AS (
    SELECT u.site, max(u.seq) AS top,
      (SELECT max(o.seq) FROM events o WHERE o.site = u.site AND o.seq < min(u.seq)) AS prev
    FROM u GROUP BY u.site
  ), n AS (
    SELECT count(pg_notify(p_channel, tops.site || ':' || tops.top)) AS n FROM tops
  )
  SELECT u.seq, u.site, u.type, u.at, u.data, tops.prev FROM u JOIN tops ON tops.site = u.site CROSS JOIN n ORDER BY u.seq;
END
$$;
