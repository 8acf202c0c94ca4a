import Database from 'better-sqlite3'
const db = new Database('/work/prof/bench.db')
let t0 = performance.now()
db.exec(`CREATE INDEX IF NOT EXISTS articles_published_ids ON articles(id) WHERE status = 'published'`)
console.log('index', (performance.now() - t0).toFixed(0))
function t(label: string, sql: string, ...p: unknown[]) { const s = db.prepare(sql); const r = s.all(...p); const n = 5; const st = performance.now(); for (let i = 0; i < n; i++) s.all(...p); console.log(label, ((performance.now() - st) / n).toFixed(1), 'ms', JSON.stringify(r[0]).slice(0, 80)); for (const x of db.prepare('explain query plan ' + sql).all(...p) as any[]) console.log('   ', x.detail) }
const q = '"council"*'
t('count-exists', `SELECT count(*) AS n FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid IN (SELECT id FROM articles WHERE status = 'published')`, q)
t('count-join-indexed', `SELECT count(*) AS n FROM articles_fts f JOIN articles a INDEXED BY articles_published_ids ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.status = 'published'`, q)
