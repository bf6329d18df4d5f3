-- The Playbooks plugin's (IR_*) MySQL tables as a public MySQL dump of a 7.10 install shows
-- them (plugin database version 0.63.0, kept in IR_System) with the columns of the plugin's
-- later Postgres layout (/work/notes/mattermost-schema.md §7.3). The long texts are TEXT here
-- and varchar(65535) on Postgres; ChecklistsJSON is TEXT here and json there.
CREATE TABLE IR_Incident (
  ID varchar(26) NOT NULL,
  Name varchar(1024) NOT NULL,
  Description varchar(4096) NOT NULL,
  IsActive tinyint(1) NOT NULL,
  CommanderUserID varchar(26) NOT NULL,
  TeamID varchar(26) NOT NULL,
  ChannelID varchar(26) NOT NULL,
  CreateAt bigint(20) NOT NULL,
  EndAt bigint(20) NOT NULL DEFAULT 0,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  ActiveStage bigint(20) NOT NULL,
  PostID varchar(26) NOT NULL DEFAULT '',
  PlaybookID varchar(26) NOT NULL DEFAULT '',
  ChecklistsJSON text NOT NULL,
  ActiveStageTitle varchar(1024) DEFAULT '',
  ReminderPostID varchar(26) DEFAULT NULL,
  BroadcastChannelID varchar(26) DEFAULT '',
  PreviousReminder bigint(20) NOT NULL DEFAULT 0,
  ReminderMessageTemplate text DEFAULT NULL,
  CurrentStatus varchar(1024) NOT NULL DEFAULT 'Active',
  ReporterUserID varchar(26) NOT NULL DEFAULT '',
  ConcatenatedInvitedUserIDs text DEFAULT NULL,
  DefaultCommanderID varchar(26) DEFAULT '',
  AnnouncementChannelID varchar(26) DEFAULT '',
  ConcatenatedWebhookOnCreationURLs text DEFAULT NULL,
  Retrospective text DEFAULT NULL,
  MessageOnJoin text DEFAULT NULL,
  RetrospectivePublishedAt bigint(20) NOT NULL DEFAULT 0,
  RetrospectiveReminderIntervalSeconds bigint(20) NOT NULL DEFAULT 0,
  RetrospectiveWasCanceled tinyint(1) DEFAULT 0,
  ConcatenatedWebhookOnStatusUpdateURLs text DEFAULT NULL,
  LastStatusUpdateAt bigint(20) DEFAULT 0,
  ExportChannelOnFinishedEnabled tinyint(1) NOT NULL DEFAULT 0,
  CategorizeChannelEnabled tinyint(1) DEFAULT 0,
  CategoryName text DEFAULT NULL,
  ConcatenatedBroadcastChannelIds text DEFAULT NULL,
  ChannelIDToRootID text DEFAULT NULL,
  ReminderTimerDefaultSeconds bigint(20) NOT NULL DEFAULT 0,
  StatusUpdateEnabled tinyint(1) DEFAULT 1,
  RetrospectiveEnabled tinyint(1) DEFAULT 1,
  StatusUpdateBroadcastChannelsEnabled tinyint(1) DEFAULT 0,
  StatusUpdateBroadcastWebhooksEnabled tinyint(1) DEFAULT 0,
  SummaryModifiedAt bigint(20) NOT NULL DEFAULT 0,
  CreateChannelMemberOnNewParticipant tinyint(1) DEFAULT 1,
  RemoveChannelMemberOnRemovedParticipant tinyint(1) DEFAULT 1,
  RunType varchar(32) DEFAULT 'playbook',
  ConcatenatedInvitedGroupIDs text DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY IR_Incident_TeamID (TeamID),
  KEY IR_Incident_TeamID_CommanderUserID (TeamID, CommanderUserID),
  KEY IR_Incident_ChannelID (ChannelID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_Playbook (
  ID varchar(26) NOT NULL,
  Title varchar(1024) NOT NULL,
  Description varchar(4096) NOT NULL,
  TeamID varchar(26) NOT NULL,
  CreatePublicIncident tinyint(1) NOT NULL,
  CreateAt bigint(20) NOT NULL,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  ChecklistsJSON text NOT NULL,
  NumStages bigint(20) NOT NULL DEFAULT 0,
  NumSteps bigint(20) NOT NULL DEFAULT 0,
  BroadcastChannelID varchar(26) DEFAULT '',
  ReminderMessageTemplate text DEFAULT NULL,
  ReminderTimerDefaultSeconds bigint(20) NOT NULL DEFAULT 0,
  ConcatenatedInvitedUserIDs text DEFAULT NULL,
  InviteUsersEnabled tinyint(1) DEFAULT 0,
  DefaultCommanderID varchar(26) DEFAULT '',
  DefaultCommanderEnabled tinyint(1) DEFAULT 0,
  AnnouncementChannelID varchar(26) DEFAULT '',
  AnnouncementChannelEnabled tinyint(1) DEFAULT 0,
  ConcatenatedWebhookOnCreationURLs text DEFAULT NULL,
  WebhookOnCreationEnabled tinyint(1) DEFAULT 0,
  MessageOnJoin text DEFAULT NULL,
  MessageOnJoinEnabled tinyint(1) DEFAULT 0,
  RetrospectiveReminderIntervalSeconds bigint(20) NOT NULL DEFAULT 0,
  RetrospectiveTemplate text DEFAULT NULL,
  ConcatenatedWebhookOnStatusUpdateURLs text DEFAULT NULL,
  WebhookOnStatusUpdateEnabled tinyint(1) DEFAULT 0,
  ConcatenatedSignalAnyKeywords text DEFAULT NULL,
  SignalAnyKeywordsEnabled tinyint(1) DEFAULT 0,
  UpdateAt bigint(20) NOT NULL DEFAULT 0,
  ExportChannelOnFinishedEnabled tinyint(1) NOT NULL DEFAULT 0,
  CategorizeChannelEnabled tinyint(1) DEFAULT 0,
  CategoryName text DEFAULT NULL,
  ConcatenatedBroadcastChannelIds text DEFAULT NULL,
  BroadcastEnabled tinyint(1) DEFAULT 0,
  RunSummaryTemplate text DEFAULT NULL,
  ChannelNameTemplate text DEFAULT NULL,
  Public tinyint(1) DEFAULT 0,
  ChannelMode varchar(32) DEFAULT 'create_new_channel',
  ChannelID varchar(26) DEFAULT '',
  ConcatenatedInvitedGroupIDs text DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY IR_Playbook_TeamID (TeamID),
  KEY IR_Playbook_UpdateAt (UpdateAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_PlaybookMember (
  PlaybookID varchar(26) NOT NULL,
  MemberID varchar(26) NOT NULL,
  Roles text DEFAULT NULL,
  UNIQUE KEY IR_PlaybookMember_PlaybookID_MemberID (PlaybookID, MemberID),
  KEY IR_PlaybookMember_MemberID (MemberID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_PlaybookAutoFollow (
  PlaybookID varchar(26) NOT NULL,
  UserID varchar(26) NOT NULL,
  PRIMARY KEY (PlaybookID, UserID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_ChannelAction (
  ID varchar(26) NOT NULL,
  ChannelID varchar(26) DEFAULT NULL,
  Enabled tinyint(1) DEFAULT 0,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  ActionType text NOT NULL,
  TriggerType text NOT NULL,
  Payload json NOT NULL,
  PRIMARY KEY (ID),
  KEY IR_ChannelAction_ChannelID (ChannelID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_Category (
  ID varchar(26) NOT NULL,
  Name varchar(512) NOT NULL,
  TeamID varchar(26) NOT NULL,
  UserID varchar(26) NOT NULL,
  Collapsed tinyint(1) DEFAULT 0,
  CreateAt bigint(20) NOT NULL,
  UpdateAt bigint(20) NOT NULL DEFAULT 0,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (ID),
  KEY IR_Category_TeamID_UserID (TeamID, UserID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_Category_Item (
  Type varchar(1) NOT NULL,
  CategoryID varchar(26) NOT NULL,
  ItemID varchar(26) NOT NULL,
  PRIMARY KEY (CategoryID, ItemID, Type),
  KEY IR_Category_Item_CategoryID (CategoryID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_MetricConfig (
  ID varchar(26) NOT NULL,
  PlaybookID varchar(26) NOT NULL,
  Title varchar(512) NOT NULL,
  Description varchar(4096) NOT NULL,
  Type varchar(32) NOT NULL,
  Target bigint(20) DEFAULT NULL,
  Ordering tinyint(4) NOT NULL DEFAULT 0,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (ID),
  KEY IR_MetricConfig_PlaybookID (PlaybookID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_Metric (
  IncidentID varchar(26) NOT NULL,
  MetricConfigID varchar(26) NOT NULL,
  Value bigint(20) DEFAULT NULL,
  Published tinyint(1) NOT NULL,
  PRIMARY KEY (IncidentID, MetricConfigID),
  KEY IR_Metric_IncidentID (IncidentID),
  KEY IR_Metric_MetricConfigID (MetricConfigID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_Run_Participants (
  IncidentID varchar(26) NOT NULL,
  UserID varchar(26) NOT NULL,
  IsFollower tinyint(1) NOT NULL DEFAULT 0,
  IsParticipant tinyint(1) DEFAULT 0,
  PRIMARY KEY (IncidentID, UserID),
  KEY IR_Run_Participants_IncidentID (IncidentID),
  KEY IR_Run_Participants_UserID (UserID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_StatusPosts (
  IncidentID varchar(26) NOT NULL,
  PostID varchar(26) NOT NULL,
  PRIMARY KEY (IncidentID, PostID),
  KEY IR_StatusPosts_IncidentID (IncidentID),
  KEY IR_StatusPosts_PostID (PostID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_TimelineEvent (
  ID varchar(26) NOT NULL,
  IncidentID varchar(26) NOT NULL,
  CreateAt bigint(20) NOT NULL,
  DeleteAt bigint(20) NOT NULL DEFAULT 0,
  EventAt bigint(20) NOT NULL,
  EventType varchar(32) NOT NULL DEFAULT '',
  Summary varchar(256) NOT NULL DEFAULT '',
  Details varchar(4096) NOT NULL DEFAULT '',
  PostID varchar(26) NOT NULL DEFAULT '',
  SubjectUserID varchar(26) NOT NULL DEFAULT '',
  CreatorUserID varchar(26) NOT NULL DEFAULT '',
  PRIMARY KEY (ID),
  KEY IR_TimelineEvent_IncidentID (IncidentID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_System (
  SKey varchar(64) NOT NULL,
  SValue varchar(1024) DEFAULT NULL,
  PRIMARY KEY (SKey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_UserInfo (
  ID varchar(26) NOT NULL,
  LastDailyTodoDMAt bigint(20) DEFAULT NULL,
  DigestNotificationSettingsJSON json DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IR_ViewedChannel (
  ChannelID varchar(26) NOT NULL,
  UserID varchar(26) NOT NULL,
  PRIMARY KEY (ChannelID, UserID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
