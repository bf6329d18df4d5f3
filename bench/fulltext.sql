-- bench/run.sh --end-to-end: the chat schema's full-text indexes that carry the most text
-- (migrations/chat/mysql), added to the loaded bench database before the timed runs. With
-- bench/schema.sql's keys that makes 17 indexes in MySQL; in PostgreSQL each FULLTEXT
-- index becomes one GIN index over to_tsvector (bench/pg_indexes.sql).
ALTER TABLE Posts ADD FULLTEXT KEY idx_posts_message_txt (Message);
ALTER TABLE FileInfo ADD FULLTEXT KEY idx_fileinfo_content_txt (Content);
ALTER TABLE Channels ADD FULLTEXT KEY idx_channel_search_txt (Name, DisplayName, Purpose);
