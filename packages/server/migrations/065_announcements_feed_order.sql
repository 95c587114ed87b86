-- The feed's announcements by index, in the order the feed shows them (issue 16: the feed at a million items).
-- The feed orders announcements by their time to the millisecond (as its answers and cursors carry it), then by
-- their id's text. It read the site's newest 1,000 announcements and sorted them for every page: at the cap, a
-- thousand rows per read where a site with ten reads ten. This index holds that order itself, so a page reads its
-- own rows and no more (src/reads/feed.ts). `at AT TIME ZONE 'UTC'` keeps the expression immutable, as an index
-- needs; `announcements_site` stays for the pulse's counts by time.
CREATE INDEX announcements_feed ON announcements (
  site,
  date_trunc('milliseconds', at AT TIME ZONE 'UTC') DESC,
  (id::text) COLLATE "C" DESC
);
