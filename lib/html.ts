import sanitizeHtml from 'sanitize-html'

// The allow-list every stored body passes through, whatever the editor or an importer sends.
const bodyOptions: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    iframe: ['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'loading'],
    blockquote: ['cite', 'class'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    time: ['datetime'],
    abbr: ['title'],
    '*': ['id'],
  },
  allowedClasses: { blockquote: ['twitter-tweet', 'instagram-media'], figure: ['embed', 'wp-caption'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Only embeds from players we trust are kept; every other frame is dropped.
  allowedIframeHostnames: ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'],
  // sanitize-html removes a frame's untrusted src but keeps the element: an empty frame, whose
  // content browsers read as raw text, would swallow the rest of the body. Drop it whole.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '')
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
      }
    },
    iframe: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
}

// Colours as WordPress's editors write them: a hex value, rgb()/rgba() or a colour keyword. Nothing
// that can hold url(), expression() or an escape gets through.
const colour = /^(?:#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*(?:,\s*[\d.]+%?\s*){2,3}\)|[a-z]{3,20})$/i

/**
 * WordPress keeps inline styles in a post, and old posts lean on a few of them (centred or
 * right-aligned paragraphs, coloured words). Imported bodies keep that safe subset; the editor
 * and pasted text do not, so that an office suite's styling never enters a new story.
 */
const bodyWithStyles: sanitizeHtml.IOptions = {
  ...bodyOptions,
  allowedAttributes: { ...bodyOptions.allowedAttributes, '*': ['id', 'style'] },
  allowedStyles: {
    '*': {
      'text-align': [/^(?:left|right|center|justify)$/],
      color: [colour],
      'background-color': [colour],
    },
  },
}

export function sanitizeBody(html: string, options: { keepStyles?: boolean } = {}) {
  return sanitizeHtml(html, options.keepStyles ? bodyWithStyles : bodyOptions)
}

/** Plain text of an HTML fragment, block elements separated by blank lines. */
export function htmlToText(html: string) {
  // A <br> is a line break, not nothing: without it the words on either side run together.
  const withBreaks = html
    .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|tr|div)>/gi, '$&\n\n')
    .replace(/<br\s*\/?>\n?/gi, '\n')
  return (
    sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      // Last, so that an escaped entity such as &amp;lt; stays literal text.
      .replace(/&amp;/g, '&')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n\s*/g, '\n\n')
      .trim()
  )
}

/** A one-line summary for meta descriptions and cards. */
export function excerpt(text: string, max = 160) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`
}

export function escapeHtml(s: string) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
