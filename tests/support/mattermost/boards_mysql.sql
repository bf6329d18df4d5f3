-- The Boards plugin's (focalboard_*) MySQL tables as its migrations 000001..000039 leave them
-- (mattermost/mattermost server/boards/services/store/sqlstore/migrations; layouts checked
-- against a public MySQL dump of a 7.10 install: /work/notes/mattermost-schema.md §7.2).
-- TEXT columns that hold JSON (blocks.fields, sessions.props, teams.settings, users.props) are
-- TEXT on MySQL and json on Postgres; boards.properties and card_properties are JSON.
CREATE TABLE focalboard_blocks (
  id varchar(36) NOT NULL,
  insert_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  parent_id varchar(36) DEFAULT NULL,
  `schema` bigint(20) DEFAULT NULL,
  type text DEFAULT NULL,
  title text DEFAULT NULL,
  fields text DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  root_id varchar(36) DEFAULT NULL,
  modified_by varchar(36) NOT NULL,
  channel_id varchar(36) NOT NULL,
  created_by varchar(36) NOT NULL,
  board_id varchar(36) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_blocks_board_id_parent_id (board_id, parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_blocks_history (
  id varchar(36) NOT NULL,
  insert_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  parent_id varchar(36) DEFAULT NULL,
  `schema` bigint(20) DEFAULT NULL,
  type text DEFAULT NULL,
  title text DEFAULT NULL,
  fields text DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  root_id varchar(36) DEFAULT NULL,
  modified_by varchar(36) DEFAULT NULL,
  channel_id varchar(36) DEFAULT NULL,
  created_by varchar(36) DEFAULT NULL,
  board_id varchar(36) DEFAULT NULL,
  PRIMARY KEY (id, insert_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_boards (
  id varchar(36) NOT NULL,
  insert_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  team_id varchar(36) NOT NULL,
  channel_id varchar(36) DEFAULT NULL,
  created_by varchar(36) DEFAULT NULL,
  modified_by varchar(36) DEFAULT NULL,
  type varchar(1) NOT NULL,
  title text NOT NULL,
  description text DEFAULT NULL,
  icon varchar(256) DEFAULT NULL,
  show_description tinyint(1) DEFAULT NULL,
  is_template tinyint(1) DEFAULT NULL,
  template_version int(11) DEFAULT 0,
  properties json DEFAULT NULL,
  card_properties json DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  minimum_role varchar(36) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY idx_boards_team_id_is_template (team_id, is_template),
  KEY idx_boards_channel_id (channel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_boards_history (
  id varchar(36) NOT NULL,
  insert_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  team_id varchar(36) NOT NULL,
  channel_id varchar(36) DEFAULT NULL,
  created_by varchar(36) DEFAULT NULL,
  modified_by varchar(36) DEFAULT NULL,
  type varchar(1) NOT NULL,
  title text NOT NULL,
  description text DEFAULT NULL,
  icon varchar(256) DEFAULT NULL,
  show_description tinyint(1) DEFAULT NULL,
  is_template tinyint(1) DEFAULT NULL,
  template_version int(11) DEFAULT 0,
  properties json DEFAULT NULL,
  card_properties json DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  minimum_role varchar(36) NOT NULL DEFAULT '',
  PRIMARY KEY (id, insert_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_board_members (
  board_id varchar(36) NOT NULL,
  user_id varchar(36) NOT NULL,
  roles varchar(64) DEFAULT NULL,
  scheme_admin tinyint(1) DEFAULT NULL,
  scheme_editor tinyint(1) DEFAULT NULL,
  scheme_commenter tinyint(1) DEFAULT NULL,
  scheme_viewer tinyint(1) DEFAULT NULL,
  PRIMARY KEY (board_id, user_id),
  KEY idx_board_members_user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_board_members_history (
  board_id varchar(36) NOT NULL,
  user_id varchar(36) NOT NULL,
  action varchar(10) DEFAULT NULL,
  insert_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (board_id, user_id, insert_at),
  KEY idx_board_members_history_user_id (user_id),
  KEY idx_board_members_history_board_id_user_id (board_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_categories (
  id varchar(36) NOT NULL,
  name varchar(100) NOT NULL,
  user_id varchar(36) NOT NULL,
  team_id varchar(36) NOT NULL,
  channel_id varchar(36) DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  collapsed tinyint(1) DEFAULT 0,
  type varchar(64) DEFAULT NULL,
  sort_order bigint(20) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_categories_user_id_team_id (user_id, team_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_category_boards (
  id varchar(36) NOT NULL,
  user_id varchar(36) NOT NULL,
  category_id varchar(36) NOT NULL,
  board_id varchar(36) NOT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  sort_order bigint(20) DEFAULT NULL,
  hidden tinyint(1) DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY unique_user_category_board (user_id, board_id),
  KEY idx_categoryboards_category_id (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- No primary key: neither public dump shows one.
CREATE TABLE focalboard_file_info (
  id varchar(26) NOT NULL,
  create_at bigint(20) NOT NULL,
  delete_at bigint(20) DEFAULT NULL,
  name text NOT NULL,
  extension varchar(50) NOT NULL,
  size bigint(20) NOT NULL,
  archived tinyint(1) DEFAULT NULL,
  path varchar(512) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_notification_hints (
  block_type varchar(10) DEFAULT NULL,
  block_id varchar(36) NOT NULL,
  workspace_id varchar(36) DEFAULT NULL,
  modified_by_id varchar(36) DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  notify_at bigint(20) DEFAULT NULL,
  PRIMARY KEY (block_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_preferences (
  userid varchar(36) NOT NULL,
  category varchar(32) NOT NULL,
  name varchar(32) NOT NULL,
  value text DEFAULT NULL,
  PRIMARY KEY (userid, category, name),
  KEY idx_preferences_category (category),
  KEY idx_preferences_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- morph's layout (after the plugin converted golang-migrate's table, schema_table_migration.go).
CREATE TABLE focalboard_schema_migrations (
  Version bigint(20) NOT NULL,
  Name varchar(64) NOT NULL,
  PRIMARY KEY (Version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_sessions (
  id varchar(100) NOT NULL,
  token varchar(100) DEFAULT NULL,
  user_id varchar(100) DEFAULT NULL,
  props text DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  auth_service varchar(20) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_sharing (
  id varchar(36) NOT NULL,
  enabled tinyint(1) DEFAULT NULL,
  token varchar(100) DEFAULT NULL,
  modified_by varchar(36) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  workspace_id varchar(36) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_subscriptions (
  block_type varchar(10) DEFAULT NULL,
  block_id varchar(36) NOT NULL,
  workspace_id varchar(36) DEFAULT NULL,
  subscriber_type varchar(10) DEFAULT NULL,
  subscriber_id varchar(36) NOT NULL,
  notified_at bigint(20) DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  PRIMARY KEY (block_id, subscriber_id),
  KEY idx_subscriptions_subscriber_id (subscriber_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_system_settings (
  id varchar(100) NOT NULL,
  value text DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_teams (
  id varchar(36) NOT NULL,
  signup_token varchar(100) NOT NULL,
  settings text DEFAULT NULL,
  modified_by varchar(36) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE focalboard_users (
  id varchar(100) NOT NULL,
  username varchar(100) DEFAULT NULL,
  email varchar(255) DEFAULT NULL,
  password varchar(100) DEFAULT NULL,
  mfa_secret varchar(100) DEFAULT NULL,
  auth_service varchar(20) DEFAULT NULL,
  auth_data varchar(255) DEFAULT NULL,
  props text DEFAULT NULL,
  create_at bigint(20) DEFAULT NULL,
  update_at bigint(20) DEFAULT NULL,
  delete_at bigint(20) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
