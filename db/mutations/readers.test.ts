import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { judgeComment } from '@/lib/comment-rules'
import { commentRulesSchema } from '@/lib/settings'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, comments, readingLists, savedArticles, users } from '../schema'
import { firstRow } from '../test-fixtures'
import { seedDatabase } from '@/services/seed/seed'
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
  await migrateDatabase(db)
  await seedDatabase({ articles: 10, images: 1, adminPassword: 'x'.repeat(12) })
  articleIds = (
    await db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'published')).orderBy(articles.id)
  ).map((a) => a.id)
})

const listsOf = (userId: number) =>
  db.select().from(readingLists).where(eq(readingLists.userId, userId)).orderBy(readingLists.id)
const savedIn = (listId: number) =>
  db
    .select({ articleId: savedArticles.articleId })
    .from(savedArticles)
    .where(eq(savedArticles.listId, listId))
    .orderBy(savedArticles.articleId)

describe('reader accounts', () => {
  it('creates a reader with a Saved list, once per e-mail address', async () => {
    const id = (await createReader({ name: 'Ann', email: 'Ann@Example.com', passwordHash: 'h' }))!
    expect(await listsOf(id)).toMatchObject([{ name: 'Saved', isDefault: true }])
    expect(await createReader({ name: 'Other', email: 'ann@example.com', passwordHash: 'h' })).toBeUndefined()
  })

  it('tokens work once, for their purpose, until they expire; a new one voids the old', async () => {
    const id = (await createReader({ name: 'Tok', email: 'tok@example.com', passwordHash: 'h' }))!
    const first = await issueToken(id, 'password-reset', 60_000)
    const second = await issueToken(id, 'password-reset', 60_000)
    expect(await consumeToken(first, 'password-reset')).toBeUndefined()
    expect(await consumeToken(second, 'sign-in')).toBeUndefined()
    expect(await consumeToken(second, 'password-reset')).toBe(id)
    expect(await consumeToken(second, 'password-reset')).toBeUndefined()
    const old = await issueToken(id, 'sign-in', 1000, Date.now() - 5000)
    expect(await consumeToken(old, 'sign-in')).toBeUndefined()
  })
})

describe('reading lists', () => {
  it('never lets one reader touch another reader’s list, whatever id is sent', async () => {
    const alice = (await createReader({ name: 'Alice', email: 'alice@example.com', passwordHash: 'h' }))!
    const bob = (await createReader({ name: 'Bob', email: 'bob@example.com', passwordHash: 'h' }))!
    const [aliceSaved] = await listsOf(alice)
    expect(await saveToList(alice, articleIds[0]!)).toBe(true)
    expect(await saveToList(bob, articleIds[1]!, aliceSaved!.id)).toBe(false)
    expect(await removeFromList(bob, articleIds[0]!, aliceSaved!.id)).toBe(0)
    expect(await renameList(bob, aliceSaved!.id, 'Mine now')).toBe(false)
    expect(await deleteList(bob, aliceSaved!.id)).toBe(false)
    const bobList = await createList(bob, 'Later')
    expect(await moveToList(bob, articleIds[0]!, aliceSaved!.id, bobList)).toBe(false)
    expect(await savedIn(aliceSaved!.id)).toEqual([{ articleId: articleIds[0] }])
  })

  it('moves between lists, keeps the default list, deletes named lists', async () => {
    const id = (await createReader({ name: 'Mo', email: 'mo@example.com', passwordHash: 'h' }))!
    const [saved] = await listsOf(id)
    const later = await createList(id, 'Later')
    await saveToList(id, articleIds[2]!)
    expect(await moveToList(id, articleIds[2]!, saved!.id, later)).toBe(true)
    expect(await savedIn(saved!.id)).toEqual([])
    expect(await savedIn(later)).toEqual([{ articleId: articleIds[2] }])
    expect(await deleteList(id, saved!.id)).toBe(false)
    expect(await deleteList(id, later)).toBe(true)
  })

  it('deleting an account removes its lists and anonymises its comments', async () => {
    const id = (await createReader({ name: 'Gone', email: 'gone@example.com', passwordHash: 'h' }))!
    await saveToList(id, articleIds[0]!)
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
    expect(await deleteReader(id)).toBe(true)
    expect(await listsOf(id)).toEqual([])
    expect(await db.select().from(users).where(eq(users.id, id))).toEqual([])
    expect((await db.select().from(comments).where(eq(comments.id, commentId!)))[0]).toMatchObject({
      authorName: formerReaderName,
      authorEmail: null,
      ip: null,
      userId: null,
      body: 'Bye',
    })
    const admin = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))
    expect(await deleteReader(admin.id)).toBe(false)
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
    expect((await hitRateLimits(limit, t)).ok).toBe(true)
    expect((await hitRateLimits(limit, t + 1)).ok).toBe(true)
    expect((await hitRateLimits(limit, t + 2)).ok).toBe(true)
    expect(await hitRateLimits(limit, t + 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 })
    expect((await hitRateLimits(limit, t + 60_001)).ok).toBe(true)
  })
  it('counts every limit given: the tightest decides', async () => {
    const limits = [
      { key: 'test:ip:2', max: 10, windowMs: 60_000 },
      { key: 'test:account:a', max: 1, windowMs: 60_000 },
    ]
    expect((await hitRateLimits(limits, 5000)).ok).toBe(true)
    expect((await hitRateLimits(limits, 5001)).ok).toBe(false)
  })
})
