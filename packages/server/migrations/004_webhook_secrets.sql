-- Each webhook signs its deliveries with its own secret (HMAC-SHA256 of the body). The secret is shown once when
-- the webhook is created; it is kept here because signing needs it (a hash could not sign). Webhooks made before
-- this migration get one too; remove and re-add them to learn it.
ALTER TABLE webhooks ADD COLUMN secret text;
UPDATE webhooks SET secret = 'whsec_' || md5(random()::text || clock_timestamp()::text || id::text) WHERE secret IS NULL;
ALTER TABLE webhooks ALTER COLUMN secret SET NOT NULL;
