import 'server-only'
import { desc, eq } from 'drizzle-orm'
import { db } from '../client'
import { importRuns, users } from '../schema'

const columns = {
  id: importRuns.id,
  fileName: importRuns.fileName,
  source: importRuns.source,
  status: importRuns.status,
  progress: importRuns.progress,
  total: importRuns.total,
  startedAt: importRuns.startedAt,
  finishedAt: importRuns.finishedAt,
  startedByName: users.name,
}

export async function listImportRunsAdmin(limit = 20) {
  return db
    .select(columns)
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.startedBy))
    .orderBy(desc(importRuns.id))
    .limit(limit)
}

export async function getImportRunAdmin(id: number) {
  const [row] = await db
    .select({ ...columns, report: importRuns.report })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.startedBy))
    .where(eq(importRuns.id, id))
  return row
}
