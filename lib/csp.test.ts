import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, inlineScriptHashes } from './csp'
import { pageText } from './page-text'

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`

describe('inlineScriptHashes', () => {
  it('hashes each inline script once and skips external ones and data blocks', () => {
    const html =
      '<script src="/_next/a.js" async=""></script><script>self.__next_f.push([1])</script>' +
      '<script nonce="x">a()</script><script>a()</script><SCRIPT type="application/ld+json">{"<":1}</SCRIPT >'
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1])'), sha('a()')])
  })

  it('hashes the UTF-8 bytes of a page given as page text', () => {
    const page = pageText(Buffer.from('<script>document.title="Café ✓"</script>'))
    expect(inlineScriptHashes(page)).toEqual([sha('document.title="Café ✓"')])
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
