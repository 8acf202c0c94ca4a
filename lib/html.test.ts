import fs from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { escapeHtml, htmlToText, sanitizeBody } from './html'

// Our own vectors; the shared corpus below adds 217 more when it is present.
const ownVectors = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div onclick="alert(1)">x</div>',
  '<details open ontoggle=alert(1)>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<img src="x" srcset="javascript:alert(1) 1x">',
  '"><script>alert(1)</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

function sharedVectors() {
  const file = path.resolve(process.cwd(), '..', 'shared', 'testdata', 'security', 'xss.txt')
  if (!fs.existsSync(file)) {
    console.log('shared/testdata/security/xss.txt not found: using the built-in vectors only')
    return []
  }
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
}

const allowedTags = new Set([
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'mark',
  'small',
  'a',
  'img',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'iframe',
  'cite',
  'q',
  'abbr',
  'time',
  'dl',
  'dt',
  'dd',
  'span',
  'div',
])
const dangerousUrl = /^(?:javascript|vbscript|data|file):/i

/** Every element and attribute of the sanitized output, as a browser would parse it. */
function problems(html: string) {
  const found: string[] = []
  const walk = (node: { type: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }) => {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const name = node.name!.toLowerCase()
      if (!allowedTags.has(name)) found.push(`element <${name}>`)
      for (const [attr, value] of Object.entries(node.attribs ?? {})) {
        if (/^on/i.test(attr) || attr === 'style' || attr === 'srcdoc') found.push(`attribute ${attr}`)
        if (['href', 'src', 'srcset', 'cite', 'action'].includes(attr)) {
          const normalized = value.replace(/[\s\u0000-\u001f]/g, '')
          if (dangerousUrl.test(normalized)) found.push(`${attr}=${value}`)
        }
        if (
          name === 'iframe' &&
          attr === 'src' &&
          !/^https:\/\/(www\.youtube(-nocookie)?\.com|player\.vimeo\.com)\//.test(value)
        )
          found.push(`iframe src ${value}`)
      }
    }
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child)
  }
  walk(parseDocument(html, { decodeEntities: true }) as unknown as Parameters<typeof walk>[0])
  return found
}

describe('sanitizeBody', () => {
  it.each([...ownVectors, ...sharedVectors()].map((v) => [v]))('leaves nothing executable: %s', (vector) => {
    expect(problems(sanitizeBody(vector))).toEqual([])
    expect(problems(sanitizeBody(`<p>before</p>${vector}<p>after</p>`))).toEqual([])
  })

  it('keeps the formatting newsrooms use', () => {
    const html =
      '<h2>Heading</h2><p>A <strong>bold</strong> and <em>italic</em> <a href="https://example.org/x">link</a>.</p><ul><li>one</li></ul><blockquote><p>Quote</p></blockquote><figure><img src="/uploads/2026/11/a-800.webp" alt="A"><figcaption>Caption</figcaption></figure><div data-youtube-video=""><iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe></div>'
    const clean = sanitizeBody(html)
    for (const fragment of [
      '<h2>Heading</h2>',
      '<strong>bold</strong>',
      '<em>italic</em>',
      'href="https://example.org/x"',
      '<li>one</li>',
      '<blockquote>',
      'src="/uploads/2026/11/a-800.webp"',
      '<figcaption>Caption</figcaption>',
      'src="https://www.youtube-nocookie.com/embed/abc"',
    ]) {
      expect(clean).toContain(fragment)
    }
    expect(clean).toContain('rel="noopener noreferrer"')
  })

  it('drops a frame whose source is not a trusted player, and what it held', () => {
    for (const frame of [
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="https://evil.example/"></iframe>',
      '<iframe src="//www.youtube.com/embed/x"></iframe>',
      '<iframe>inner <p>text</p></iframe>',
    ])
      expect(sanitizeBody(`<p>before</p>${frame}<p>after</p>`)).toBe('<p>before</p><p>after</p>')
  })

  it('cleans what Word and Google Docs paste', () => {
    const pasted =
      '<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><span style="font-size:11pt" lang="EN-GB">Council <b style="mso-bidi-font-weight:normal">approves</b> budget<o:p></o:p></span></p><meta charset="utf-8"><b id="docs-internal-guid-1" style="font-weight:normal"><span style="color:#000000">Second</span></b>'
    const clean = sanitizeBody(pasted)
    expect(clean).not.toMatch(/style=|class=|<o:p|<meta|lang=/)
    expect(htmlToText(clean)).toContain('Council approves budget')
  })
})

describe('text helpers', () => {
  it('turns HTML into plain text without decoding twice', () => {
    expect(htmlToText('<p>Fish &amp;amp; chips</p><p>&lt;b&gt;</p>')).toBe('Fish &amp; chips\n\n<b>')
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
