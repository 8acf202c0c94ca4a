-- Purge events must become visible in id order: every server polls "id > the last id I applied".
-- SQLite has one writer at a time, so its ids commit in order. PostgreSQL hands out identity values
-- as rows are inserted, and a transaction that took id 10 may commit after one that took id 11; a
-- poll in between would move past 11 and never see 10, leaving a stale page cached. So the first
-- insert of a transaction into cache_purges waits for a transaction-scoped advisory lock, held until
-- that transaction ends, before any id is drawn (a statement trigger runs before the rows' defaults
-- are evaluated): ids are drawn and committed one transaction after another, as on SQLite. Writers
-- whose changes purge nothing do not take it.
CREATE FUNCTION "cache_purges_in_commit_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7346202);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "cache_purges_in_commit_order" BEFORE INSERT ON "cache_purges"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache_purges_in_commit_order"();
