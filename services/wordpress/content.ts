import { escapeHtml } from '@/lib/html'

/** What the converter needs to know about the export's attachments (all optional). */
export type ContentContext = {
  /** The stored address of an attachment by its WordPress id. */
  attachment?: (wpId: number) => { src: string; alt: string; caption: string } | undefined
  /** Attachments whose parent is this post, for a [gallery] without ids. */
  childAttachments?: () => number[]
  /** The new address of an old file URL (wp-content/uploads), size suffixes included. */
  mediaUrl?: (url: string) => string | undefined
}

const attr = (s: string) => escapeHtml(s)

function parseAttrs(s: string) {
  const out: Record<string, string> = {}
  for (const m of s.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g))
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  return out
}

function youtubeId(url: URL) {
  if (url.hostname === 'youtu.be') return url.pathname.slice(1)
  if (/(^|\.)youtube\.com$/.test(url.hostname)) {
    if (url.pathname === '/watch') return url.searchParams.get('v') ?? ''
    const m = /^\/(?:embed|shorts|live)\/([\w-]+)/.exec(url.pathname)
    return m?.[1] ?? ''
  }
  return ''
}

/** The player or quoted post a provider's link becomes; undefined for a link no provider handles. */
function providerEmbed(raw: string) {
  let url: URL
  try {
    url = new URL(raw.replace(/&amp;/g, '&'))
  } catch {
    return undefined
  }
  const href = attr(url.href)
  const yt = youtubeId(url)
  if (yt && /^[\w-]{6,20}$/.test(yt))
    return `<figure class="embed"><iframe src="https://www.youtube-nocookie.com/embed/${yt}" title="YouTube video" width="640" height="360" allowfullscreen></iframe></figure>`
  const vimeo = url.hostname.endsWith('vimeo.com') ? /^\/(\d+)/.exec(url.pathname)?.[1] : undefined
  if (vimeo)
    return `<figure class="embed"><iframe src="https://player.vimeo.com/video/${vimeo}" title="Vimeo video" width="640" height="360" allowfullscreen></iframe></figure>`
  if (/(^|\.)(twitter|x)\.com$/.test(url.hostname))
    return `<blockquote class="twitter-tweet"><p><a href="${href}">${href}</a></p></blockquote>`
  if (/(^|\.)instagram\.com$/.test(url.hostname))
    return `<blockquote class="instagram-media"><p><a href="${href}">${href}</a></p></blockquote>`
  return undefined
}

function inlineLink(raw: string) {
  try {
    const href = attr(new URL(raw.replace(/&amp;/g, '&')).href)
    return `<a href="${href}">${href}</a>`
  } catch {
    return attr(raw)
  }
}

/** The markup Gazette renders for a link WordPress would have turned into an embed. */
export function embedHtml(raw: string) {
  return providerEmbed(raw) ?? `<p>${inlineLink(raw)}</p>`
}

function mediaLink(src: string, label: string) {
  const name = decodeURIComponent(src.split('/').pop() ?? src)
  return `<p><a href="${attr(src)}">${attr(label)}: ${attr(name)}</a></p>`
}

const blockTag =
  /<(\/?)(p|div|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|td|th|pre|hr|dl|dt|dd|iframe|address|section|article|aside|details|summary|form|fieldset|audio|video|object|style|script)\b[^>]*>/gi

function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => `<p>${chunk.replace(/\s*\n\s*/g, '<br>\n')}</p>`)
}

/** WordPress's automatic paragraphs: text outside block elements is split on blank lines into <p>. */
export function autop(input: string) {
  const html = input.replace(/\r\n?/g, '\n')
  const out: string[] = []
  let depth = 0
  let textStart = 0
  let blockStart = 0
  for (const m of html.matchAll(blockTag)) {
    const end = m.index + m[0].length
    const name = m[2]!.toLowerCase()
    const closing = m[1] === '/'
    const single = name === 'hr' || m[0].endsWith('/>')
    if (depth === 0 && !closing) {
      out.push(...paragraphs(html.slice(textStart, m.index)))
      blockStart = m.index
    }
    if (closing) depth = Math.max(0, depth - 1)
    else if (!single) depth++
    if (depth === 0) {
      if (end > blockStart) out.push(html.slice(blockStart, end).trim())
      textStart = end
      blockStart = end
    }
  }
  if (depth > 0) out.push(html.slice(blockStart).trim())
  else out.push(...paragraphs(html.slice(textStart)))
  return out.filter(Boolean).join('\n')
}

/**
 * Turns a WordPress post body into HTML Gazette renders (before the usual sanitizing):
 * shortcodes, bare embed URLs on their own line, block editor comments, <!--more--> and
 * <!--nextpage-->. Other shortcodes stay as text, as WordPress shows a shortcode nothing handles.
 */
export function convertContent(input: string, ctx: ContentContext = {}) {
  let html = input
    // A page break becomes a rule: Gazette shows the whole article on one page.
    .replace(/<!--\s*nextpage\s*-->/gi, '\n\n<hr>\n\n')
    .replace(/<!--\s*more(?:\s[^>]*)?-->/gi, '\n\n')
    .replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '\n')

  html = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_, rawAttrs: string, inner: string) => {
    const a = parseAttrs(rawAttrs)
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner)
    const image = media?.[1] ?? ''
    const caption = (a.caption ?? media?.[2] ?? inner).trim()
    return `\n\n<figure class="wp-caption">${image}<figcaption>${caption}</figcaption></figure>\n\n`
  })

  html = html.replace(/\[gallery([^\]]*)\]/gi, (_, rawAttrs: string) => {
    const a = parseAttrs(rawAttrs)
    const ids = a.ids
      ? a.ids
          .split(',')
          .map((s) => Number.parseInt(s, 10))
          .filter(Number.isFinite)
      : (ctx.childAttachments?.() ?? [])
    const figures = ids
      .map((id) => ctx.attachment?.(id))
      .filter((x) => !!x)
      .map(
        (m) =>
          `<figure><img src="${attr(m.src)}" alt="${attr(m.alt)}" loading="lazy">${m.caption ? `<figcaption>${attr(m.caption)}</figcaption>` : ''}</figure>`,
      )
    return figures.length ? `\n\n<div>${figures.join('')}</div>\n\n` : '\n\n'
  })

  html = html.replace(/\[(audio|video)([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/gi, (_, kind: string, rawAttrs: string) => {
    const a = parseAttrs(rawAttrs)
    const src = a.src ?? a.mp3 ?? a.m4a ?? a.ogg ?? a.wav ?? a.mp4 ?? a.webm ?? a.ogv ?? ''
    if (!src) return ''
    const yt = /youtu\.?be/.test(src)
    if (yt) return `\n\n${embedHtml(src)}\n\n`
    return `\n\n${mediaLink(ctx.mediaUrl?.(src) ?? src, kind.toLowerCase() === 'audio' ? 'Listen' : 'Watch')}\n\n`
  })

  html = html.replace(/\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi, (_, url: string) => `\n\n${embedHtml(url.trim())}\n\n`)

  // A provider's link alone on a line becomes its player, a block of its own, as WordPress's
  // auto-embeds do; any other link alone on a line stays a line of its paragraph.
  html = html.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, (_, url: string) => {
    const embed = providerEmbed(url)
    return embed ? `\n\n${embed}\n\n` : inlineLink(url)
  })

  if (ctx.mediaUrl)
    html = html.replace(/\b(src|href)="([^"]+)"/gi, (m, name: string, url: string) => {
      const moved = ctx.mediaUrl!(url)
      return moved ? `${name}="${attr(moved)}"` : m
    })
  // Sizes listed in srcset belong to the old site's files.
  html = html.replace(/\s(srcset|sizes)="[^"]*"/gi, '')
  return autop(html)
}
