import { describe, expect, it } from 'vitest'
import { readEnv } from './env'

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
})
