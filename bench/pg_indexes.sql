-- bench/run.sh --end-to-end: the raw pipe's index phase, run by psql in one session after
-- the pipe. The statements m2pg runs for the bench schema (bench/schema.sql and
-- bench/fulltext.sql: m2pg index --from-mysql --create-indexes, as copy --with-indexes
-- builds them), in m2pg's order of work (full-text first, then by table size): primary
-- keys built as unique indexes and attached, then ANALYZE. run.sh checks that the raw
-- pipe's indexes and m2pg's are the same, names aside.
\set ON_ERROR_STOP 1
CREATE INDEX posts_idx_posts_message_txt ON public.posts USING gin (to_tsvector('simple', message));
CREATE INDEX fileinfo_idx_fileinfo_content_txt ON public.fileinfo USING gin (to_tsvector('simple', content));
CREATE INDEX channels_idx_channel_search_txt ON public.channels USING gin (to_tsvector('simple',
    COALESCE(name, '') || ' ' || COALESCE(displayname, '') || ' ' || COALESCE(purpose, '')));
CREATE UNIQUE INDEX posts_pkey ON public.posts (id);
CREATE INDEX posts_idx_posts_channel_id_update_at ON public.posts (channelid, updateat);
CREATE INDEX posts_idx_posts_root_id_delete_at ON public.posts (rootid, deleteat);
CREATE UNIQUE INDEX fileinfo_pkey ON public.fileinfo (id);
CREATE INDEX fileinfo_idx_fileinfo_postid_at ON public.fileinfo (postid);
CREATE UNIQUE INDEX reactions_pkey ON public.reactions (postid, userid, emojiname);
CREATE UNIQUE INDEX users_pkey ON public.users (id);
CREATE UNIQUE INDEX users_username ON public.users (username);
CREATE UNIQUE INDEX users_email ON public.users (email);
CREATE INDEX users_idx_users_update_at ON public.users (updateat);
CREATE UNIQUE INDEX channels_pkey ON public.channels (id);
CREATE UNIQUE INDEX channels_name_2 ON public.channels (name, teamid);
CREATE INDEX channels_idx_channels_team_id ON public.channels (teamid);
ALTER TABLE public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY USING INDEX posts_pkey;
ALTER TABLE public.fileinfo ADD CONSTRAINT fileinfo_pkey PRIMARY KEY USING INDEX fileinfo_pkey;
ALTER TABLE public.reactions ADD CONSTRAINT reactions_pkey PRIMARY KEY USING INDEX reactions_pkey;
ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_pkey;
ALTER TABLE public.channels ADD CONSTRAINT channels_pkey PRIMARY KEY USING INDEX channels_pkey;
ANALYZE public.posts;
ANALYZE public.fileinfo;
ANALYZE public.reactions;
ANALYZE public.users;
ANALYZE public.channels;
