import os from 'node:os'
import { z } from 'zod'

// An empty variable (FOO= in a shell or .env file) means "not set", not "set to nothing".
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

/** An AES key as Next.js takes it: base64 of 16, 24 or 32 bytes. */
function isActionsKey(value: string) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false
  return [16, 24, 32].includes(Buffer.from(value, 'base64').length)
}

/** A whole number within bounds, with one message for every way a value can miss them. */
function wholeNumber(min: number, max: number, unit?: string) {
  const error = `must be a whole number ${unit ? `of ${unit} ` : ''}from ${min} to ${max}`
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error })
}

const envSchema = z
  .object({
    DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/gazette.db')),
    // Chooses PostgreSQL over the SQLite file; DATABASE_PATH then only anchors the data folder
    // (uploads, outbox, imports, backups of uploads).
    DATABASE_URL: opt(
      z.url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a postgres:// URL such as postgres://gazette:secret@db.example.com:5432/gazette',
      }),
    ),
    // Connections each process may hold open to PostgreSQL.
    DATABASE_POOL_SIZE: z.preprocess(blankToUndefined, wholeNumber(1, 100).default(10)),
    // How long a SQLite write waits for another process's lock (an import, the sqlite3 shell)
    // before it fails and the writer gets a 503.
    DATABASE_BUSY_TIMEOUT_MS: z.preprocess(blankToUndefined, wholeNumber(100, 60_000, 'milliseconds').default(5000)),
    UPLOADS_DIR: opt(z.string()),
    // Media on S3-compatible object storage instead of UPLOADS_DIR, so that any host behind a load
    // balancer serves what any other stored. Without keys the AWS SDK's own chain is used
    // (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance or task role).
    S3_BUCKET: opt(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: 'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
      }),
    ),
    S3_REGION: opt(z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a region name such as eu-west-1' })),
    S3_ENDPOINT: opt(
      z.url({
        protocol: /^https?$/,
        error:
          'must be an http(s) URL of an S3-compatible store, such as https://s3.example.com or http://127.0.0.1:9000',
      }),
    ),
    S3_ACCESS_KEY_ID: opt(z.string()),
    S3_SECRET_ACCESS_KEY: opt(z.string()),
    PORT: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: 'must be a port number from 1 to 65535' }).int().min(1).max(65535).default(3000),
    ),
    SITE_URL: opt(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://news.example.com' })),
    ADMIN_EMAIL: opt(z.email({ error: 'must be an e-mail address' })),
    ADMIN_PASSWORD: opt(z.string().min(10, { error: 'must be at least 10 characters' })),
    AUTH_SECRET: opt(z.string().min(32, { error: 'must be at least 32 characters' })),
    SMTP_URL: opt(
      z.url({
        protocol: /^smtps?$/,
        error: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587',
      }),
    ),
    MAIL_FROM: opt(z.string().regex(/@/, { error: 'must be an address such as "Gazette <news@example.com>"' })),
    MAIL_OUTBOX_DIR: opt(z.string()),
    SUMMARY_API_URL: opt(
      z.url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL of an OpenAI-compatible API, such as https://llm.example.com/v1',
      }),
    ),
    SUMMARY_API_KEY: opt(z.string()),
    SUMMARY_MODEL: opt(z.string()),
    // Only behind a reverse proxy that sets X-Forwarded-For/-Host/-Proto itself: otherwise any
    // client could choose its own address and host.
    AUTH_GOOGLE_ID: opt(z.string()),
    AUTH_GOOGLE_SECRET: opt(z.string()),
    BACKUP_DIR: opt(z.string()),
    // One process per core by default; 1 serves from a single process, as a small host may prefer.
    WEB_CONCURRENCY: z.preprocess(
      blankToUndefined,
      wholeNumber(1, 64, 'processes').default(() => os.availableParallelism()),
    ),
    // Pages each process renders at once; more readers missing the cache wait their turn in order.
    RENDER_CONCURRENCY: z.preprocess(blankToUndefined, wholeNumber(1, 64, 'renders').default(4)),
    // Varnish (or any cache taking PURGE with an xkey-purge header) in front of every host: the
    // changed pages' tags are sent to each of these once per change. Unset: no purges go out and
    // pages keep the headers of a site with no shared cache.
    CACHE_PURGE_URLS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z.url({
              protocol: /^https?$/,
              error: 'must be comma-separated http(s) URLs such as http://10.0.0.5:6081/,http://10.0.0.6:6081/',
            }),
          ),
        )
        .default([]),
    ),
    // Seconds a shared cache may keep a reader page: 600 with CACHE_PURGE_URLS, else 0 (keep none).
    CACHE_S_MAXAGE: opt(wholeNumber(0, 31_536_000, 'seconds')),
    CACHE_STALE_WHILE_REVALIDATE: z.preprocess(blankToUndefined, wholeNumber(0, 86_400, 'seconds').default(60)),
    // The response headers naming a page's tags: xkey (Varnish), Surrogate-Key (Fastly and most
    // CDNs, space-separated), Cache-Tag (Cloudflare, comma-separated).
    CACHE_TAG_HEADER: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z.enum(['xkey', 'surrogate-key', 'cache-tag'], {
              error: 'must list one or more of xkey, Surrogate-Key, Cache-Tag, comma-separated',
            }),
          ),
        )
        .default(['xkey']),
    ),
    // Next.js's own variable: one key for every host, so a server action a page got from one host
    // runs on another. Next reads it while building and keeps it in the build.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: opt(
      z.string().refine(isActionsKey, {
        error: 'must be 16, 24 or 32 bytes in base64, such as the output of `openssl rand -base64 32`',
      }),
    ),
    // Said, not guessed: one host with a Varnish or a bucket is a common, valid site, and demanding
    // shared secrets of it would be a surprise.
    MULTI_HOST: z.preprocess(
      blankToUndefined,
      z
        .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
    TRUST_PROXY: z.preprocess(
      blankToUndefined,
      z
        .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
  })
  .superRefine((e, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message })
    if (e.MULTI_HOST) {
      // Each of these would otherwise be one per host: a reader's session, a form or a medium made
      // on one host would be unknown to the next.
      if (!e.DATABASE_URL)
        problem(
          'DATABASE_URL',
          'is required with MULTI_HOST: every host must share one PostgreSQL database (a SQLite file cannot be shared), such as postgres://gazette:secret@db.example.com:5432/gazette',
        )
      if (!e.S3_BUCKET)
        problem(
          'S3_BUCKET',
          "is required with MULTI_HOST: media must live in one bucket every host reads, not in each host's folder (set S3_BUCKET and S3_REGION)",
        )
      if (!e.AUTH_SECRET)
        problem(
          'AUTH_SECRET',
          'is required with MULTI_HOST: the same secret of at least 32 characters on every host, such as the output of `openssl rand -base64 32`, or sessions made on one host are refused by the others',
        )
      if (!e.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY)
        problem(
          'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
          'is required with MULTI_HOST: the same key on every host and at build time, such as the output of `openssl rand -base64 32`, or forms sent to another host fail',
        )
    }
    if (!e.S3_BUCKET) {
      for (const name of ['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
        if (e[name])
          problem(name, 'is set but S3_BUCKET is not: name the bucket too, or unset it to keep media in UPLOADS_DIR')
      return
    }
    if (!e.S3_REGION)
      problem(
        'S3_REGION',
        "is required with S3_BUCKET: the bucket's region, such as eu-west-1 (us-east-1 or auto for most S3-compatible stores)",
      )
    if (e.S3_ACCESS_KEY_ID && !e.S3_SECRET_ACCESS_KEY)
      problem('S3_SECRET_ACCESS_KEY', 'is required with S3_ACCESS_KEY_ID (or unset both to use the AWS_* credentials)')
    if (e.S3_SECRET_ACCESS_KEY && !e.S3_ACCESS_KEY_ID)
      problem('S3_ACCESS_KEY_ID', 'is required with S3_SECRET_ACCESS_KEY (or unset both to use the AWS_* credentials)')
    if (e.UPLOADS_DIR)
      problem('UPLOADS_DIR', 'cannot be used with S3_BUCKET: media go to the bucket; unset one of them')
  })

export type Env = z.infer<typeof envSchema>

/** Validates the environment; returns one human-readable line per problem instead of throwing. */
export function readEnv(source: Record<string, string | undefined> = process.env): { env?: Env; errors: string[] } {
  const parsed = envSchema.safeParse(source)
  if (parsed.success) return { env: parsed.data, errors: [] }
  return {
    errors: parsed.error.issues.map((i) => `Invalid configuration: ${i.path.join('.')} ${i.message}`),
  }
}

let parsed: Env | undefined

function load() {
  if (!parsed) {
    const { env, errors } = readEnv()
    if (!env) throw new Error(errors.join('\n'))
    parsed = env
  }
  return parsed
}

/**
 * The configuration, for every module to read instead of process.env. Parsed on first use, since
 * the start script sets defaults (AUTH_SECRET, DATABASE_PATH) and refuses an invalid environment
 * with one line per problem before anything reads it. Writable, so a test can point mail at its
 * own server. NODE_ENV and NEXT_RUNTIME stay on process.env: Next inlines them at build time.
 */
export const env: Env = new Proxy({} as Env, {
  get: (_, key) => Reflect.get(load(), key),
  set: (_, key, value) => Reflect.set(load(), key, value),
  has: (_, key) => Reflect.has(load(), key),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(load(), key),
})

/**
 * Why a multi-host site must not serve an existing build, or undefined. The key a build was made
 * with salts its server action ids (and is kept in its server-reference manifest): a host serving
 * a build made with another key names its actions differently, and forms fail across hosts.
 */
export function buildKeyProblem(manifest: string, key: string): string | undefined {
  let built: unknown
  try {
    built = (JSON.parse(manifest) as { encryptionKey?: unknown }).encryptionKey
  } catch {
    return 'The build in .next cannot be read (.next/server/server-reference-manifest.json): run `npm run build` again'
  }
  if (built !== key)
    return 'The build in .next was made without this NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: run `npm run build` with it set, then start again'
}
