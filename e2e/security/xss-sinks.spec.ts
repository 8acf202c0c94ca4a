import { expect, test, type Page } from '@playwright/test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { articleUrl, testDb } from '../db'
import { signIn, admin } from '../staff'
import { actionForm, actionId, corpus, watchForInjectedCode, xssFallback } from './corpus'
import { roleCookies } from './support'

const chunkSize = 8
const full = !!process.env.SECURITY_FULL

type Row = Record<string, unknown>

/**
 * Everything the page could run or load that the site did not put there: handlers, javascript:
 * links, scripts other than JSON-LD data and Next's own files, frames, objects, base. JSON-LD
 * blocks must still parse, so no value closed the element early.
 */
async function injectedIn(page: Page) {
  return page.evaluate(() => {
    const found: string[] = []
    const urlAttrs = /^(href|src|action|formaction|xlink:href|data|poster|background)$/i
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`)
        if (!urlAttrs.test(a.name)) continue
        // As the browser resolves it: "javascript&colon;x" left as text is a harmless relative path.
        let url: URL | null = null
        try {
          url = new URL(a.value, location.href)
        } catch {}
        if (url && (/^(javascript|vbscript):$/.test(url.protocol) || /^data:(text\/html|image\/svg)/i.test(url.href)))
          found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`)
      }
    }
    for (const s of Array.from(document.querySelectorAll('script'))) {
      if (s.type === 'application/ld+json') {
        try {
          JSON.parse(s.textContent ?? '')
        } catch {
          found.push(`JSON-LD no longer parses: ${(s.textContent ?? '').slice(0, 80)}`)
        }
        continue
      }
      const ours = s.src ? new URL(s.src).origin === location.origin && s.src.includes('/_next/') : s.nonce !== ''
      if (!ours) found.push(`script ${s.outerHTML.slice(0, 80)}`)
    }
    const player = /^https:\/\/(www\.youtube(-nocookie)?\.com|player\.vimeo\.com)\//
    for (const el of Array.from(document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv]')))
      if (!(el instanceof HTMLIFrameElement && player.test(el.getAttribute('src') ?? '')))
        found.push(`${el.tagName} ${el.outerHTML.slice(0, 80)}`)
    return found.map((f) => `${location.pathname}${location.search}: ${f}`)
  })
}

const clean = (s: unknown) =>
  String(s ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const asList = <T>(v: T | T[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const text = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Row)['#text'] : v)

/**
 * Every other place a person's words reach a page: image alt, caption and credit; author name and
 * bio; comment name and body; section and tag names and descriptions; static page title and body;
 * every site setting shown to readers. Each chunk of vectors is written through the real form
 * where it is cheap (site settings, static pages) and straight into the server's database for the
 * rest, since the rendering is what is under test; then every page and feed it reaches is opened.
 */
test('every XSS vector through captions, authors, comments, sections, tags, pages and settings stays inert', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(full ? 900_000 : 300_000)
  const all = corpus('xss.txt', xssFallback)
  // The fast run takes every eighth vector, offset from the article spec's every fourth.
  const payloads = full ? all : all.filter((_, i) => i % 8 === 2)
  const { admin: cookie } = await roleCookies(browser)
  const origin = new URL(test.info().project.use.baseURL!).origin
  const settingsAction = actionId('saveSettingsAction')
  const pageAction = actionId('savePageAction')

  const db = testDb()
  const savedSettings = await db.all<{ key: string; value: string; updated_at: number }>(
    'SELECT key, value, updated_at FROM settings',
  )
  const current = Object.fromEntries(savedSettings.map((r) => [r.key, JSON.parse(r.value) as unknown]))
  const picture = (await db.get<{ variants: string; mime_type: string; width: number; height: number; bytes: number }>(
    'SELECT variants, mime_type, width, height, bytes FROM media LIMIT 1',
  ))!

  const fired = await watchForInjectedCode(page)
  const visit = async (url: string) => {
    const response = await page.goto(url, { waitUntil: 'load' })
    expect(response?.status() ?? 0, url).toBeLessThan(400)
    fired.push(...(await injectedIn(page)))
  }
  const parser = new XMLParser({ ignoreAttributes: false })
  const hostileHtml = /<script|<[^>]+\son[a-z]+\s*=|<iframe[^>]+javascript:/i

  try {
    // A javascript: address for a social link is refused by the form with a message.
    const refused = await request.post('/admin/settings/', {
      headers: { cookie: cookie!, 'Next-Action': settingsAction, Origin: origin },
      multipart: actionForm(settingsForm(current, { social_x: 'javascript:alert(1)' })),
      maxRedirects: 0,
    })
    expect(refused.status()).toBe(200)
    expect(await refused.text()).toContain('Enter a full https:// address')

    for (let start = 0; start < payloads.length; start += chunkSize) {
      const chunk = payloads.slice(start, start + chunkSize)
      const joined = chunk.join(' ')
      const k = `${full ? 'f' : 's'}${start}`

      // Site settings through the settings form.
      const settings = settingsForm(current, {
        name: `Gazette ${chunk[0]}`.slice(0, 120),
        tagline: joined.slice(0, 200),
        description: joined.slice(0, 300),
        phone: (chunk[1] ?? '').slice(0, 60),
        staff: chunk.map((p, i) => `Role ${i} ${p.replace(/:/g, ' ')}: ${p}`).join('\n'),
        registeredOffice: chunk.slice(0, 4).join('\n').slice(0, 500),
        editorialOffice: chunk.slice(4).join('\n').slice(0, 500),
        copyright: `© {year} ${joined}`.slice(0, 300),
        social_facebook: `https://example.com/${encodeURIComponent(chunk[0]!)}`,
      })
      const saved = await request.post('/admin/settings/', {
        headers: { cookie: cookie!, 'Next-Action': settingsAction, Origin: origin },
        multipart: actionForm(settings),
        maxRedirects: 0,
      })
      expect(saved.headers()['x-action-redirect'], `settings ${k}: ${await saved.text()}`).toMatch(/saved=1/)

      // A static page through its form, so the body goes through the sanitizer as an editor's would.
      const pageSlug = `xss-page-${k}`
      const pageSaved = await request.post('/admin/pages/new/', {
        headers: { cookie: cookie!, 'Next-Action': pageAction, Origin: origin },
        multipart: actionForm({
          id: '',
          title: `Probe ${k} ${chunk[0]}`.slice(0, 200),
          slug: pageSlug,
          body: chunk.map((p) => `<p>${p}</p>${p}`).join('\n'),
          status: 'published',
          ...(start === 0 ? { inTopNav: 'on' } : {}),
          position: '50',
          seoDescription: joined.slice(0, 320),
        }),
        maxRedirects: 0,
      })
      expect(pageSaved.headers()['x-action-redirect'], `page ${k}: ${await pageSaved.text()}`).toMatch(/saved=1/)

      // The rest straight into the database: plain-text fields the reader pages escape.
      const now = Date.now() - 60_000
      await db.transaction(async (tx) => {
        const author = (await tx.value<number>(
          `INSERT INTO users (email, name, slug, role, bio, job_title) VALUES (?, ?, ?, 'author', ?, ?) RETURNING id`,
          `xss-${k}@example.com`,
          `Probe ${k} ${joined}`,
          `xss-author-${k}`,
          chunk.join('\n'),
          chunk[0]!,
        ))!
        const section = (await tx.value<number>(
          'INSERT INTO categories (name, slug, description, position) VALUES (?, ?, ?, 99) RETURNING id',
          `Probe ${k} ${chunk[0]}`,
          `xss-section-${k}`,
          joined,
        ))!
        const tag = (await tx.value<number>(
          'INSERT INTO tags (name, slug, description) VALUES (?, ?, ?) RETURNING id',
          `Probe ${k} ${chunk[1] ?? chunk[0]}`,
          `xss-tag-${k}`,
          joined,
        ))!
        const image = (await tx.value<number>(
          `INSERT INTO media (path, original_name, mime_type, width, height, bytes, variants, alt, caption, credit)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          `xss/${k}.webp`,
          chunk[0]!,
          picture.mime_type,
          picture.width,
          picture.height,
          picture.bytes,
          picture.variants,
          joined,
          joined,
          chunk.slice(0, 3).join(' '),
        ))!
        const article = (await tx.value<number>(
          `INSERT INTO articles (slug, title, standfirst, body, body_text, status, published_at, author_id, category_id, featured_image_id, source_name)
           VALUES (?, ?, 'Probe standfirst', '<p>Probe body</p>', 'Probe body', 'published', ?, ?, ?, ?, ?) RETURNING id`,
          `xss-sinks-${k}`,
          `Probe sinks ${k}`,
          now,
          author,
          section,
          image,
          chunk[2] ?? null,
        ))!
        await tx.run('INSERT INTO article_authors (article_id, user_id, position) VALUES (?, ?, 0)', article, author)
        await tx.run('INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)', article, tag)
        for (const [i, p] of chunk.entries())
          await tx.run(
            `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
             VALUES (?, ?, 'probe@example.com', ?, 'approved', ?)`,
            article,
            p.slice(0, 80),
            `${p}\n${p} https://example.com/?${i}`,
            now + i,
          )
      })

      const articlePage = articleUrl(`xss-sinks-${k}`, now, current.timezone as string)
      for (const url of [
        articlePage,
        `/author/xss-author-${k}/`,
        `/category/xss-section-${k}/`,
        `/tag/xss-tag-${k}/`,
        `/${pageSlug}/`,
        '/',
        `/search/?q=${encodeURIComponent(chunk[0]!)}`,
      ])
        await visit(url)

      // Feeds: well-formed, and every value read back as the text that was stored (escaped, not markup).
      const authorName = clean(`Probe ${k} ${joined}`)
      for (const url of [
        `/author/xss-author-${k}/feed/`,
        `/category/xss-section-${k}/feed/`,
        `/tag/xss-tag-${k}/feed/`,
      ]) {
        const xml = await (await request.get(url)).text()
        expect(XMLValidator.validate(xml), url).toBe(true)
        const channel = parser.parse(xml).rss.channel as Row
        const item = asList(channel.item as Row | Row[]).find((i) => clean(text(i.title)) === `Probe sinks ${k}`)
        expect(item, `${url} lists the probe`).toBeTruthy()
        expect(clean(text(item!['dc:creator'])), url).toBe(authorName)
        const terms = asList(item!.category as unknown[]).map((c) => clean(text(c)))
        expect(terms, url).toContain(clean(`Probe ${k} ${chunk[0]}`))
        expect(terms, url).toContain(clean(`Probe ${k} ${chunk[1] ?? chunk[0]}`))
        const description = (item!['media:content'] as Row | undefined)?.['media:description']
        expect(clean(text(description)), url).toBe(clean(joined))
        expect(String(item!['content:encoded'] ?? ''), url).not.toMatch(hostileHtml)
        expect(clean(channel.copyright), url).toContain(clean(joined).slice(0, 200))
      }
      for (const url of [`/author/xss-author-${k}/feed/atom/`, `/category/xss-section-${k}/feed/atom/`]) {
        const xml = await (await request.get(url)).text()
        expect(XMLValidator.validate(xml), url).toBe(true)
        const entry = asList(parser.parse(xml).feed.entry as Row | Row[]).find((e) =>
          clean(text(e.title)).includes(`Probe sinks ${k}`),
        )
        expect(entry, `${url} lists the probe`).toBeTruthy()
        expect(clean((asList(entry!.author as Row | Row[])[0] as Row).name), url).toBe(authorName)
      }
      for (const url of [`/author/xss-author-${k}/feed/json/`, `/tag/xss-tag-${k}/feed/json/`]) {
        const response = await request.get(url)
        const json = (await response.json()) as {
          items: { title: string; content_html?: string; authors?: { name: string }[] }[]
        }
        const item = json.items.find((i) => i.title === `Probe sinks ${k}`)
        expect(item, `${url} lists the probe`).toBeTruthy()
        expect(clean(item!.authors?.[0]?.name), url).toBe(authorName)
        expect(item!.content_html ?? '', url).not.toMatch(hostileHtml)
      }
      for (const url of ['/feed/', '/feed/atom/'])
        expect(XMLValidator.validate(await (await request.get(url)).text()), url).toBe(true)
      expect(fired, `chunk ${k}`).toEqual([])
    }

    // A javascript: social link that reached the database some other way is not shown.
    await db.run(
      `INSERT INTO settings (key, value) VALUES ('social', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      JSON.stringify([
        { network: 'x', url: 'javascript:alert(1)' },
        { network: 'facebook', url: 'https://example.com/gazette' },
      ]),
    )
    await visit('/')
    await visit(`/${'about-us'}/`)

    // The back office shows the same values to staff.
    await signIn(page, admin.email, admin.password)
    const last = `${full ? 'f' : 's'}${Math.floor((payloads.length - 1) / chunkSize) * chunkSize}`
    const lastIds = {
      media: await db.value('SELECT id FROM media WHERE path = ?', `xss/${last}.webp`),
      user: await db.value('SELECT id FROM users WHERE slug = ?', `xss-author-${last}`),
      page: await db.value('SELECT id FROM pages WHERE slug = ?', `xss-page-${last}`),
      article: await db.value('SELECT id FROM articles WHERE slug = ?', `xss-sinks-${last}`),
    }
    for (const url of [
      '/admin/',
      '/admin/media/',
      `/admin/media/${lastIds.media}/`,
      '/admin/comments/?status=approved',
      '/admin/comments/',
      '/admin/sections/',
      '/admin/tags/',
      '/admin/pages/',
      `/admin/pages/${lastIds.page}/`,
      '/admin/users/',
      '/admin/settings/',
      '/admin/articles/',
      `/admin/articles/${lastIds.article}/`,
      `/admin/articles/${lastIds.article}/preview/`,
      '/admin/audit/',
    ])
      await visit(url)
    expect(fired).toEqual([])
  } finally {
    // Later specs see the demo site's own settings again.
    await db.transaction(async (tx) => {
      await tx.run('DELETE FROM settings')
      for (const r of savedSettings)
        await tx.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', r.key, r.value, r.updated_at)
      await tx.run("UPDATE pages SET in_top_nav = ? WHERE slug LIKE 'xss-page-%'", false)
    })
  }
})

/** The settings form as the browser sends it: the stored values, then the changes. */
function settingsForm(current: Record<string, unknown>, changes: Record<string, string>) {
  const social = (current.social as { network: string; url: string }[] | undefined) ?? []
  const form: Record<string, string> = {
    name: String(current.name ?? 'Gazette'),
    tagline: String(current.tagline ?? ''),
    description: String(current.description ?? ''),
    timezone: String(current.timezone ?? 'Asia/Kolkata'),
    locale: String(current.locale ?? 'en-IN'),
    postsPerPage: String(current.postsPerPage ?? 10),
    phone: String(current.phone ?? ''),
    email: String(current.email ?? ''),
    staff: ((current.staff as { role: string; name: string }[] | undefined) ?? [])
      .map((s) => `${s.role}: ${s.name}`)
      .join('\n'),
    registeredOffice: String(current.registeredOffice ?? ''),
    editorialOffice: String(current.editorialOffice ?? ''),
    copyright: String(current.copyright ?? ''),
    logoMediaId: current.logoMediaId ? String(current.logoMediaId) : '',
    backupEveryHours: String(current.backupEveryHours ?? 24),
    backupKeep: String(current.backupKeep ?? 14),
  }
  for (const n of ['facebook', 'x', 'instagram', 'youtube', 'linkedin'])
    form[`social_${n}`] = social.find((s) => s.network === n)?.url ?? ''
  return { ...form, ...changes }
}
