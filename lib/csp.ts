import { createHash } from 'node:crypto'

// Embeds allowed by the sanitizer (lib/html.ts allowedIframeHostnames).
const frameSources = 'https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com'

/**
 * The Content-Security-Policy of an HTML response. Scripts run only from this origin plus the
 * inline scripts named by `scriptSources` (a per-request nonce, or the hashes of a stored page).
 * Styles may be inline: the rich-text editor and React set style attributes, and a style cannot
 * run code.
 */
// eslint-disable-next-line no-restricted-syntax -- Next inlines NODE_ENV at build time
export function contentSecurityPolicy(scriptSources: string[], dev = process.env.NODE_ENV === 'development') {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(' ')}${dev ? " 'unsafe-eval'" : ''}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${frameSources}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
}

const inlineScript = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi

/**
 * The `'sha256-…'` source of every inline script in a page, given as page text (lib/page-text.ts).
 * A stored page is served to every reader, so it cannot carry a per-request nonce; the hashes allow
 * exactly the scripts that were rendered and nothing an attacker could add.
 */
export function inlineScriptHashes(html: string) {
  const hashes = new Set<string>()
  for (const match of html.matchAll(inlineScript)) {
    // External scripts are covered by 'self'; JSON-LD and other data blocks never run.
    if (/\bsrc\s*=/i.test(match[1]!) || /\btype\s*=\s*["']?application\/(?:ld\+)?json/i.test(match[1]!)) continue
    hashes.add(`'sha256-${createHash('sha256').update(match[2]!, 'latin1').digest('base64')}'`)
  }
  return [...hashes]
}
