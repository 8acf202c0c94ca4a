-- Only published articles are in the full-text index, so a search counts and ranks its matches on
-- the index alone instead of reading every matching article's row to check its status (a row
-- whose status sits behind its body's overflow pages). Never run FTS5's 'rebuild' on this table:
-- it would index every article of the content table, drafts included.
DROP TRIGGER `articles_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_au`;
--> statement-breakpoint
INSERT INTO articles_fts(articles_fts) VALUES ('delete-all');
--> statement-breakpoint
INSERT INTO articles_fts(rowid, title, standfirst, body_text)
  SELECT id, title, standfirst, body_text FROM articles WHERE status = 'published';
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ai` AFTER INSERT ON `articles` WHEN new.status = 'published' BEGIN
  INSERT INTO articles_fts(rowid, title, standfirst, body_text) VALUES (new.id, new.title, new.standfirst, new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ad` AFTER DELETE ON `articles` WHEN old.status = 'published' BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body_text) VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_au` AFTER UPDATE OF title, standfirst, body_text, status ON `articles` BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body_text)
    SELECT 'delete', old.id, old.title, old.standfirst, old.body_text WHERE old.status = 'published';
  INSERT INTO articles_fts(rowid, title, standfirst, body_text)
    SELECT new.id, new.title, new.standfirst, new.body_text WHERE new.status = 'published';
END;
