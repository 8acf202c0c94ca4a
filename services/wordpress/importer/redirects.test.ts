import { beforeAll, describe, expect, it } from 'vitest'
import { findRedirect } from '@/db/queries/redirects'
import { fileRedirectSource, noteAttachmentPage, redirectAttachmentPages } from './redirects'
import { prepareDatabase, readFixture, testContext } from './testing'

let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
})

describe('the redirects an import leaves', () => {
  it('sends an attachment page to its article, else to the file', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    const harbour = item(201)
    const quay = item(202)
    noteAttachmentPage(ctx, harbour.link, harbour.parent, '/uploads/2024/03/harbour.webp')
    noteAttachmentPage(ctx, quay.link, quay.parent, quay.attachmentUrl)
    // A link to the file itself is not a page.
    noteAttachmentPage(ctx, harbour.attachmentUrl, harbour.parent, '/uploads/2024/03/harbour.webp')
    expect(ctx.media.pages).toHaveLength(2)
    ctx.posts.paths.set(101, '/2024/03/05/bridge-opens/')
    await redirectAttachmentPages(ctx)
    expect((await findRedirect('/2024/03/05/bridge-opens/harbour/'))?.toPath).toBe('/2024/03/05/bridge-opens/')
    expect((await findRedirect('/quay/'))?.toPath).toBe(quay.attachmentUrl)
  })

  it('redirects only the old site’s own file addresses', async () => {
    const { site } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    expect(fileRedirectSource(ctx, 'https://herald.example.org/wp-content/uploads/2024/03/quay.png')).toBe(
      '/wp-content/uploads/2024/03/quay.png',
    )
    expect(fileRedirectSource(ctx, 'https://cdn.example.net/herald/2024/03/quay.png')).toBe('')
  })
})
