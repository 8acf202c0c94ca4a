import { describe, expect, it } from 'vitest'
import { type CommentCandidate, countLinks, judgeComment, looksMachineGenerated } from './comment-rules'
import { commentsClosed } from './comments'
import { formAge, stampForm } from './form-time'
import { commentRulesSchema } from './settings'

const rules = commentRulesSchema.parse({})
const ok: CommentCandidate = {
  name: 'Asha Rao',
  email: 'asha@example.com',
  body: 'A thoughtful remark about the harbour.',
  ip: '203.0.113.9',
  honeypot: '',
  elapsedSeconds: 30,
  duplicate: false,
  knownAuthor: true,
}

describe('judgeComment', () => {
  it('approves a known author writing plainly', () => {
    expect(judgeComment(rules, ok)).toEqual({ kind: 'store', status: 'approved' })
  })
  it('holds the first comment of a new e-mail address, unless that rule is off', () => {
    expect(judgeComment(rules, { ...ok, knownAuthor: false })).toMatchObject({
      status: 'pending',
      reason: 'first-comment',
    })
    expect(judgeComment({ ...rules, holdFirstComment: false }, { ...ok, knownAuthor: false })).toMatchObject({
      status: 'approved',
    })
  })
  it('holds more than the allowed number of links', () => {
    const body = 'See https://a.example/ and https://b.example/ and www.c.example'
    expect(countLinks(body)).toBe(3)
    expect(judgeComment(rules, { ...ok, body })).toMatchObject({ status: 'pending', reason: 'links' })
    expect(judgeComment(rules, { ...ok, body: 'https://a.example/ https://b.example/' }).kind).toBe('store')
  })
  it('sends blocklisted words, e-mails and IPs to spam, whole words only', () => {
    const blocked = { ...rules, blocklist: ['casino', 'bad@example.com', '198.51.100.7'] }
    expect(judgeComment(blocked, { ...ok, body: 'Best Casino offers' })).toMatchObject({ status: 'spam' })
    expect(judgeComment(blocked, { ...ok, body: 'casinos and occasional' })).toMatchObject({ status: 'approved' })
    expect(judgeComment(blocked, { ...ok, email: 'BAD@example.com' })).toMatchObject({ status: 'spam' })
    expect(judgeComment(blocked, { ...ok, ip: '198.51.100.7' })).toMatchObject({ status: 'spam' })
  })
  it('refuses the honeypot, a too-fast form and duplicates', () => {
    expect(judgeComment(rules, { ...ok, honeypot: 'http://spam' })).toMatchObject({ kind: 'reject', status: 400 })
    expect(judgeComment(rules, { ...ok, elapsedSeconds: 1 })).toMatchObject({ kind: 'reject', reason: 'too-fast' })
    expect(judgeComment(rules, { ...ok, duplicate: true })).toMatchObject({ kind: 'reject', status: 409 })
  })
  it('sends machine-made names to spam', () => {
    expect(judgeComment(rules, { ...ok, name: 'xreDavBVnbGqQA' })).toMatchObject({
      status: 'spam',
      reason: 'machine-name',
    })
  })
})

describe('looksMachineGenerated', () => {
  it.each(['xreDavBVnbGqQA', 'QwErTyUiOpAs', 'bcdfghjklmnp'])('flags %s', (name) => {
    expect(looksMachineGenerated(name)).toBe(true)
  })
  it.each(['McDonald', 'DeAndre Jones', 'Priyanka', 'Asha Rao', 'MacArthur', 'Christopher', '李小龙'])(
    'leaves %s alone',
    (name) => {
      expect(looksMachineGenerated(name)).toBe(false)
    },
  )
})

describe('form time stamps', () => {
  it('measures the age of a genuine stamp and refuses forged, foreign or future ones', () => {
    const now = Date.now()
    const stamp = stampForm('comment:1', now - 5000)
    expect(formAge('comment:1', stamp, now)).toBe(5000)
    expect(formAge('comment:2', stamp, now)).toBeUndefined()
    expect(formAge('comment:1', stamp.replace(/^\d/, '9'), now)).toBeUndefined()
    expect(formAge('comment:1', stampForm('comment:1', now + 60_000), now)).toBeUndefined()
    expect(formAge('comment:1', 'nonsense', now)).toBeUndefined()
  })
})

describe('commentsClosed', () => {
  const day = 24 * 60 * 60 * 1000
  it('closes by the article switch or after the configured days', () => {
    const now = Date.now()
    const article = { commentsOpen: true, publishedAt: new Date(now - 10 * day) }
    expect(commentsClosed(article, 0, now)).toBe(false)
    expect(commentsClosed(article, 30, now)).toBe(false)
    expect(commentsClosed(article, 7, now)).toBe(true)
    expect(commentsClosed({ ...article, commentsOpen: false }, 0, now)).toBe(true)
  })
})
