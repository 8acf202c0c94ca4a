import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { judgeComment } from '@/lib/comment-rules'
import { commentRulesSchema } from '@/lib/settings'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, comments, readingLists, savedArticles, users } from '../schema'
import { seedDatabase } from '../seed'
import { postComment } from './comments'
import { hitRateLimits } from './rate-limits'
import {
  consumeToken,
  createList,
  createReader,
  deleteList,
  deleteReader,
  formerReaderName,
  issueToken,
  moveToList,
  removeFromList,
  renameList,
  saveToList,
} from './readers'

let articleIds: number[]

beforeAll(async () => {
  migrateDatabase(db)
  await seedDatabase(db, { articles: 10, images: 1, adminPassword: 'x'.repeat(12) })
  articleIds = db
    .select({ id: articles.id })
    .from(articles)
    .where(eq(articles.status, 'published'))
    .all()
    .map((a) => a.id)
})

const listsOf = (userId: number) => db.select().from(readingLists).where(eq(readingLists.userId, userId)).all()
const savedIn = (listId: number) =>
  db.select({ articleId: savedArticles.articleId }).from(savedArticles).where(eq(savedArticles.listId, listId)).all()

describe('reader accounts', () => {
  it('creates a reader with a Saved list, once per e-mail address', async () => {
    const id = createReader(db, { name: 'Ann', email: 'Ann@Example.com', passwordHash: 'h' })!
    expect(listsOf(id)).toMatchObject([{ name: 'Saved', isDefault: true }])
    expect(createReader(db, { name: 'Other', email: 'ann@example.com', passwordHash: 'h' })).toBeUndefined()
  })

  it('tokens work once, for their purpose, until they expire; a new one voids the old', async () => {
    const id = createReader(db, { name: 'Tok', email: 'tok@example.com', passwordHash: 'h' })!
    const first = issueToken(db, id, 'password-reset', 60_000)
    const second = issueToken(db, id, 'password-reset', 60_000)
    expect(consumeToken(db, first, 'password-reset')).toBeUndefined()
    expect(consumeToken(db, second, 'sign-in')).toBeUndefined()
    expect(consumeToken(db, second, 'password-reset')).toBe(id)
    expect(consumeToken(db, second, 'password-reset')).toBeUndefined()
    const old = issueToken(db, id, 'sign-in', 1000, Date.now() - 5000)
    expect(consumeToken(db, old, 'sign-in')).toBeUndefined()
  })
})

describe('reading lists', () => {
  it('never lets one reader touch another reader’s list, whatever id is sent', async () => {
    const alice = createReader(db, { name: 'Alice', email: 'alice@example.com', passwordHash: 'h' })!
    const bob = createReader(db, { name: 'Bob', email: 'bob@example.com', passwordHash: 'h' })!
    const [aliceSaved] = listsOf(alice)
    expect(saveToList(db, alice, articleIds[0]!)).toBe(true)
    expect(saveToList(db, bob, articleIds[1]!, aliceSaved!.id)).toBe(false)
    expect(removeFromList(db, bob, articleIds[0]!, aliceSaved!.id)).toBe(0)
    expect(renameList(db, bob, aliceSaved!.id, 'Mine now')).toBe(false)
    expect(deleteList(db, bob, aliceSaved!.id)).toBe(false)
    const bobList = createList(db, bob, 'Later')
    expect(moveToList(db, bob, articleIds[0]!, aliceSaved!.id, bobList)).toBe(false)
    expect(savedIn(aliceSaved!.id)).toEqual([{ articleId: articleIds[0] }])
  })

  it('moves between lists, keeps the default list, deletes named lists', async () => {
    const id = createReader(db, { name: 'Mo', email: 'mo@example.com', passwordHash: 'h' })!
    const [saved] = listsOf(id)
    const later = createList(db, id, 'Later')
    saveToList(db, id, articleIds[2]!)
    expect(moveToList(db, id, articleIds[2]!, saved!.id, later)).toBe(true)
    expect(savedIn(saved!.id)).toEqual([])
    expect(savedIn(later)).toEqual([{ articleId: articleIds[2] }])
    expect(deleteList(db, id, saved!.id)).toBe(false)
    expect(deleteList(db, id, later)).toBe(true)
  })

  it('deleting an account removes its lists and anonymises its comments', async () => {
    const id = createReader(db, { name: 'Gone', email: 'gone@example.com', passwordHash: 'h' })!
    saveToList(db, id, articleIds[0]!)
    const { id: commentId } = await postComment(
      {
        articleId: articleIds[0]!,
        parentId: null,
        userId: id,
        name: 'Gone',
        email: 'gone@example.com',
        body: 'Bye',
        ip: '192.0.2.1',
        userAgent: null,
      },
      { honeypot: '', elapsedSeconds: 10 },
      (c) => judgeComment(commentRulesSchema.parse({}), c),
    )
    expect(deleteReader(db, id)).toBe(true)
    expect(listsOf(id)).toEqual([])
    expect(db.select().from(users).where(eq(users.id, id)).get()).toBeUndefined()
    expect(db.select().from(comments).where(eq(comments.id, commentId!)).get()).toMatchObject({
      authorName: formerReaderName,
      authorEmail: null,
      ip: null,
      userId: null,
      body: 'Bye',
    })
    const admin = db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).get()!
    expect(deleteReader(db, admin.id)).toBe(false)
  })
})

describe('postComment', () => {
  it('holds a first comment, then refuses the same text again', async () => {
    const post = () =>
      postComment(
        {
          articleId: articleIds[3]!,
          parentId: null,
          userId: null,
          name: 'Guest',
          email: 'guest@example.com',
          body: 'Same words',
          ip: '192.0.2.9',
          userAgent: null,
        },
        { honeypot: '', elapsedSeconds: 10 },
        (c) => judgeComment(commentRulesSchema.parse({}), c),
      )
    expect((await post()).verdict).toMatchObject({ kind: 'store', status: 'pending' })
    expect((await post()).verdict).toMatchObject({ kind: 'reject', status: 409 })
  })
})

describe('hitRateLimits', () => {
  it('allows up to the limit in a window, then says when to retry, then opens a new window', async () => {
    const limit = [{ key: 'test:ip:1', max: 3, windowMs: 60_000 }]
    const t = 1_000_000
    expect(hitRateLimits(db, limit, t).ok).toBe(true)
    expect(hitRateLimits(db, limit, t + 1).ok).toBe(true)
    expect(hitRateLimits(db, limit, t + 2).ok).toBe(true)
    expect(hitRateLimits(db, limit, t + 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 })
    expect(hitRateLimits(db, limit, t + 60_001).ok).toBe(true)
  })
  it('counts every limit given: the tightest decides', async () => {
    const limits = [
      { key: 'test:ip:2', max: 10, windowMs: 60_000 },
      { key: 'test:account:a', max: 1, windowMs: 60_000 },
    ]
    expect(hitRateLimits(db, limits, 5000).ok).toBe(true)
    expect(hitRateLimits(db, limits, 5001).ok).toBe(false)
  })
})
