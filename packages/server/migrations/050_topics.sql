-- Topics: the date the team expects a topic done ("expected by", set or cleared with a move), and merging.

ALTER TABLE topics ADD COLUMN IF NOT EXISTS expected_by date;
-- Set when the team merged this topic into another: its items, followers and announcements moved there.
ALTER TABLE topics ADD COLUMN merged_into text;
