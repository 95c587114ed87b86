-- events_site_id (site, id) served the reads of live events by id before 002 gave events a sequence: every read of
-- events since goes by (site, seq) or by the unsequenced ids, and on the million-item benchmark database the index
-- (130 MB) had not been scanned once. The sequencer's update of each event (seq set) is not HOT, so every index of
-- the table takes two entries per event: one index fewer to keep up on each submission.
DROP INDEX IF EXISTS events_site_id;
