import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, inlineScriptHashes } from './csp'

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`

describe('inlineScriptHashes', () => {
  it('hashes each inline script once and skips external ones and data blocks', () => {
    const html =
      '<script src="/_next/a.js" async=""></script><script>self.__next_f.push([1])</script>' +
      '<script nonce="x">a()</script><script>a()</script><SCRIPT type="application/ld+json">{"<":1}</SCRIPT >'
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1])'), sha('a()')])
  })
})

describe('contentSecurityPolicy', () => {
  it('never allows inline scripts or eval in production', () => {
    const policy = contentSecurityPolicy(["'nonce-abc'"], false)
    expect(policy).toContain("script-src 'self' 'nonce-abc'")
    expect(policy).toContain("frame-ancestors 'self'")
    expect(policy).toContain("object-src 'none'")
    const scripts = policy.split('; ').find((d) => d.startsWith('script-src'))!
    expect(scripts).not.toContain('unsafe-inline')
    expect(scripts).not.toContain('unsafe-eval')
  })
})
