import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, auditLog } from '../schema'
import { articleFields, addUser } from '../test-fixtures'
import { saveArticle, setKeyPoints } from './articles'

let authorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  authorId = await addUser({ email: 'keypoints@example.com', name: 'Kim Points', role: 'editor' })
})

const body = (topic: string) =>
  [
    `<p>The regional council approved a new ${topic} plan on Monday after a debate that lasted nine hours.</p>`,
    `<p>The plan sets aside 40 million euros over five years for ${topic} projects in the three largest towns.</p>`,
    '<p>Opposition members said the money would arrive too late for families already struggling this winter.</p>',
    `<p>Work on the first ${topic} projects is expected to begin in the spring, according to the council.</p>`,
    '<p>A public consultation on the details will open next month and run for six weeks.</p>',
  ].join('')

const fields = () => articleFields({ title: 'Council approves housing plan', body: body('housing') })

const draft = { status: 'draft' as const, publishedAt: null }
const stored = async (id: number) =>
  (
    await db
      .select({ keyPoints: articles.keyPoints, mode: articles.keyPointsMode })
      .from(articles)
      .where(eq(articles.id, id))
      .limit(1)
  )[0]!

describe('key points on save', () => {
  it('computes 3 key points from the body of a new article and follows later body changes', async () => {
    const f = fields()
    const { id } = await saveArticle({ fields: f, transition: draft, actorId: authorId })
    const first = await stored(id)
    expect(first.mode).toBe('auto')
    expect(first.keyPoints).toHaveLength(3)
    expect(first.keyPoints!.join(' ')).toMatch(/housing/)
    await saveArticle({ id, fields: { ...f, body: body('transport') }, transition: draft, actorId: authorId })
    expect((await stored(id)).keyPoints!.join(' ')).toMatch(/transport/)
    expect((await stored(id)).keyPoints!.join(' ')).not.toMatch(/housing/)
  })

  it('never replaces edited key points, whoever saves the article later and however the body changes', async () => {
    const f = fields()
    const { id } = await saveArticle({
      fields: { ...f, keyPointsMode: 'edited', keyPoints: ['  Written by the desk. ', '', 'Second point.'] },
      transition: draft,
      actorId: authorId,
    })
    expect(await stored(id)).toEqual({ keyPoints: ['Written by the desk.', 'Second point.'], mode: 'edited' })
    // A save that says nothing about key points (a revision restore, an import) keeps them.
    await saveArticle({ id, fields: { ...f, body: body('transport') }, transition: draft, actorId: authorId })
    expect(await stored(id)).toEqual({ keyPoints: ['Written by the desk.', 'Second point.'], mode: 'edited' })
  })

  it('switched off keeps the points stored but hidden, and back on recomputes them', async () => {
    const f = fields()
    const { id } = await saveArticle({ fields: f, transition: draft, actorId: authorId })
    await saveArticle({ id, fields: { ...f, keyPointsMode: 'off' }, transition: draft, actorId: authorId })
    expect((await stored(id)).mode).toBe('off')
    expect((await stored(id)).keyPoints).toHaveLength(3)
    await saveArticle({
      id,
      fields: { ...f, body: body('water'), keyPointsMode: 'auto' },
      transition: draft,
      actorId: authorId,
    })
    expect((await stored(id)).mode).toBe('auto')
    expect((await stored(id)).keyPoints!.join(' ')).toMatch(/water/)
  })
})

describe('key points from the summary service', () => {
  it('are stored as edited, audited, and survive the next save', async () => {
    const f = fields()
    const { id } = await saveArticle({ fields: f, transition: draft, actorId: authorId })
    expect(await setKeyPoints(id, ['Written elsewhere.', '  Second. '], authorId, 'summary service')).toBe(true)
    expect(await stored(id)).toEqual({ keyPoints: ['Written elsewhere.', 'Second.'], mode: 'edited' })
    await saveArticle({ id, fields: { ...f, body: body('transport') }, transition: draft, actorId: authorId })
    expect((await stored(id)).keyPoints).toEqual(['Written elsewhere.', 'Second.'])
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, id))
    expect(audit.some((a) => a.action === 'key-points' && a.detail === 'summary service')).toBe(true)
    expect(await setKeyPoints(999_999, ['x'], authorId, 'summary service')).toBe(false)
  })
})
