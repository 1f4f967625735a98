-- Store Monitor's PostgreSQL schema for the Orleans ADO.NET providers (grain storage, clustering, reminders).
-- Applied at every start inside one transaction that holds an advisory lock, so it must stay re-runnable:
-- only CREATE ... IF NOT EXISTS here. Times are timestamptz because Orleans passes UTC DateTimes.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL);

-- Grain state. A NULL key extension is stored as '' so the primary key covers every grain exactly once.
CREATE TABLE IF NOT EXISTS OrleansStorage (
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    ServiceId varchar(150) NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamptz NOT NULL,
    Version integer NOT NULL,
    CONSTRAINT PK_OrleansStorage PRIMARY KEY (
        GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId));

-- Only the emptied rows of cleared states, which the silos delete once they are old (ClearedStatePurge).
CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Cleared ON OrleansStorage (ModifiedOn) WHERE PayloadBinary IS NULL;

-- Cluster membership: one version row per cluster, bumped by every membership change (optimistic concurrency).
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp timestamptz NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
    DeploymentId varchar(150) NOT NULL,
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName varchar(150) NOT NULL,
    HostName varchar(150) NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation));

-- Reminders: the silo that owns a grain's hash range fires its reminders, wherever the grain was active before.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable (
    ServiceId varchar(150) NOT NULL,
    GrainId varchar(1024) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime timestamptz NOT NULL,
    Period bigint NOT NULL,
    GrainHash integer NOT NULL,
    Version integer NOT NULL,
    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName));

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);
