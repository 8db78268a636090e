-- The read-model reconciliation (ADR 0002, ReadModelReconciliation) asks, per processing group, for the
-- last sequence number per aggregate of the events of some payload types at or below a global index.
-- Without this index each of its queries scans the whole event table (the directory's three times);
-- with it, an index-only scan reads just the group's events. Measured on 3 million events (ADR 0002): a
-- full check 4.2 s -> 1.25 s. Built in about 1 s per million events; inserts wait meanwhile.
CREATE INDEX domain_event_entry_type_index_idx
    ON domain_event_entry (payload_type, global_index) INCLUDE (aggregate_identifier, sequence_number);
