-- An article's primary section is never also one of its secondary sections, whoever writes them:
-- the listings count an article once per section on that assumption (SQLite: drizzle/0011).
-- A BEFORE trigger returning NULL skips the row silently, as SQLite's RAISE(IGNORE) does.
CREATE FUNCTION "article_sections_not_primary_bi"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.category_id IS NOT DISTINCT FROM (SELECT category_id FROM articles WHERE id = NEW.article_id) THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "article_sections_not_primary_bi" BEFORE INSERT ON "article_sections" FOR EACH ROW
  EXECUTE FUNCTION article_sections_not_primary_bi();
--> statement-breakpoint
CREATE FUNCTION "articles_primary_section_au"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM article_sections WHERE article_id = NEW.id AND category_id = NEW.category_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "articles_primary_section_au" AFTER UPDATE OF category_id ON "articles" FOR EACH ROW
  WHEN (NEW.category_id IS NOT NULL) EXECUTE FUNCTION articles_primary_section_au();
