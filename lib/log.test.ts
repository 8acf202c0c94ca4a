import { afterEach, describe, expect, it, vi } from 'vitest'
import { log } from './log'

describe('log', () => {
  afterEach(() => vi.restoreAllMocks())

  it('writes one JSON object per line and never a secret', () => {
    const lines: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true))
    log('info', 'signed in', {
      email: 'a@example.com',
      password: 'hunter2-hunter2',
      nested: { passwordHash: '$argon2id$x', cookie: 'authjs.session-token=abc' },
    })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.endsWith('\n')).toBe(true)
    const entry = JSON.parse(lines[0]!)
    expect(entry).toMatchObject({ level: 'info', message: 'signed in', email: 'a@example.com' })
    expect(lines[0]).not.toContain('hunter2')
    expect(lines[0]).not.toContain('argon2id')
    expect(lines[0]).not.toContain('session-token=abc')
  })
})
