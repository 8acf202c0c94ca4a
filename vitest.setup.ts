import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Each test file runs in its own worker with its own SQLite file, built from the migrations.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-test-'))
process.env.DATABASE_PATH = path.join(dir, 'test.db')
process.env.UPLOADS_DIR = path.join(dir, 'uploads')
