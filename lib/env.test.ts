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
})
