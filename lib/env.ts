import { z } from 'zod'

// An empty variable (FOO= in a shell or .env file) means "not set", not "set to nothing".
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())

const envSchema = z.object({
  DATABASE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/gazette.db')),
  UPLOADS_DIR: opt(z.string()),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a port number from 1 to 65535' }).int().min(1).max(65535).default(3000),
  ),
  SITE_URL: opt(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://news.example.com' })),
  ADMIN_EMAIL: opt(z.email({ error: 'must be an e-mail address' })),
  ADMIN_PASSWORD: opt(z.string().min(10, { error: 'must be at least 10 characters' })),
  AUTH_SECRET: opt(z.string().min(32, { error: 'must be at least 32 characters' })),
  // Only behind a reverse proxy that sets X-Forwarded-For/-Host/-Proto itself: otherwise any
  // client could choose its own address and host.
  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  ),
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
