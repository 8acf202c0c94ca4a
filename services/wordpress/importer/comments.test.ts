import { beforeAll, describe, expect, it } from 'vitest'
import { importAuthor } from './authors'
import { postComments } from './comments'
import { prepareDatabase, readFixture, testContext } from './testing'

let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
})

describe('postComments', () => {
  it('keeps comments with their threads and statuses, and drops pingbacks', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    const list = await postComments(ctx, item(101))
    expect(list.map((c) => [c.key, c.wpParent, c.authorName, c.status])).toEqual([
      ['2', 1, 'Reply Person', 'approved'],
      ['1', 0, 'First Reader', 'approved'],
      ['3', 0, 'Spammer', 'spam'],
      ['4', 0, 'Held', 'pending'],
    ])
    expect(list[0]).toMatchObject({ body: 'I agree.', authorEmail: 'reply@example.com', userId: null })
    expect(list[0]!.createdAt).toEqual(new Date('2024-03-05T11:00:00Z'))
    expect(ctx.report.counts['pingbacks dropped']).toEqual({ created: 1, updated: 0 })
  })

  it('holds pingbacks for moderation when asked, and links comments by the site’s authors', async () => {
    const { site, authors, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId, pingbacks: 'hold' })
    for (const a of authors) await importAuthor(ctx, a)
    const post = item(101)
    const byMara = { ...post.comments[0]!, id: 9, userId: 7 }
    const list = await postComments(ctx, { ...post, comments: [...post.comments, byMara] })
    expect(list.find((c) => c.key === '5')).toMatchObject({ authorName: 'Pingback: Other Blog', status: 'pending' })
    expect(list.find((c) => c.key === '9')!.userId).toBe(ctx.authorsByLogin.get('mara'))
    expect(ctx.report.counts['pingbacks dropped']).toBeUndefined()
  })

  it('leaves editorial notes out and keys comments without ids on their post', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    const post = item(101)
    const note = { ...post.comments[1]!, type: 'note' }
    const anonymous = { ...post.comments[1]!, id: 0 }
    const list = await postComments(ctx, { ...post, comments: [note, anonymous] })
    expect(list.map((c) => c.key)).toEqual(['101#1'])
    expect(ctx.report.counts['editorial notes left out']).toEqual({ created: 1, updated: 0 })
  })
})
