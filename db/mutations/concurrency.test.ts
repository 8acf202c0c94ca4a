import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, transaction } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, auditLog } from '../schema'
import { addUser, articleFields, publishArticle } from '../test-fixtures'
import { publishDueArticles, saveArticle, SlugTakenError } from './articles'

// Writes that race: on SQLite they queue, on PostgreSQL they run side by side (SERIALIZABLE, the
// loser run again), and either way each ends as if they had run one after another.
let editor: number

beforeAll(async () => {
  await migrateDatabase(db)
  editor = await addUser({ email: 'race@example.com', name: 'Race Desk', role: 'editor' })
})

describe('concurrent writes', () => {
  it('give one of two editors a slug both asked for at once, and the other a clear refusal', async () => {
    const slug = `same-slug-${Date.now()}`
    const results = await Promise.allSettled(
      [1, 2].map((n) =>
        saveArticle({
          actorId: editor,
          transition: { status: 'draft', publishedAt: null },
          fields: articleFields({ title: `Desk ${n} story`, slug }),
        }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected')
    expect(refused?.reason).toBeInstanceOf(SlugTakenError)
  })

  it('publish each due article once when two servers run the schedule at the same moment', async () => {
    const past = new Date(Date.now() - 60_000)
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const id = await publishArticle(editor, null)
      await saveArticle({
        id,
        actorId: editor,
        transition: { status: 'scheduled', publishedAt: past },
        fields: articleFields({ title: `Scheduled ${i}`, slug: `scheduled-${i}-${Date.now()}` }),
      })
      ids.push(id)
    }
    const runs = await Promise.all([publishDueArticles(), publishDueArticles(), publishDueArticles()])
    expect(
      runs
        .flat()
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(ids)
    for (const id of ids) {
      const audits = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'status:scheduled->published')))
      expect(audits).toHaveLength(1)
    }
  })

  it('keep every acknowledged save when many run at once, and roll back only the one that fails', async () => {
    const stamp = Date.now()
    const saves = Array.from({ length: 12 }, (_, i) =>
      publishArticle(editor, new Date(), { title: `Busy desk ${i}`, slug: `busy-${stamp}-${i}` }),
    )
    const failing = transaction(async () => {
      await publishArticle(editor, new Date(), { title: 'Never kept', slug: `rolled-back-${stamp}` })
      throw new Error('the editor cancelled')
    })
    const [ids, failure] = await Promise.all([Promise.all(saves), failing.catch((error: Error) => error)])
    expect(new Set(ids).size).toBe(12)
    expect((failure as Error).message).toBe('the editor cancelled')
    const kept = await db.select({ slug: articles.slug }).from(articles)
    const slugs = new Set(kept.map((r) => r.slug))
    for (let i = 0; i < 12; i++) expect(slugs.has(`busy-${stamp}-${i}`)).toBe(true)
    expect(slugs.has(`rolled-back-${stamp}`)).toBe(false)
  })
})
