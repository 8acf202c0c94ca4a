import Database from 'better-sqlite3'
const db = new Database('/work/prof/bench.db', { readonly: true })
function t(label: string, sql: string, ...p: unknown[]) { const s = db.prepare(sql); const r = s.all(...p); const n = 5; const st = performance.now(); for (let i = 0; i < n; i++) s.all(...p); console.log(label, ((performance.now() - st) / n).toFixed(1), 'ms', JSON.stringify(r[0]).slice(0, 80)) }
const q = '"council"*'
t('count', `SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.status = 'published'`, q)
t('count-fts-only', `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?`, q)
t('rank', `SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.status = 'published' ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), a.published_at DESC LIMIT 10`, q)
t('rank-fts', `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0) LIMIT 10`, q)
t('council budget count', `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?`, '"council" "budget"*')
