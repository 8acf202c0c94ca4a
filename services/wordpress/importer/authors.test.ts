import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { users } from '@/db/schema'
import { importAuthor } from './authors'
import { prepareDatabase, readFixture, testContext } from './testing'

let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
})

describe('importAuthor', () => {
  it('makes each author an invited staff account, an address made up when the export has none', async () => {
    const { authors, site } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    for (const a of authors) await importAuthor(ctx, a)
    const mara = (await db.select().from(users).where(eq(users.email, 'mara@herald.example.org')).limit(1))[0]!
    expect(mara).toMatchObject({ name: 'Mara Quist', role: 'author', status: 'invited', passwordHash: null })
    const tobias = (
      await db.select().from(users).where(eq(users.email, 'tobias@herald.example.org.invalid')).limit(1)
    )[0]!
    expect(tobias.name).toBe('Tobias Fenn')
    expect(ctx.authorsByLogin).toEqual(
      new Map([
        ['mara', mara.id],
        ['tobias', tobias.id],
      ]),
    )
    expect(ctx.report.counts.authors).toEqual({ created: 2, updated: 0 })
    expect([...ctx.written.authors]).toEqual(['mara', 'tobias'])
  })

  it('finds the same accounts on the next import', async () => {
    const { authors, site } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    const before = (await db.select().from(users)).length
    for (const a of authors) await importAuthor(ctx, a)
    expect(await db.select().from(users)).toHaveLength(before)
    expect(ctx.report.counts.authors).toEqual({ created: 0, updated: 2 })
    expect(ctx.written.authors.size).toBe(0)
  })
})
