-- feedback_site_created (site, created_at DESC) is a prefix of feedback_site_created_id (site, created_at DESC,
-- id DESC), which serves every read the shorter one did; one index fewer to keep up on each submission.
DROP INDEX IF EXISTS feedback_site_created;
