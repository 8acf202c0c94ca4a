// Structured logs: one JSON object per line on stdout/stderr, for any log collector to parse.
import cluster from 'node:cluster'

type Level = 'debug' | 'info' | 'warn' | 'error'

// Never written, whatever a caller passes: a log line must not hand out a way in.
const secretKey = /pass(word)?|secret|token|cookie|authorization|hash|csrf/i

function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message }
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  )
}

// In a worker group every line says which worker wrote it.
const worker = cluster.worker ? { worker: cluster.worker.id } : {}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    ...worker,
    ...(redact(fields) as object),
  })
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n')
  else process.stdout.write(line + '\n')
}
