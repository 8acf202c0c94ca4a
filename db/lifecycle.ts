import { disconnect, siteConnection } from './client'

/**
 * Closes the site database at shutdown, once the last write is done. On SQLite the reader goes
 * first, so the writer is the last connection and its close checkpoints the WAL and removes it;
 * on PostgreSQL the pool ends its connections.
 */
export async function closeDatabase() {
  await disconnect(siteConnection)
}
