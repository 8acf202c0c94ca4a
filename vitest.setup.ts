import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Each test file runs in its own worker with its own SQLite file, built from the migrations.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-test-'))
process.env.DATABASE_PATH = path.join(dir, 'test.db')
process.env.UPLOADS_DIR = path.join(dir, 'uploads')
// The site always runs with a secret (scripts/prepare.ts makes one), and digest links and comment
// stamps are signed with it; a secret configured in the shell is kept.
process.env.AUTH_SECRET ??= 'unit-test-secret-of-at-least-32-characters'
