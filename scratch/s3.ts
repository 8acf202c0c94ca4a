import Database from 'better-sqlite3'
const db = new Database('/work/prof/bench.db')
function plan(sql: string, ...p: unknown[]) { for (const x of db.prepare('explain query plan ' + sql).all(...p) as any[]) console.log('   ', x.detail) }
function t(label: string, sql: string, ...p: unknown[]) { plan(sql, ...p); const s = db.prepare(sql); let st = performance.now(); const r = s.all(...p); console.log(label, (performance.now() - st).toFixed(1), 'ms', JSON.stringify(r[0]).slice(0, 80)) }
const q = '"council"*'
t('count-in', `SELECT count(*) AS n FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid IN (SELECT id FROM articles WHERE status = 'published')`, q)
t('count-unpub', `SELECT (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?) - (SELECT count(*) FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid IN (SELECT id FROM articles WHERE status <> 'published')) AS n`, q, q)
