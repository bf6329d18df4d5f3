#pragma once
// The Boards (focalboard_*) and Playbooks (IR_*) plugins: the corpus has no SQL for them, so
// their MySQL tables come from tests/support/mattermost/{boards,playbooks}_mysql.sql (the
// layouts the plugins' own migrations leave, /work/notes/mattermost-schema.md §7.2, §7.3),
// and their rows from here. Internal to the seeder.
#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

void create_boards_tables(MysqlSession& session);
void create_playbooks_tables(MysqlSession& session);

// Boards, cards and views whose JSON lives in TEXT columns, some of it '' (planted).
void seed_boards(World& world, Rng& rng);
// Playbooks and runs with their checklists as JSON in TEXT, and long texts.
void seed_playbooks(World& world, Rng& rng);

}  // namespace m2pg::test::mattermost
