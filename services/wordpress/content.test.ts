import { describe, expect, it } from 'vitest'
import { sanitizeBody } from '@/lib/html'
import { autop, convertContent, embedHtml } from './content'

const render = (html: string, ctx = {}) => sanitizeBody(convertContent(html, ctx))

describe('convertContent', () => {
  it('adds the paragraphs WordPress adds to classic-editor text', () => {
    expect(autop('One\nline\n\nTwo')).toBe('<p>One<br>\nline</p>\n<p>Two</p>')
    expect(autop('<h2>Head</h2>\nText')).toBe('<h2>Head</h2>\n<p>Text</p>')
  })

  it('removes block editor comments and handles more and nextpage', () => {
    const html = render('<!-- wp:paragraph -->\n<p>A</p>\n<!-- /wp:paragraph -->\n<!--more-->\nB<!--nextpage-->C')
    expect(html).not.toContain('wp:')
    expect(html).not.toContain('more')
    expect(html).toBe('<p>A</p>\n<p>B</p>\n<hr />\n<p>C</p>')
  })

  it('turns [caption] into a figure with its caption', () => {
    const html = render('[caption id="a" width="300"]<img src="https://x.example/a.jpg" alt="A"> The caption[/caption]')
    expect(html).toBe(
      '<figure class="wp-caption"><img src="https://x.example/a.jpg" alt="A" /><figcaption>The caption</figcaption></figure>',
    )
  })

  it('renders [gallery] from the attachments it names or the post has', () => {
    const attachment = (id: number) =>
      id === 5 ? { src: '/uploads/2024/03/a-800.webp', alt: 'Boats', caption: 'At dawn' } : undefined
    expect(render('[gallery ids="5,6"]', { attachment })).toBe(
      '<div><figure><img src="/uploads/2024/03/a-800.webp" alt="Boats" loading="lazy" /><figcaption>At dawn</figcaption></figure></div>',
    )
    expect(render('[gallery]', { attachment, childAttachments: () => [5] })).toContain('a-800.webp')
  })

  it('makes [audio] and [video] links and [embed] an embed', () => {
    expect(render('[audio mp3="https://x.example/a.mp3"][/audio]')).toBe(
      '<p><a href="https://x.example/a.mp3" rel="noopener noreferrer">Listen: a.mp3</a></p>',
    )
    expect(render('[video src="https://x.example/v.mp4"]')).toContain('Watch: v.mp4')
    expect(render('[embed]https://youtu.be/ex8fMxXJDJw[/embed]')).toContain(
      'src="https://www.youtube-nocookie.com/embed/ex8fMxXJDJw"',
    )
  })

  it('embeds bare URLs on their own line, and only there', () => {
    expect(render('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toContain(
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"',
    )
    expect(render('https://twitter.com/a/status/1')).toBe(
      '<blockquote class="twitter-tweet"><p><a href="https://twitter.com/a/status/1" rel="noopener noreferrer">https://twitter.com/a/status/1</a></p></blockquote>',
    )
    expect(render('https://www.instagram.com/p/x/')).toContain('class="instagram-media"')
    expect(render('https://www.facebook.com/a/posts/1')).toBe(
      '<p><a href="https://www.facebook.com/a/posts/1" rel="noopener noreferrer">https://www.facebook.com/a/posts/1</a></p>',
    )
    expect(render('See https://www.youtube.com/watch?v=dQw4w9WgXcQ here')).not.toContain('iframe')
  })

  it('points old upload URLs at the imported files and drops srcset', () => {
    const html = render('<img src="https://old.example/wp-content/uploads/a-300x200.jpg" srcset="x 300w" alt="">', {
      mediaUrl: (url: string) => (url.includes('/uploads/a-300x200.jpg') ? '/uploads/2024/a-800.webp' : undefined),
    })
    expect(html).toBe('<p><img src="/uploads/2024/a-800.webp" alt="" /></p>')
  })

  it('leaves unknown shortcodes as text and never lets script through', () => {
    expect(render('[contact-form] [citation needed]')).toBe('<p>[contact-form] [citation needed]</p>')
    const html = render('<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>')
    expect(html).not.toMatch(/script|onerror|javascript/)
  })

  it('falls back to a link for URLs it cannot embed', () => {
    expect(embedHtml('not a url')).toBe('<p>not a url</p>')
    expect(embedHtml('https://example.com/x')).toBe('<p><a href="https://example.com/x">https://example.com/x</a></p>')
  })
})
