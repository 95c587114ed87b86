-- The rows a message carried (a digest) are found by the row that carried them: when the batch is recorded as sent,
-- when it failed, and after a crash. Without an index each of those read the whole outbox, which keeps every mail.
CREATE INDEX IF NOT EXISTS mail_outbox_batched ON mail_outbox (batched_into) WHERE batched_into IS NOT NULL;
