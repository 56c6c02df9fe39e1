-- When a learned role was last confirmed by traffic (packet time, µs); NULL for declared roles.
ALTER TABLE host_roles ADD COLUMN last_seen INTEGER;
UPDATE host_roles SET last_seen = first_seen WHERE source <> 'declared';
