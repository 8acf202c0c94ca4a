import { disconnect, siteConnection } from './client'

/**
 * Closes the site database at shutdown, once the last write is done: the reader first, so the
 * writer is the last connection and its close checkpoints the WAL and removes it.
 */
export function closeDatabase() {
  disconnect(siteConnection)
}
