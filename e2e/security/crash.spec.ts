import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { type TestDatabase, testDb } from '../db'
import { actionForm, actionId } from './corpus'
import { adminCookie, commentBody, full, integrityCheck, prepareDatabase, sleep } from './reliability-support'
import { secondURL, startServer, type Server } from './server'

const kills = full ? 20 : 3

/**
 * Writers post comments and save an article in parallel while the server is killed with SIGKILL at
 * a random moment; after each kill the database must pass SQLite's integrity check and hold every
 * write a client was told had succeeded. On PostgreSQL the database server outlives the killed
 * process, so there only the acknowledged writes are checked.
 */
test('SIGKILL at random moments loses no acknowledged write and never corrupts the database', async () => {
  test.setTimeout(full ? 900_000 : 180_000)
  const started = Date.now()
  const fixture = await prepareDatabase('crash')
  const target = fixture.articles[0]!
  const saveId = actionId('saveArticleAction')
  const acknowledged = { comments: [] as string[], titles: [] as string[] }
  let sent = 0
  let cookie = ''
  let articleId = 0

  let server: Server = await startServer(fixture.database, { TRUST_PROXY: '1' })
  try {
    cookie = await adminCookie()
    articleId = await createArticle(cookie, saveId)

    for (let round = 1; round <= kills; round++) {
      let running = true
      let counter = 0
      const unique = () => `r${round}-${++counter}-${Math.random().toString(36).slice(2, 8)}`
      const commenter = async (writer: number) => {
        while (running) {
          const marker = `crash-comment ${unique()}`
          sent++
          try {
            const response = await fetch(`${secondURL}/comments/`, {
              method: 'POST',
              redirect: 'manual',
              headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                Origin: secondURL,
                // Each writer its own address, as separate readers would have.
                'X-Forwarded-For': `10.9.${round}.${writer}`,
              },
              body: commentBody(target.id, marker),
            })
            await response.arrayBuffer()
            if (response.status === 303) acknowledged.comments.push(marker)
            else expect(response.status, `comment answered ${response.status}`).toBeLessThan(500)
          } catch {
            // The connection died with the server: not acknowledged, so it may or may not be stored.
          }
        }
      }
      const editor = async () => {
        while (running) {
          const title = `Crash save ${unique()}`
          sent++
          try {
            const response = await fetch(`${secondURL}/admin/articles/${articleId}/`, {
              method: 'POST',
              redirect: 'manual',
              headers: { cookie, 'Next-Action': saveId, Origin: secondURL },
              body: articleForm(articleId, title),
            })
            await response.arrayBuffer()
            const redirect = response.headers.get('x-action-redirect') ?? ''
            if (response.ok && /saved=/.test(redirect)) acknowledged.titles.push(title)
            else expect(response.status, `save answered ${response.status}`).toBeLessThan(500)
          } catch {}
        }
      }
      const writers = [commenter(1), commenter(2), commenter(3), editor(), editor()]
      // Both kinds of write have gone through in this round, then a random moment: some rounds die
      // mid-render, some mid-transaction, some between writes.
      const before = { comments: acknowledged.comments.length, titles: acknowledged.titles.length }
      for (let waited = 0; waited < 60_000; waited += 50) {
        if (acknowledged.comments.length > before.comments && acknowledged.titles.length > before.titles) break
        await sleep(50)
      }
      await sleep(Math.random() * 1500)
      const pid = server.process.pid!
      await server.stop('SIGKILL')
      while (fs.existsSync(`/proc/${pid}`)) await sleep(20)
      running = false
      await Promise.all(writers)

      if (!fixture.database.url)
        expect(integrityCheck(fixture.database.path), `integrity after kill ${round}`).toBe('ok')
      const missing = await findMissing(fixture.database, acknowledged)
      expect(missing, `acknowledged writes missing after kill ${round}`).toEqual({ comments: [], titles: [] })
      server = await startServer(fixture.database, { TRUST_PROXY: '1' })
    }
  } finally {
    await server.stop()
  }
  const seconds = Math.round((Date.now() - started) / 1000)
  const figures = `crash consistency: ${kills} kills, ${sent} writes sent, ${acknowledged.comments.length} comments and ${acknowledged.titles.length} article saves acknowledged, all found, integrity ok, ${seconds} s`
  console.log(figures)
  test.info().annotations.push({ type: 'figures', description: figures })
  expect(acknowledged.comments.length).toBeGreaterThan(0)
  expect(acknowledged.titles.length).toBeGreaterThan(0)
})

/** The article editor's fields, as its form posts them through the server action. */
function articleForm(id: number | '', title: string) {
  return actionForm({
    id: String(id),
    intent: 'save',
    title,
    slug: 'crash-consistency-probe',
    standfirst: 'Saved again and again while the server is killed.',
    body: `<p>${title}</p>`,
    categoryId: '',
    tags: '',
    featuredImageId: '',
    imageAlt: '',
    imageCaption: '',
    imageCredit: '',
    sourceUrl: '',
    sourceName: '',
    seoTitle: '',
    seoDescription: '',
    keyPointsMode: 'off',
    keyPoints: '',
  })
}

async function createArticle(cookie: string, saveId: string) {
  const response = await fetch(`${secondURL}/admin/articles/new/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'Next-Action': saveId, Origin: secondURL },
    body: articleForm('', 'Crash consistency probe'),
  })
  const redirect = response.headers.get('x-action-redirect') ?? ''
  const id = Number(/\/admin\/articles\/(\d+)\//.exec(redirect)?.[1])
  expect(id, `the probe article was created: ${response.status} ${redirect}`).toBeGreaterThan(0)
  return id
}

async function findMissing(database: TestDatabase, acknowledged: { comments: string[]; titles: string[] }) {
  // Opened after the kill, as a restarted server would, and closed before it starts again.
  const db = testDb(database)
  try {
    const comments = new Set(await db.values<string>("SELECT body FROM comments WHERE body LIKE 'crash-comment %'"))
    const titles = new Set(await db.values<string>("SELECT title FROM revisions WHERE title LIKE 'Crash save %'"))
    return {
      comments: acknowledged.comments.filter((c) => !comments.has(c)),
      titles: acknowledged.titles.filter((t) => !titles.has(t)),
    }
  } finally {
    await db.close()
  }
}
