import { sqlite } from './client'

/** Closes the site database at shutdown, once the last write is done, so the WAL is checkpointed cleanly. */
export function closeDatabase() {
  sqlite.close()
}
