-- Times in the journal never go backwards along seq (the writer holds each batch's time at
-- or after the head's), so a time is found by a binary search over seq: the index on
-- recorded_at cost every entry a fourth B-tree insert and a page written per batch.
DROP INDEX IF EXISTS journal_by_time;
