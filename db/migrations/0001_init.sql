-- ReconLens store, version 1. Append-only: never edit a shipped migration, add 0002_<name>.sql.
-- Times are packet times in microseconds since the Unix epoch (INTEGER), except *_at columns which
-- are wall-clock times of analyst actions (ISO 8601 text).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL            -- JSON
);

CREATE TABLE captures (
  id             INTEGER PRIMARY KEY,
  file           TEXT NOT NULL,   -- the path as given
  sha256         TEXT,            -- NULL until known; unique among completed imports (see index)
  size           INTEGER NOT NULL DEFAULT 0,
  format         TEXT,            -- pcap | pcapng
  live           INTEGER NOT NULL DEFAULT 0,
  sample         INTEGER NOT NULL DEFAULT 0,   -- the bundled sample capture (UI badges it)
  link_types     TEXT NOT NULL DEFAULT '[]',   -- JSON array of numbers
  packets        INTEGER NOT NULL DEFAULT 0,
  bytes          INTEGER NOT NULL DEFAULT 0,
  first_packet   INTEGER,
  last_packet    INTEGER,
  last_frame     INTEGER NOT NULL DEFAULT 0,   -- progress: last frame written
  skipped        TEXT NOT NULL DEFAULT '{}',   -- JSON {reason: n}
  skipped_frames TEXT NOT NULL DEFAULT '{}',   -- JSON {reason: [frames]}
  blind_spots    TEXT NOT NULL DEFAULT '{"smb3EncryptedFrames":0,"rpcEncryptedPdus":0,"tcpGaps":0}',
  blind_pairs    TEXT NOT NULL DEFAULT '{}',   -- JSON {"client>server": {kind: n}}
  decode_errors  TEXT NOT NULL DEFAULT '{}',
  protocols      TEXT NOT NULL DEFAULT '{}',
  status         TEXT NOT NULL CHECK (status IN ('importing', 'complete', 'interrupted', 'failed')),
  message        TEXT,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  duration_ms    INTEGER,
  pid            INTEGER           -- process importing it; a dead pid while 'importing' means interrupted
);
CREATE INDEX captures_sha256 ON captures(sha256);
-- One completed import per file content: the guard behind idempotent re-imports.
CREATE UNIQUE INDEX captures_sha256_complete ON captures(sha256) WHERE status = 'complete';

CREATE TABLE hosts (
  ip          TEXT PRIMARY KEY,
  first_seen  INTEGER,
  last_seen   INTEGER
);

CREATE TABLE host_names (
  ip         TEXT NOT NULL,
  name       TEXT NOT NULL,
  source     TEXT NOT NULL,        -- dns | nbns | llmnr | mdns | dhcp | kerberos | ntlmssp | ...
  first_seen INTEGER,
  last_seen  INTEGER,
  -- the capture that first taught it (NULL: declared); deleting that capture forgets it
  capture_id INTEGER REFERENCES captures(id) ON DELETE CASCADE,
  PRIMARY KEY (ip, name, source)
);
CREATE INDEX host_names_capture ON host_names(capture_id);

CREATE TABLE host_roles (
  ip         TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('dc', 'dns-server')),
  source     TEXT NOT NULL,        -- declared | kerberos-answer | dns-answers | ...
  detail     TEXT,
  first_seen INTEGER,
  capture_id INTEGER REFERENCES captures(id) ON DELETE CASCADE,   -- NULL: declared in settings
  PRIMARY KEY (ip, role, source)
);
CREATE INDEX host_roles_capture ON host_roles(capture_id);

CREATE TABLE accounts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,        -- bare account name as seen on the wire
  name_key   TEXT NOT NULL UNIQUE, -- lower(name), for lookups
  domain     TEXT,
  rid        INTEGER,
  tagged     INTEGER NOT NULL DEFAULT 0,   -- the analyst tagged it sensitive
  tag_note   TEXT,
  sensitive_reason TEXT,           -- why it is sensitive: 'RID 512', 'member of Domain Admins', 'tagged'
  first_seen INTEGER,
  last_seen  INTEGER
);
CREATE INDEX accounts_tagged ON accounts(name_key) WHERE tagged = 1;

CREATE TABLE activities (
  id            INTEGER PRIMARY KEY,
  capture_id    INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,     -- krb-as | krb-tgs | dns-xfer | srvsvc-sessenum | samr
  ts            INTEGER NOT NULL,
  src           TEXT NOT NULL,
  dst           TEXT NOT NULL,
  account       TEXT,              -- lower-case account the activity is about/by (cname, session user)
  first_frame   INTEGER,
  frames        TEXT NOT NULL,     -- JSON array
  data          TEXT NOT NULL,     -- JSON of the whole activity
  suppressed_by INTEGER REFERENCES exclusions(id) ON DELETE SET NULL
);
CREATE INDEX activities_ts ON activities(ts);
CREATE INDEX activities_src ON activities(src, ts);
CREATE INDEX activities_dst ON activities(dst, ts);
CREATE INDEX activities_kind ON activities(kind, ts);
CREATE INDEX activities_capture ON activities(capture_id);
CREATE INDEX activities_account ON activities(account);
CREATE INDEX activities_suppressed ON activities(suppressed_by) WHERE suppressed_by IS NOT NULL;

CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  detection      TEXT NOT NULL CHECK (detection IN ('2003', '2007', '2012', '2021')),
  source         TEXT NOT NULL,
  target         TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'closed', 'reopened')),
  classification TEXT CHECK (classification IN ('tp', 'btp', 'fp')),
  severity       TEXT NOT NULL,
  title          TEXT NOT NULL,
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  exposed        TEXT NOT NULL DEFAULT '[]',   -- JSON array of account names
  exposed_count  INTEGER NOT NULL DEFAULT 0,
  sensitive_count INTEGER NOT NULL DEFAULT 0,
  details        TEXT NOT NULL DEFAULT '{}',   -- JSON
  notes          TEXT NOT NULL DEFAULT '[]',   -- JSON: detector notes (e.g. no baseline)
  activity_count INTEGER NOT NULL DEFAULT 0,
  sample         INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX alerts_last_seen ON alerts(last_seen DESC, id DESC);
CREATE INDEX alerts_key ON alerts(detection, source, target, status);
CREATE INDEX alerts_status ON alerts(status, last_seen DESC);
CREATE INDEX alerts_source ON alerts(source);
CREATE INDEX alerts_target ON alerts(target);

-- Evidence: which activities support which alert.
CREATE TABLE alert_activities (
  alert_id    INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  PRIMARY KEY (alert_id, activity_id)
) WITHOUT ROWID;
CREATE INDEX alert_activities_activity ON alert_activities(activity_id);

CREATE TABLE alert_notes (
  id        INTEGER PRIMARY KEY,
  alert_id  INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  author    TEXT NOT NULL,
  text      TEXT NOT NULL,
  at        TEXT NOT NULL
);

CREATE TABLE exclusions (
  id          INTEGER PRIMARY KEY,
  detection   TEXT NOT NULL CHECK (detection IN ('all', '2003', '2007', '2012', '2021')),
  kind        TEXT NOT NULL CHECK (kind IN ('ip', 'cidr', 'host', 'account')),
  value       TEXT NOT NULL,
  note        TEXT,
  author      TEXT NOT NULL,
  from_alert  INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT              -- NULL while active; removal keeps the row for the audit trail
);
CREATE INDEX exclusions_active ON exclusions(detection) WHERE removed_at IS NULL;

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  author    TEXT NOT NULL,
  action    TEXT NOT NULL,      -- close | reopen | close-and-exclude | undo | exclusion-add | exclusion-remove | close-prevented | note | tag | capture-delete | retention | settings | restore
  alert_id  INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
  exclusion_id INTEGER REFERENCES exclusions(id) ON DELETE SET NULL,
  from_state TEXT,              -- JSON
  to_state   TEXT,              -- JSON
  reason     TEXT,
  undo_of    INTEGER REFERENCES audit(id),   -- set on an 'undo' row: the entry it reverted
  group_id   INTEGER                          -- entries written by one call share the first entry's id
);
CREATE INDEX audit_alert ON audit(alert_id);
CREATE INDEX audit_undo ON audit(undo_of) WHERE undo_of IS NOT NULL;
CREATE INDEX audit_group ON audit(group_id);

-- What each exclusion stopped: one row per (exclusion, capture, alert key) whose updates it suppressed.
CREATE TABLE exclusion_hits (
  exclusion_id INTEGER NOT NULL REFERENCES exclusions(id) ON DELETE CASCADE,
  capture_id   INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  detection    TEXT NOT NULL,
  source       TEXT NOT NULL,
  target       TEXT NOT NULL,
  first_ts     INTEGER NOT NULL,
  last_ts      INTEGER NOT NULL,
  updates      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (exclusion_id, capture_id, detection, source, target)
) WITHOUT ROWID;
CREATE INDEX exclusion_hits_capture ON exclusion_hits(capture_id);

-- SAMR learning (2021), per DC, in packet time; persisted so that runs continue each other.
-- capture_id: the capture that taught it, so that removing an interrupted or deleted import forgets it.
CREATE TABLE samr_learning (
  dc          TEXT PRIMARY KEY,
  start_ts    INTEGER NOT NULL,
  capture_id  INTEGER REFERENCES captures(id) ON DELETE CASCADE
);
CREATE TABLE samr_baseline (
  dc        TEXT NOT NULL,
  source    TEXT NOT NULL,
  class     TEXT NOT NULL,
  first_ts  INTEGER NOT NULL,
  capture_id INTEGER REFERENCES captures(id) ON DELETE CASCADE,
  PRIMARY KEY (dc, source, class)
) WITHOUT ROWID;
CREATE INDEX samr_learning_capture ON samr_learning(capture_id);
CREATE INDEX samr_baseline_capture ON samr_baseline(capture_id);
