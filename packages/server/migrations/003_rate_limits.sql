-- Rate limits shared by every instance on this database: one token bucket per class (read/write), site and
-- hashed client address. `take_token` refills and takes in one statement, so concurrent instances agree.
CREATE TABLE rate_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);

-- Returns 0 when a token was taken, else the seconds to wait before the next one.
CREATE FUNCTION take_token(bucket text, per_minute double precision, burst double precision) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  left_over double precision;
  rate double precision := per_minute / 60.0;
BEGIN
  INSERT INTO rate_buckets AS b (key, tokens, at) VALUES (bucket, burst - 1, clock_timestamp())
  ON CONFLICT (key) DO UPDATE SET
    tokens = least(burst, b.tokens + extract(epoch FROM clock_timestamp() - b.at) * rate) - 1,
    at = clock_timestamp()
  RETURNING tokens INTO left_over;
  IF left_over >= 0 THEN
    RETURN 0;
  END IF;
  -- not granted: give the token back (the bucket stays empty, not negative)
  UPDATE rate_buckets SET tokens = tokens + 1 WHERE key = bucket;
  RETURN greatest(1, ceil((-left_over) / rate));
END;
$$;

-- Values every instance shares (e.g. the salt of hashed client addresses).
CREATE TABLE server_settings (
  name text PRIMARY KEY,
  value text NOT NULL
);
