import Database from 'better-sqlite3'
const db = new Database('/work/prof/bench.db', { readonly: true })
function t(label: string, sql: string, ...p: unknown[]) { for (const x of db.prepare('explain query plan ' + sql).all(...p) as any[]) console.log('   ', x.detail); const s = db.prepare(sql); let st = performance.now(); const r = s.all(...p); console.log(label, (performance.now() - st).toFixed(1), 'ms', r.length, JSON.stringify(r[0]).slice(0, 100)) }
const q = process.argv[2] ?? '"council"*'
t('count', `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?`, q)
t('top', `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), rowid DESC LIMIT 10 OFFSET 0`, q)
t('top+snippet', `WITH top AS (SELECT rowid AS id, bm25(articles_fts, 8.0, 3.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY score, rowid DESC LIMIT 10 OFFSET 0)
  SELECT a.id, a.slug, a.title, a.published_at, snippet(articles_fts, -1, '[', ']', '…', 24) AS snippet, c.name
  FROM top JOIN articles_fts f ON f.rowid = top.id JOIN articles a ON a.id = top.id LEFT JOIN categories c ON c.id = a.category_id
  WHERE articles_fts MATCH ?1 ORDER BY top.score, top.id DESC`, q)
