import type { Instrumentation } from 'next'

/**
 * A write that met a full disk or a read-only database in code that does not catch it (a one-click
 * back-office button, a reader's list button): recorded on the request like the forms' own
 * failures, so the front server sends Next's error response as a 503 with Retry-After instead of
 * a 500, and the failure counts once in the log and in /api/health/.
 */
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { reportWriteFailure, writeFailureOf } = await import('./lib/write-failure')
  const reason = writeFailureOf(error)
  if (reason) reportWriteFailure(reason, 'request')
}
