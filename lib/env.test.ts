import { describe, expect, it } from 'vitest'
import { buildKeyProblem, readEnv } from './env'

describe('configuration', () => {
  it('has a default for everything', () => {
    const { env, errors } = readEnv({})
    expect(errors).toEqual([])
    expect(env).toMatchObject({ DATABASE_PATH: './data/gazette.db', PORT: 3000 })
  })

  it('explains each bad value in one line', () => {
    const { env, errors } = readEnv({
      PORT: 'abc',
      SITE_URL: 'notaurl',
      ADMIN_PASSWORD: 'short',
      AUTH_SECRET: 'x',
      ADMIN_EMAIL: 'nobody',
    })
    expect(env).toBeUndefined()
    expect(errors).toEqual([
      'Invalid configuration: PORT must be a port number from 1 to 65535',
      'Invalid configuration: SITE_URL must be an http(s) URL such as https://news.example.com',
      'Invalid configuration: ADMIN_EMAIL must be an e-mail address',
      'Invalid configuration: ADMIN_PASSWORD must be at least 10 characters',
      'Invalid configuration: AUTH_SECRET must be at least 32 characters',
    ])
  })

  it("waits 5 s for another process's SQLite lock unless told otherwise, within bounds", () => {
    expect(readEnv({}).env?.DATABASE_BUSY_TIMEOUT_MS).toBe(5000)
    expect(readEnv({ DATABASE_BUSY_TIMEOUT_MS: '1500' }).env?.DATABASE_BUSY_TIMEOUT_MS).toBe(1500)
    for (const value of ['0', '5s', '120000'])
      expect(readEnv({ DATABASE_BUSY_TIMEOUT_MS: value }).errors).toEqual([
        'Invalid configuration: DATABASE_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000',
      ])
  })

  it('treats an empty variable as unset', () => {
    expect(readEnv({ PORT: '', SITE_URL: ' ' }).env).toMatchObject({ PORT: 3000, SITE_URL: undefined })
  })

  it('accepts an http(s) summary service and refuses anything else', () => {
    expect(readEnv({ SUMMARY_API_URL: 'http://127.0.0.1:8080/v1' }).env?.SUMMARY_API_URL).toBe(
      'http://127.0.0.1:8080/v1',
    )
    expect(readEnv({ SUMMARY_API_URL: 'ftp://llm' }).errors[0]).toMatch(
      /^Invalid configuration: SUMMARY_API_URL must be an http\(s\) URL/,
    )
  })

  it('takes media storage as a bucket with its region, and explains each incomplete combination in one line', () => {
    expect(readEnv({ S3_BUCKET: 'gazette-media', S3_REGION: 'eu-west-1' }).errors).toEqual([])
    expect(
      readEnv({
        S3_BUCKET: 'gazette-media',
        S3_REGION: 'auto',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
      }).errors,
    ).toEqual([])
    expect(readEnv({ S3_BUCKET: 'gazette-media' }).errors).toEqual([
      "Invalid configuration: S3_REGION is required with S3_BUCKET: the bucket's region, such as eu-west-1 (us-east-1 or auto for most S3-compatible stores)",
    ])
    expect(readEnv({ S3_REGION: 'eu-west-1', S3_ENDPOINT: 'https://s3.example.com' }).errors).toEqual([
      'Invalid configuration: S3_REGION is set but S3_BUCKET is not: name the bucket too, or unset it to keep media in UPLOADS_DIR',
      'Invalid configuration: S3_ENDPOINT is set but S3_BUCKET is not: name the bucket too, or unset it to keep media in UPLOADS_DIR',
    ])
    const halfKeys = readEnv({
      S3_BUCKET: 'media',
      S3_REGION: 'eu-west-1',
      S3_ACCESS_KEY_ID: 'id',
      UPLOADS_DIR: '/srv',
    })
    expect(halfKeys.errors).toEqual([
      'Invalid configuration: S3_SECRET_ACCESS_KEY is required with S3_ACCESS_KEY_ID (or unset both to use the AWS_* credentials)',
      'Invalid configuration: UPLOADS_DIR cannot be used with S3_BUCKET: media go to the bucket; unset one of them',
    ])
    expect(readEnv({ S3_BUCKET: 'Media_Bucket', S3_REGION: 'eu-west-1', S3_ENDPOINT: 'ftp://x' }).errors).toEqual([
      'Invalid configuration: S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
      'Invalid configuration: S3_ENDPOINT must be an http(s) URL of an S3-compatible store, such as https://s3.example.com or http://127.0.0.1:9000',
    ])
  })

  it('never repeats a secret in its complaints', () => {
    const { errors } = readEnv({ S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-very-secret' })
    expect(errors).toHaveLength(1)
    expect(errors.join('\n')).not.toContain('wJalrXUtnFEMI')
  })
  describe('several hosts', () => {
    const key = 'F4IonZhUuuDR/Qh3vW4jSzskh2h1KKOWt1I2yyfzgUE='
    const shared = {
      MULTI_HOST: 'true',
      DATABASE_URL: 'postgres://gazette:secret@db.example.com:5432/gazette',
      S3_BUCKET: 'gazette-media',
      S3_REGION: 'eu-west-1',
      AUTH_SECRET: 'a-secret-of-at-least-32-characters-long',
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key,
    }

    it('is off unless MULTI_HOST says so, even with a shared database, cache and bucket', () => {
      const { env, errors } = readEnv({
        DATABASE_URL: shared.DATABASE_URL,
        S3_BUCKET: 'gazette-media',
        S3_REGION: 'eu-west-1',
        CACHE_PURGE_URLS: 'http://10.0.0.5:6081/',
      })
      expect(errors).toEqual([])
      expect(env?.MULTI_HOST).toBe(false)
    })

    it('starts with every shared setting', () => {
      const { env, errors } = readEnv(shared)
      expect(errors).toEqual([])
      expect(env).toMatchObject({ MULTI_HOST: true, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key })
      expect(readEnv({ ...shared, MULTI_HOST: '1' }).env?.MULTI_HOST).toBe(true)
    })

    it('names each missing setting in one line', () => {
      expect(readEnv({ MULTI_HOST: 'true' }).errors).toEqual([
        'Invalid configuration: DATABASE_URL is required with MULTI_HOST: every host must share one PostgreSQL database (a SQLite file cannot be shared), such as postgres://gazette:secret@db.example.com:5432/gazette',
        "Invalid configuration: S3_BUCKET is required with MULTI_HOST: media must live in one bucket every host reads, not in each host's folder (set S3_BUCKET and S3_REGION)",
        'Invalid configuration: AUTH_SECRET is required with MULTI_HOST: the same secret of at least 32 characters on every host, such as the output of `openssl rand -base64 32`, or sessions made on one host are refused by the others',
        'Invalid configuration: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required with MULTI_HOST: the same key on every host and at build time, such as the output of `openssl rand -base64 32`, or forms sent to another host fail',
      ])
      for (const name of ['DATABASE_URL', 'S3_BUCKET', 'AUTH_SECRET', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'] as const) {
        const errors = readEnv({ ...shared, [name]: '' }).errors
        expect(errors).toHaveLength(name === 'S3_BUCKET' ? 2 : 1)
        expect(errors[0]).toMatch(new RegExp(`^Invalid configuration: ${name} is required with MULTI_HOST`))
      }
    })

    it('refuses a MULTI_HOST that is not true or false', () => {
      expect(readEnv({ MULTI_HOST: 'yes' }).errors).toEqual(['Invalid configuration: MULTI_HOST must be true or false'])
    })

    it('takes a server actions key only as Next does: base64 of 16, 24 or 32 bytes, and never repeats it', () => {
      for (const bytes of [16, 24, 32])
        expect(
          readEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(bytes, 7).toString('base64') }).errors,
        ).toEqual([])
      for (const bad of [Buffer.alloc(31, 7).toString('base64'), 'not base64 at all!', 'c2VjcmV0']) {
        const { errors } = readEnv({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: bad })
        expect(errors).toEqual([
          'Invalid configuration: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 16, 24 or 32 bytes in base64, such as the output of `openssl rand -base64 32`',
        ])
        expect(errors[0]).not.toContain(bad)
      }
    })

    it('refuses a build made with another server actions key', () => {
      expect(buildKeyProblem(JSON.stringify({ node: {}, encryptionKey: key }), key)).toBeUndefined()
      expect(buildKeyProblem(JSON.stringify({ node: {}, encryptionKey: 'b3RoZXI=' }), key)).toBe(
        'The build in .next was made without this NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: run `npm run build` with it set, then start again',
      )
      expect(buildKeyProblem('', key)).toMatch(/^The build in \.next cannot be read/)
    })
  })
})
