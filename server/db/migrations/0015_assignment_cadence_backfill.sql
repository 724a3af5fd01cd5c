-- Issue 12: assignments and cadences are versioned by effective date.
-- Existing assignments hold from the day they were created (China date), or
-- from the holder's first finished patrol of the place when that is earlier:
-- editing a person's places used to delete and re-create the rows, so
-- created_at can be later than the work that shows who held the place.
UPDATE place_assignments pa SET valid_from = least((pa.created_at AT TIME ZONE 'Asia/Shanghai')::date,
  coalesce((SELECT min(i.on_date) FROM inspections i
    WHERE i.inspector_id = pa.person_id AND i.place_id = pa.place_id AND i.kind = 'patrol' AND i.state = 'finished'), 'infinity'::date));
--> statement-breakpoint
-- The cadence settings become version 1 of each region's cadence, in force
-- since 2000-01-01 (nothing says they were different before); the settings
-- keys go, so there is one place a cadence is read from.
INSERT INTO inspection_cadences (region_code, version, cadence, effective_from, note)
  SELECT CASE WHEN key = 'inspections.cadence' THEN '' ELSE substr(key, length('inspections.cadence:') + 1) END, 1, value, DATE '2000-01-01', '由原巡查频次设置转入'
  FROM settings WHERE key = 'inspections.cadence' OR key LIKE 'inspections.cadence:%';
--> statement-breakpoint
DELETE FROM settings WHERE key = 'inspections.cadence' OR key LIKE 'inspections.cadence:%';
