-- One spelling for the cadence: Spaces said "ad hoc" where templates say "ad-hoc"; both now say "ad-hoc".
UPDATE "spaces" SET "cadence" = 'ad-hoc' WHERE "cadence" = 'ad hoc';
