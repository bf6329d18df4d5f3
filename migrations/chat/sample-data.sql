-- Sample chat data with the cases that break other migration tools. Loaded by
-- scripts/load-sample.sh after the mysql/ migrations; runs with sql_mode = '' so the
-- zero dates that old MySQL versions allowed can be stored.
SET SESSION sql_mode = '';
SET NAMES utf8mb4;

INSERT INTO Teams VALUES
 ('team0000000000000000000001', 1700000000000, 'Ops & Friends', 'ops', 'The "ops" team; it''s busy', 'O', 1),
 ('team0000000000000000000002', 1700000000001, 'Équipe Ünïcödé', 'equipe', 'Ça marche — naïve café', 'I', 0);

INSERT INTO Users VALUES
 ('user0000000000000000000001', 1700000000000, 1700000000500, 0, 'alice', 'alice@example.com', 1, 'Al',
  'SRE', 'system_user system_admin', '{"theme":"dark"}', '{"email":"true","push":"mention"}',
  '{"useAutomaticTimezone":"true","automaticTimezone":"Europe/Berlin"}', 'en', '2024-02-29 12:00:00', 0, NULL),
 ('user0000000000000000000002', 1700000000100, 1700000000600, 0, 'bob', 'bob@example.com', 0, 'Bobby "Tables"',
  'Robert''); DROP TABLE Users;--', 'system_user', '{"note":"bad escape \\u0000 inside"}', NULL, NULL, 'de',
  NULL, 1, NULL),
 ('user0000000000000000000003', 1700000000200, 1700000000700, 0, 'zoë', 'zoe@example.com', 1, 'زوئی',
  'مهندس', 'system_user', NULL, NULL, NULL, 'fa', '1999-12-31 23:59:59', 0, 'remote00000000000000000001');

INSERT INTO Channels VALUES
 ('chan0000000000000000000001', 1700000000000, 0, 'team0000000000000000000001', 'O', 'Town Square',
  'town-square', 'Welcome! 👋', 'General chatter', 1700000009000, 18446744073709551615),
 ('chan0000000000000000000002', 1700000000000, 0, 'team0000000000000000000002', 'P', 'Café ☕',
  'cafe', NULL, 'Pause café', 1700000008000, 0);

INSERT INTO ChannelMembers VALUES
 ('chan0000000000000000000001', 'user0000000000000000000001', 'channel_user', 1700000009000, 12,
  '{"desktop":"default","mark_unread":"all"}'),
 ('chan0000000000000000000001', 'user0000000000000000000002', 'channel_user', 1700000008000, 3,
  '{"desktop":"mention","note":"\\u0000"}'),
 ('chan0000000000000000000002', 'user0000000000000000000003', 'channel_user channel_admin', 0, 0, NULL);

INSERT INTO Posts VALUES
 ('post0000000000000000000001', 1700000001000, 1700000001000, 0, 0, 0, 'user0000000000000000000001',
  'chan0000000000000000000001', '', 'Hello world! The quick brown fox jumps over the lazy dog.', '',
  '{}', '', '[]'),
 ('post0000000000000000000002', 1700000002000, 1700000002000, 0, 0, 1, 'user0000000000000000000002',
  'chan0000000000000000000001', 'post0000000000000000000001',
  CONCAT('a NUL byte here:', CHAR(0), ':and the text after it must survive'), '',
  '{"from_webhook":"true"}', '', '[]'),
 ('post0000000000000000000003', 1700000003000, 1700000003000, 0, 0, 0, 'user0000000000000000000003',
  'chan0000000000000000000002', '', 'Emoji 🎉🐘🦭 and RTL: مرحبا بالعالم, combining: é (e + U+0301), 𝕏 math',
  '', '{"attachments":[{"text":"日本語テキスト"}]}', '#emoji #rtl', '[]'),
 ('post0000000000000000000004', 1700000004000, 1700000004000, 0, 0, 0, 'user0000000000000000000001',
  'chan0000000000000000000001', '', 'Backslash \\ quote '' double " tab\there newline\nthere \\N not null',
  'system_join_channel', '{"props":"json with \\"quotes\\" and \\\\ backslash"}', '', '[]'),
 ('post0000000000000000000005', 1700000005000, 1700000005000, 0, 1700000006000, 0, 'user0000000000000000000002',
  'chan0000000000000000000001', '', 'deleted elephant migration notes about postgres', '', NULL,
  '#postgres #migration', '["file0000000000000000000001"]');

INSERT INTO Reactions VALUES
 ('user0000000000000000000001', 'post0000000000000000000003', 'tada', 1700000003500),
 ('user0000000000000000000002', 'post0000000000000000000003', '+1', 1700000003600),
 ('user0000000000000000000003', 'post0000000000000000000001', 'wave', 1700000001500);

INSERT INTO FileInfo VALUES
 ('file0000000000000000000001', 'user0000000000000000000002', 'post0000000000000000000005', 1700000005000,
  'data/2023/11/file1/report.pdf', 'migration report.pdf', 'pdf', 123456, 'application/pdf', NULL, NULL, 0,
  'PostgreSQL migration report: elephants never forget a row.', UNHEX(SHA2('report', 256)));

INSERT INTO focalboard_blocks VALUES
 ('block1', '2024-01-02 03:04:05.123456', '', 1, 'board', 'Roadmap 🗺️', '{"icon":"🗺️"}', 1, 2, 0, 'board1');

INSERT INTO IR_Incident VALUES
 ('incident000000000000000001', 'Database outage', 'Primary failed over', 1, 'user0000000000000000000001',
  1700000000000, 0, '[{"title":"Checklist","items":[]}]', 3600);

INSERT INTO calls_sessions VALUES
 ('call0000000000000000000001', 'callid00000000000000000001', 'user0000000000000000000001', 1700000000000, 1, 0,
  '838:59:59'),
 ('call0000000000000000000002', 'callid00000000000000000001', 'user0000000000000000000002', 1700000000000, 0, 0,
  '-12:30:00'),
 ('call0000000000000000000003', 'callid00000000000000000001', 'user0000000000000000000003', 1700000000000, 0, 0,
  NULL);

INSERT INTO schema_migrations VALUES (1, 0);

INSERT INTO Audits VALUES
 ('audit00000000000000000001', 1700000000000, 'user0000000000000000000001', '/api/v4/users/login', 'success',
  '127.0.0.1', 'sess0000000000000000000001'),
 ('audit00000000000000000001', 1700000000000, 'user0000000000000000000001', '/api/v4/users/login', 'success',
  '127.0.0.1', 'sess0000000000000000000001');

INSERT INTO LegacyImports VALUES
 (1, 'café crème', '0000-00-00 00:00:00', '0000-00-00', 'archived,pinned', b'10100101', 1999,
  '12345678901234567890123456789012345.123456789012345678901234567890', 1.7976931348623157e308),
 (2, 'partial zero', '2024-00-15 10:00:00', '2024-02-00', '', b'00000000', 2155, '-0.000000000000000000000000000001',
  -2.2250738585072014e-308),
 (18446744073709551615, 'max unsigned', '0009-12-04 00:00:00', '9999-12-31', 'hidden', NULL, NULL, NULL, NULL);
