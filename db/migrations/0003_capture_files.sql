-- Which frames of a capture each file on disk holds: a live capture with a ring buffer keeps its raw
-- packets in several files (frame numbers are the capture's, first_frame..last_frame inclusive).
-- Rows stay after the ring deletes a file, so the slice of an old alert can say what was lost.
CREATE TABLE capture_files (
  capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  path        TEXT NOT NULL,
  first_frame INTEGER NOT NULL,
  last_frame  INTEGER NOT NULL,
  PRIMARY KEY (capture_id, path)
);
CREATE INDEX capture_files_frames ON capture_files(capture_id, first_frame);
