-- The chat first-response state of 0018 (EmbeddedRocksDB) wrote every INSERT as a file of its own.
-- The engine's bulk-insert path (optimize_for_bulk_insert, on by default) builds each insert into a
-- sorted file and hands it to RocksDB whole, which suits a few large loads; the sink touches this
-- table on about every write, a few times a second. Measured on chdb with 20-row inserts: 16,000
-- inserts left 16,001 files, each kept open with its index in memory, and chdb's tracked memory grew
-- ~5 KB per insert without levelling off (+80 MB), and the open files had no bound either. Through
-- RocksDB's ordinary write path (its write-ahead log and an in-memory table flushed to a file when
-- full, bounded by its write buffer) 3,000 inserts left no file and +3 MB.
ALTER TABLE chat_contact_state MODIFY SETTING optimize_for_bulk_insert = 0;
