import type { CommentRules } from './settings'

export type CommentVerdict =
  | { kind: 'reject'; status: 400 | 409; reason: 'honeypot' | 'too-fast' | 'duplicate'; message: string }
  | { kind: 'store'; status: 'approved' | 'pending' | 'spam'; reason?: string }

export type CommentCandidate = {
  name: string
  email: string
  body: string
  ip: string
  /** The honeypot field: people never see it, so anything in it came from a bot. */
  honeypot: string
  /** Seconds between the form being rendered and being sent. */
  elapsedSeconds: number
  /** The same body was already posted by this e-mail or IP on this article. */
  duplicate: boolean
  /** The e-mail address already has an approved comment. */
  knownAuthor: boolean
}

const linkPattern = /https?:\/\/|www\./gi

/** How many links a comment body carries (the renderer turns http(s) URLs into anchors). */
export function countLinks(body: string) {
  return body.match(linkPattern)?.length ?? 0
}

/**
 * Names such as "xreDavBVnbGqQA": one long run of letters with capitals scattered inside it, or
 * with almost no vowels. Real names with inner capitals (McDonald, DeAndre) have one or two.
 */
export function looksMachineGenerated(name: string) {
  const trimmed = name.trim()
  if (!/^[A-Za-z]{8,}$/.test(trimmed)) return false
  const innerCapitals = trimmed.slice(1).replace(/[^A-Z]/g, '').length
  const vowels = trimmed.replace(/[^aeiouyAEIOUY]/g, '').length
  return innerCapitals >= 3 || vowels / trimmed.length < 0.2
}

function matchesBlocklist(rules: CommentRules, c: CommentCandidate) {
  const email = c.email.toLowerCase()
  const text = `${c.name}\n${c.body}`.toLowerCase()
  return rules.blocklist.some((raw) => {
    const entry = raw.toLowerCase()
    if (entry.includes('@')) return email === entry
    if (/^[\d.:a-f]+$/.test(entry) && (entry.includes('.') || entry.includes(':'))) return c.ip === entry
    return new RegExp(
      `(^|[^\\p{L}\\p{N}])${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
      'u',
    ).test(text)
  })
}

/** Applies the moderation rules to a comment: refuse it outright, or store it with a status. */
export function judgeComment(rules: CommentRules, c: CommentCandidate): CommentVerdict {
  if (c.honeypot.trim() !== '')
    return { kind: 'reject', status: 400, reason: 'honeypot', message: 'The comment could not be accepted.' }
  if (c.elapsedSeconds < rules.minFillSeconds)
    return {
      kind: 'reject',
      status: 400,
      reason: 'too-fast',
      message: 'That was quicker than anyone can write a comment. Please check it and send it again.',
    }
  if (c.duplicate)
    return { kind: 'reject', status: 409, reason: 'duplicate', message: 'You have already posted this comment.' }
  if (matchesBlocklist(rules, c)) return { kind: 'store', status: 'spam', reason: 'blocklist' }
  if (rules.holdMachineNames && looksMachineGenerated(c.name))
    return { kind: 'store', status: 'spam', reason: 'machine-name' }
  if (countLinks(c.body) > rules.maxLinks) return { kind: 'store', status: 'pending', reason: 'links' }
  if (rules.holdFirstComment && !c.knownAuthor) return { kind: 'store', status: 'pending', reason: 'first-comment' }
  return { kind: 'store', status: 'approved' }
}
