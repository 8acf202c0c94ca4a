import Database from 'better-sqlite3'
import fs from 'node:fs'
const db = new Database('/work/prof/bench.db')
db.pragma('busy_timeout = 5000')
const sql = fs.readFileSync('drizzle/0009_fts_published_only.sql', 'utf8').split('--> statement-breakpoint')
let t = performance.now()
void sql
console.log('migration ms', (performance.now() - t).toFixed(0))
function time(label: string, q: string, ...p: unknown[]) { const s = db.prepare(q); s.all(...p); const n = 5; const st = performance.now(); let r: any[] = []; for (let i = 0; i < n; i++) r = s.all(...p); console.log(label, ((performance.now() - st) / n).toFixed(1), 'ms', r.length) ; for (const x of db.prepare('explain query plan ' + q).all(...p) as any[]) console.log('   ', x.detail) }
for (const m of ['"council"*', '"council" "budget"*']) {
  time('count ' + m, `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?`, m)
  time('rows ' + m, `SELECT a.id, snippet(articles_fts, -1, '[', ']', '…', 24) AS snippet, c.name FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN categories c ON c.id = a.category_id
    WHERE articles_fts MATCH ?1 AND a.status = 'published' AND f.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), rowid DESC LIMIT 10 OFFSET 0)
    ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), f.rowid DESC`.replaceAll('?1', '@m'), { m })
}
