-- Full-text search over published and unpublished articles alike; queries filter on status.
-- External-content FTS5 table kept in sync by triggers, so the text is stored once.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
  title, standfirst, body_text,
  content='articles', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ai` AFTER INSERT ON `articles` BEGIN
  INSERT INTO articles_fts(rowid, title, standfirst, body_text) VALUES (new.id, new.title, new.standfirst, new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ad` AFTER DELETE ON `articles` BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body_text) VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_au` AFTER UPDATE OF title, standfirst, body_text ON `articles` BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body_text) VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
  INSERT INTO articles_fts(rowid, title, standfirst, body_text) VALUES (new.id, new.title, new.standfirst, new.body_text);
END;
