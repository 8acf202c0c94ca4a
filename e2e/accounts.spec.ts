import {
  type APIResponse,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  type Response,
  test,
} from '@playwright/test'
import { seriousViolations } from './axe'
import { articleUrl, testDb } from './db'
import { linkIn, waitForMail } from './mail'
import { admin, signIn as signInStaff } from './staff'

type Article = { id: number; slug: string; title: string; url: string }

// Each scenario signs up through mail and visits several pages on a machine shared with others.
test.beforeEach(() => test.slow())

/** Published articles open for comments, a different one per scenario so they do not meet. */
async function articles(offset: number, count = 1): Promise<Article[]> {
  const rows = await testDb().all<{ id: number; slug: string; title: string; publishedAt: number }>(
    `SELECT id, slug, title, published_at AS publishedAt FROM articles
     WHERE status = 'published' AND comments_open = ? ORDER BY published_at DESC LIMIT ? OFFSET ?`,
    true,
    count,
    40 + offset,
  )
  return rows.map((r) => ({ ...r, url: articleUrl(r.slug, r.publishedAt) }))
}

const query = async <T>(sql: string, ...params: (string | number | boolean)[]) =>
  (await testDb().get<T>(sql, ...params))!

/** A client address of its own, so the per-IP limits of one scenario never reach another (or another worker's). */
const freshIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function newDevice(browser: Browser, ip = freshIp()) {
  return browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': ip } })
}

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/signup/')
  // Typed before the form hydrates, a field can come back empty on a busy machine: type until it holds.
  await expect(async () => {
    await page.getByLabel('Name').fill(name)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await expect(page.getByLabel('Name')).toHaveValue(name, { timeout: 500 })
  }).toPass()
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Check your inbox' })).toBeVisible()
  const mail = await waitForMail(email, /Confirm your e-mail address/)
  await page.goto(linkIn(mail.text, '/verify/'))
  await page.getByRole('button', { name: 'Confirm and sign in' }).click()
  await page.waitForURL(/\/account\/\?welcome=1$/)
}

async function signInReader(page: Page, email: string, password: string) {
  await page.goto('/signin/')
  await page.getByLabel('Email').first().fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(/\/account\/$/)
}

test.describe('reader accounts and reading lists', () => {
  test('sign up, save an article, see it on a second device, remove it', async ({ browser }) => {
    const [article] = await articles(0)
    const email = `reader-${unique()}@example.com`
    const password = 'reading-list-pass'
    const phone = await newDevice(browser)
    const page = await phone.newPage()
    await signUp(page, 'Rhea Reader', email, password)
    await expect(page.getByRole('navigation', { name: 'Account', exact: true })).toContainText('Rhea Reader')

    await page.goto(article!.url)
    await page.getByRole('button', { name: `Save: ${article!.title}` }).click()
    await expect(page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
    await expect(page).toHaveURL(new RegExp(`\\?saved=article-${article!.id}#article-${article!.id}$`))
    await expect(page.getByRole('status').filter({ hasText: 'Saved to your reading list' })).toBeInViewport()

    // On a phone, Save on a card far down the front page comes back to that card, which confirms.
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto('/')
    const latest = page.getByRole('region', { name: 'Latest stories' })
    const cardSave = latest
      .getByRole('article')
      .nth(4)
      .getByRole('button', { name: /^Save: / })
    const cardTitle = (await cardSave.getAttribute('aria-label'))!.slice('Save: '.length)
    // Found again by its title on every load: the back-office specs publish stories meanwhile.
    const card = latest.getByRole('article').filter({ has: page.getByRole('link', { name: cardTitle, exact: true }) })
    await cardSave.click()
    await expect(page).toHaveURL(/\/\?saved=(article-\d+(?:-\d+)?)#\1$/)
    await expect(card.getByRole('status')).toContainText('Saved to your reading list')
    await expect(card.getByRole('status')).toBeInViewport()
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(300)
    await card.getByRole('button', { name: `Saved: ${cardTitle}` }).click()
    await expect(card.getByRole('status')).toHaveText('Removed from your reading list')
    await expect(card.getByRole('button', { name: `Save: ${cardTitle}` })).toBeVisible()
    await page.setViewportSize({ width: 1280, height: 720 })

    // The other device: its own browser context, signed in with the password.
    const laptop = await newDevice(browser)
    const other = await laptop.newPage()
    await signInReader(other, email, password)
    await other.goto('/account/lists/')
    const saved = other.getByRole('region', { name: /^Saved/ })
    await expect(saved.getByRole('link', { name: article!.title })).toBeVisible()
    await saved.getByRole('button', { name: `Remove ${article!.title}` }).click()
    await expect(other.getByRole('status').filter({ hasText: 'removed' })).toBeVisible()
    await expect(other.getByRole('region', { name: /^Saved/ }).getByRole('link', { name: article!.title })).toHaveCount(
      0,
    )

    await page.goto('/account/lists/')
    await expect(page.getByRole('link', { name: article!.title })).toHaveCount(0)
    await page.goto(article!.url)
    await expect(page.getByRole('button', { name: `Save: ${article!.title}` })).toBeVisible()
    await phone.close()
    await laptop.close()
  })

  test('a signed-out reader who presses Save signs in and comes back with the article saved', async ({ browser }) => {
    const [article] = await articles(1)
    const email = `returning-${unique()}@example.com`
    const setup = await newDevice(browser)
    await signUp(await setup.newPage(), 'Sam Saver', email, 'come-back-pass')
    await setup.close()

    const context = await newDevice(browser)
    const page = await context.newPage()
    await page.goto(article!.url)
    // The anonymous page is shared: nobody's name or saved state is on it.
    await expect(page.getByRole('navigation', { name: 'Account', exact: true })).toHaveText('Sign in')
    await page.getByRole('button', { name: `Save: ${article!.title}` }).click()
    await page.waitForURL(/\/signin\/\?next=.*&save=\d+/)
    await page.getByLabel('Email').first().fill(email)
    await page.getByLabel('Password', { exact: true }).fill('come-back-pass')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL((u) => u.pathname === article!.url)
    await expect(page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
    await context.close()
  })

  test('two readers on the same cached page see only their own name and saves', async ({ browser }) => {
    const [article] = await articles(7)
    const readers = []
    for (const name of ['Ada Early', 'Bo Later']) {
      const context = await newDevice(browser)
      const page = await context.newPage()
      await signUp(page, name, `${name.split(' ')[0]!.toLowerCase()}-${unique()}@example.com`, 'two-readers-pass')
      readers.push({ name, context, page })
    }
    const [ada, bo] = readers as [(typeof readers)[number], (typeof readers)[number]]
    await ada.page.goto(article!.url)
    await ada.page.getByRole('button', { name: `Save: ${article!.title}` }).click()
    await expect(ada.page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()

    for (const { name, page } of readers) {
      // Until it comes from the cache: the first visit may render the shared page, and so may a
      // later one when the back-office tests running beside this one publish a story meanwhile.
      let response!: Response
      await expect.poll(async () => (response = (await page.goto(article!.url))!).headers()['x-cache']).toBe('HIT')
      expect(response.headers()['cache-control']).toBe('private, no-cache')
      await expect(page.getByRole('navigation', { name: 'Account', exact: true })).toHaveText(`Your account: ${name}`)
      await expect(page.locator('#respond')).toContainText(`Commenting as ${name}.`)
      await expect(page.getByLabel('Name')).toHaveCount(0)
      // Personal pages carry no client runtime either.
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0)
    }
    await expect(ada.page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
    await expect(bo.page.getByRole('button', { name: `Save: ${article!.title}` })).toBeVisible()
    await expect(bo.page.locator('body')).not.toContainText('Ada Early')

    // The shared page itself carries neither.
    const anonymous = await browser.newContext()
    let shared!: APIResponse
    await expect.poll(async () => (shared = await anonymous.request.get(article!.url)).headers()['x-cache']).toBe('HIT')
    const html = await shared.text()
    expect(html).not.toMatch(/Ada Early|Bo Later|Saved:|gazette-slot|__gazette/)
    // Pages Next hydrates (sign-up here) carry no marks, which would not hydrate.
    expect(await (await anonymous.request.get('/signup/')).text()).not.toContain('gazette-slot')
    // The Saved button the front server put in is a working form: it takes the story off the list.
    await ada.page.getByRole('button', { name: `Saved: ${article!.title}` }).click()
    await expect(ada.page.getByRole('button', { name: `Save: ${article!.title}` })).toBeVisible()
    for (const { context } of [...readers, { context: anonymous }]) await context.close()
  })

  test('another reader can neither read nor change a list by its id', async ({ browser }) => {
    const [article] = await articles(2)
    const owner = await newDevice(browser)
    const ownerEmail = `owner-${unique()}@example.com`
    const ownerPage = await owner.newPage()
    await signUp(ownerPage, 'Olive Owner', ownerEmail, 'owner-password')
    await ownerPage.goto(article!.url)
    await ownerPage.getByRole('button', { name: `Save: ${article!.title}` }).click()
    await expect(ownerPage.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
    const ownerList = await query<{ id: number }>(
      'SELECT l.id FROM reading_lists l JOIN users u ON u.id = l.user_id WHERE u.email = ? AND l.is_default = ?',
      ownerEmail,
      true,
    )

    const intruder = await newDevice(browser)
    const page = await intruder.newPage()
    await signUp(page, 'Ivan Intruder', `intruder-${unique()}@example.com`, 'intruder-password')
    await page.goto(article!.url)
    await page.getByRole('button', { name: `Save: ${article!.title}` }).click()
    await expect(page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
    await page.goto('/account/lists/')
    await expect(page.getByText('Olive Owner')).toHaveCount(0)

    // Point every list form at the owner's list, as a hand-made request would.
    for (const action of ['Remove', 'Rename']) {
      await page.goto('/account/lists/')
      if (action === 'Rename') {
        await page.getByLabel('List name').fill('Later')
        await page.getByRole('button', { name: 'Create list' }).click()
        await expect(page.getByRole('status').filter({ hasText: 'List created' })).toBeVisible()
      }
      // After hydration, which would otherwise put the rendered values back.
      await page.waitForLoadState('networkidle')
      await page.evaluate((id) => {
        for (const input of document.querySelectorAll<HTMLInputElement>('input[name="listId"]'))
          input.value = String(id)
      }, ownerList.id)
      await page
        .getByRole('button', { name: new RegExp(`^${action}`) })
        .first()
        .click()
      await expect(page.getByRole('alert').filter({ hasText: 'not in your reading lists' })).toBeVisible()
    }
    const still = await query<{ n: number; name: string }>(
      'SELECT count(s.article_id) AS n, l.name FROM reading_lists l LEFT JOIN saved_articles s ON s.list_id = l.id WHERE l.id = ? GROUP BY l.name',
      ownerList.id,
    )
    expect(still).toEqual({ n: 1, name: 'Saved' })

    // Their data export holds only their own account.
    const data = await page.request.get('/account/data/')
    expect(data.status()).toBe(200)
    const json = await data.json()
    expect(JSON.stringify(json)).not.toContain(ownerEmail)
    expect(json.account.name).toBe('Ivan Intruder')
    await owner.close()
    await intruder.close()
  })

  test('password reset through the SMTP server; the same answer for an unknown address', async ({ browser }) => {
    const context = await newDevice(browser)
    const page = await context.newPage()
    const email = `forgetful-${unique()}@example.com`
    await signUp(page, 'Fay Forgetful', email, 'first-password')
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/')

    await page.goto('/reset/')
    await page.getByLabel('Email').fill(`nobody-${unique()}@example.com`)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    const unknownAnswer = page.getByRole('status').filter({ hasText: 'on its way' })
    await expect(unknownAnswer).toBeVisible()
    const unknown = (await unknownAnswer.textContent())!.replace(/\S+@example\.com/, 'X')

    await page.goto('/reset/')
    await page.getByLabel('Email').fill(email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    const knownAnswer = page.getByRole('status').filter({ hasText: 'on its way' })
    await expect(knownAnswer).toBeVisible()
    expect((await knownAnswer.textContent())!.replace(/\S+@example\.com/, 'X')).toBe(unknown)

    const mail = await waitForMail(email, /Reset your password/)
    await page.goto(linkIn(mail.text, '/reset/'))
    await page.getByLabel('New password', { exact: true }).fill('second-password')
    await page.getByLabel('New password again').fill('second-password')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.waitForURL(/\/signin\/\?reset=1/)
    await signInReader(page, email, 'second-password')
    await expect(page.getByRole('navigation', { name: 'Account', exact: true })).toContainText('Fay Forgetful')
    await context.close()
  })

  test('sign-in is rate limited per account, with one answer for wrong and unknown accounts', async ({ browser }) => {
    const context = await newDevice(browser)
    const page = await context.newPage()
    const target = `target-${unique()}@example.com`
    // Five failures per account are free (services/sign-in-limit.ts, shared with staff sign-in); then a lock.
    for (let i = 0; i < 5; i++) {
      await page.goto('/signin/')
      await page.getByLabel('Email').first().fill(target)
      await page.getByLabel('Password', { exact: true }).fill('wrong-password')
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(page.getByRole('alert').filter({ hasText: 'The e-mail or password is not correct.' })).toBeVisible()
    }
    await page.goto('/signin/')
    await page.getByLabel('Email').first().fill(target)
    await page.getByLabel('Password', { exact: true }).fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: /Too many/ })).toBeVisible()
    await expect(page.getByLabel('Email').first()).toHaveValue(target)
    await context.close()
  })

  test('Google sign-in is offered only when configured; staff pages stay closed to readers', async ({ browser }) => {
    const context = await newDevice(browser)
    const page = await context.newPage()
    await page.goto('/signin/')
    // AUTH_GOOGLE_ID / AUTH_GOOGLE_SECRET are not set for the test server.
    await expect(page.getByRole('button', { name: 'Sign in with Google' })).toHaveCount(0)
    // SMTP_URL is set: passwordless sign-in by e-mail is offered.
    await expect(page.getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible()
    await signUp(page, 'Nora Nosy', `nosy-${unique()}@example.com`, 'nosy-password')
    const response = await page.goto('/admin/comments/')
    expect(response?.status()).toBe(403)
    await context.close()
  })

  test('passwordless sign-in by an e-mail link, and an open redirect refused', async ({ browser }) => {
    const context = await newDevice(browser)
    const page = await context.newPage()
    const email = `linky-${unique()}@example.com`
    await signUp(page, 'Lena Link', email, 'linky-password')
    await context.clearCookies()
    await page.goto(`/signin/?next=${encodeURIComponent('//evil.example/steal')}`)
    await page.getByRole('region', { name: 'Or sign in without a password' }).getByLabel('Email').fill(email)
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'on its way' })).toBeVisible()
    const mail = await waitForMail(email, /Your sign-in link/)
    const link = linkIn(mail.text, '/signin/link/')
    expect(link).toContain(encodeURIComponent('/account/'))
    await page.goto(link)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(/\/account\/$/)
    await expect(page.getByRole('navigation', { name: 'Account', exact: true })).toContainText('Lena Link')
    await context.close()
  })
})

/** A form stamp from a fresh render of the article, aged past the minimum fill time. */
async function agedStamp(context: BrowserContext, article: Article, wait = 3200) {
  const html = await (await context.request.get(`${article.url}?fresh=${unique()}`)).text()
  const stamp = html.match(/name="t" value="([^"]+)"/)![1]!
  if (wait) await new Promise((r) => setTimeout(r, wait))
  return stamp
}

async function post(context: BrowserContext, article: Article, fields: Record<string, string>) {
  return context.request.post('/comments/', {
    form: { articleId: String(article.id), website: '', ...fields },
    maxRedirects: 0,
  })
}

const statusOf = async (body: string) =>
  await testDb().value<string>('SELECT status FROM comments WHERE body = ?', body)

test.describe('comments', () => {
  test('a guest comment is held, approved in /admin, then shown on the article and in Recent Comments', async ({
    browser,
  }) => {
    const [article] = await articles(3)
    const guest = await newDevice(browser)
    const page = await guest.newPage()
    const name = `Gita Guest ${unique()}`
    const body = `A first comment from a guest, ${unique()}.`
    await page.goto(article!.url)
    await page.getByLabel('Name').fill(name)
    await page.getByLabel('Email').fill(`guest-${unique()}@example.com`)
    await page.getByRole('textbox', { name: 'Comment' }).fill(body)
    await page.waitForTimeout(3200)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
    await expect(page.getByText(body)).toHaveCount(0)

    const staff = await browser.newContext()
    const office = await staff.newPage()
    await signInStaff(office, admin.email, admin.password)
    await office.goto('/admin/comments/?status=pending')
    await office.getByLabel(`Select comment by ${name}`).check()
    await office.getByRole('button', { name: 'Approve' }).click()
    await expect(office.getByRole('status').filter({ hasText: '1 comment approved' })).toBeVisible()
    await staff.close()

    await page.goto(article!.url)
    await expect(page.getByRole('article', { name: `Comment by ${name}` })).toContainText(body)
    await page.goto('/')
    await expect(page.getByText(name).first()).toBeVisible()
    await guest.close()
  })

  test('a signed-in reader comments without name or e-mail, and replies thread', async ({ browser }) => {
    const [article] = await articles(4)
    const context = await newDevice(browser)
    const page = await context.newPage()
    await signUp(page, 'Cora Commenter', `cora-${unique()}@example.com`, 'cora-password')
    await page.goto(article!.url)
    await expect(page.getByLabel('Name')).toHaveCount(0)
    await expect(page.getByText('Commenting as Cora Commenter')).toBeVisible()
    const body = `Signed-in thoughts ${unique()}`
    await page.getByRole('textbox', { name: 'Comment' }).fill(body)
    await page.waitForTimeout(3200)
    await page.getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
    expect(await statusOf(body)).toBe('pending')
    await context.close()
  })

  test('each spam rule holds or refuses its case', async ({ browser }) => {
    const [article] = await articles(5)
    let context = await newDevice(browser)
    const email = () => `rules-${unique()}@example.com`
    let stamp = await agedStamp(context, article!)

    const honeypot = await post(context, article!, {
      t: stamp,
      name: 'Hon Pot',
      email: email(),
      body: `hp ${unique()}`,
      website: 'http://spam.example',
    })
    expect(honeypot.status()).toBe(400)

    const fresh = await agedStamp(context, article!, 0)
    const tooFast = await post(context, article!, {
      t: fresh,
      name: 'Speedy',
      email: email(),
      body: `fast ${unique()}`,
    })
    expect(tooFast.status()).toBe(400)
    expect(await tooFast.text()).toContain('quicker than anyone')

    const forged = await post(context, article!, {
      t: '1700000000000.forgedforgedforgedforgedforgedforg',
      name: 'Forger',
      email: email(),
      body: `forged ${unique()}`,
    })
    expect(forged.status()).toBe(400)

    const links = `Links https://a.example/ https://b.example/ https://c.example/ ${unique()}`
    const held = await post(context, article!, { t: stamp, name: 'Link Lover', email: email(), body: links })
    expect(held.status()).toBe(303)
    expect(held.headers()['location']).toContain('comment=held')
    expect(await statusOf(links)).toBe('pending')

    const machine = `Great post ${unique()}`
    expect(
      (await post(context, article!, { t: stamp, name: 'xreDavBVnbGqQA', email: email(), body: machine })).status(),
    ).toBe(303)
    expect(await statusOf(machine)).toBe('spam')

    // A fresh client address for the rest: the rate limit (5 per IP) would otherwise answer first.
    await context.close()
    context = await newDevice(browser)
    stamp = await agedStamp(context, article!)
    const dupEmail = email()
    const dup = `Same again ${unique()}`
    expect((await post(context, article!, { t: stamp, name: 'Dee Dupe', email: dupEmail, body: dup })).status()).toBe(
      303,
    )
    const second = await post(context, article!, { t: stamp, name: 'Dee Dupe', email: dupEmail, body: dup })
    expect(second.status()).toBe(409)
    expect(await second.text()).toContain('already posted')

    const html = await post(context, article!, {
      t: stamp,
      name: 'Tag Tom',
      email: email(),
      body: '<script>alert(1)</script>',
    })
    expect(html.status()).toBe(400)
    expect(await html.text()).not.toContain('<script>alert(1)</script>')
    await context.close()
  })

  test('blocklisted words, e-mails and IPs go to spam; banning from the queue adds to the blocklist', async ({
    browser,
  }) => {
    const [article] = await articles(6)
    const staff = await browser.newContext()
    const office = await staff.newPage()
    await signInStaff(office, admin.email, admin.password)
    await office.goto('/admin/settings/')
    const blocklist = office.getByLabel('Blocklist')
    await blocklist.fill(`${await blocklist.inputValue()}\nbuycheapwatches\nblocked@example.com`.trim())
    await office.getByRole('button', { name: 'Save comment rules' }).click()
    await expect(office.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible()

    const context = await newDevice(browser)
    const stamp = await agedStamp(context, article!)
    const word = `Visit BuyCheapWatches today ${unique()}`
    expect(
      (
        await post(context, article!, { t: stamp, name: 'Wendy Word', email: `w-${unique()}@example.com`, body: word })
      ).status(),
    ).toBe(303)
    expect(await statusOf(word)).toBe('spam')
    const byEmail = `Hello from a blocked address ${unique()}`
    expect(
      (
        await post(context, article!, { t: stamp, name: 'Eve Mail', email: 'blocked@example.com', body: byEmail })
      ).status(),
    ).toBe(303)
    expect(await statusOf(byEmail)).toBe('spam')

    // Ban the author of a held comment from the queue: their next comment goes straight to spam.
    const bannedIp = freshIp()
    const banned = await newDevice(browser, bannedIp)
    const bannedStamp = await agedStamp(banned, article!)
    const first = `Pending before the ban ${unique()}`
    await post(banned, article!, {
      t: bannedStamp,
      name: 'Bart Banned',
      email: `bart-${unique()}@example.com`,
      body: first,
    })
    await office.goto('/admin/comments/?status=pending')
    await office.getByLabel('Select comment by Bart Banned').first().check()
    await office.getByRole('button', { name: 'Ban author' }).click()
    await expect(office.getByRole('status').filter({ hasText: 'blocked' })).toBeVisible()
    expect(await statusOf(first)).toBe('spam')
    const after = `After the ban ${unique()}`
    await post(banned, article!, {
      t: bannedStamp,
      name: 'Bart Again',
      email: `other-${unique()}@example.com`,
      body: after,
    })
    expect(await statusOf(after)).toBe('spam')
    await staff.close()
    await context.close()
    await banned.close()
  })

  test('a burst of comments from one IP hits the rate limit with 429 and a clear message', async ({ browser }) => {
    const [article] = await articles(7)
    const context = await newDevice(browser)
    const stamp = await agedStamp(context, article!)
    const statuses: number[] = []
    let last = ''
    for (let i = 0; i < 7; i++) {
      const res = await post(context, article!, {
        t: stamp,
        name: 'Burst Bea',
        email: `burst-${i}-${unique()}@example.com`,
        body: `Burst ${i} ${unique()}`,
      })
      statuses.push(res.status())
      if (res.status() === 429) {
        last = await res.text()
        expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0)
      }
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303])
    expect(statuses.slice(5)).toEqual([429, 429])
    expect(last).toContain('too many comments')
    // The page keeps what was typed.
    expect(last).toContain('Burst 6')
    await context.close()
  })

  test('comments closed on an article refuse new ones with 403', async ({ browser }) => {
    const [article] = await articles(8)
    await testDb().run('UPDATE articles SET comments_open = ? WHERE id = ?', false, article!.id)
    const context = await newDevice(browser)
    const page = await context.newPage()
    await page.goto(article!.url)
    await expect(page.getByText('Comments are closed.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Post comment' })).toHaveCount(0)
    const res = await post(context, article!, {
      t: 'x',
      name: 'Late Larry',
      email: 'late@example.com',
      body: 'Too late',
    })
    expect(res.status()).toBe(403)
    await context.close()
  })
})

test('account pages are accessible, in dark mode too, and fit a 360 px phone', async ({ browser }) => {
  const [article] = await articles(9)
  const context = await browser.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': freshIp() },
    viewport: { width: 360, height: 740 },
  })
  const page = await context.newPage()
  for (const path of ['/signin/', '/signup/', '/reset/']) {
    await page.goto(path)
    expect(await seriousViolations(page), path).toEqual([])
  }
  await signUp(page, 'Alma Access', `access-${unique()}@example.com`, 'access-password')
  await page.goto(article!.url)
  await page.getByRole('button', { name: `Save: ${article!.title}` }).click()
  await expect(page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
  await page.goto('/account/lists/')
  await page.getByLabel('List name').fill('Weekend')
  await page.getByRole('button', { name: 'Create list' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'List created' })).toBeVisible()
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const path of ['/account/', '/account/lists/', article!.url]) {
      await page.goto(path)
      expect(await seriousViolations(page, { coloursOnly: scheme === 'dark' }), `${path} (${scheme})`).toEqual([])
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, path).toBeLessThanOrEqual(0)
    }
  }
  // Move the saved article to the new list, with the keyboard-usable select.
  await page.goto('/account/lists/')
  await page.getByLabel(`Move ${article!.title} to`).selectOption({ label: 'Weekend' })
  await page.getByRole('button', { name: `Move ${article!.title}`, exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Article moved' })).toBeVisible()
  await expect(page.getByRole('region', { name: /^Weekend/ }).getByRole('link', { name: article!.title })).toBeVisible()
  await context.close()
})

test('without JavaScript: Save goes through sign-in and back, and a guest comment posts', async ({ browser }) => {
  const [article] = await articles(10)
  const email = `nojs-${unique()}@example.com`
  const setup = await newDevice(browser)
  await signUp(await setup.newPage(), 'Nikhil NoScript', email, 'no-script-pass')
  await setup.close()

  const context = await browser.newContext({
    javaScriptEnabled: false,
    extraHTTPHeaders: { 'X-Forwarded-For': freshIp() },
  })
  const page = await context.newPage()
  await page.goto(article!.url)
  await page.getByRole('button', { name: `Save: ${article!.title}` }).click()
  await page.waitForURL(/\/signin\/\?next=.*&save=\d+/)
  await page.getByLabel('Email').first().fill(email)
  await page.getByLabel('Password', { exact: true }).fill('no-script-pass')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL((u) => u.pathname === article!.url)
  await expect(page.getByRole('button', { name: `Saved: ${article!.title}` })).toBeVisible()
  // Back at the article's Save button, not the top of the page, with the confirmation beside it.
  expect(new URL(page.url()).hash).toBe(`#article-${article!.id}`)
  await expect(page.getByRole('status').filter({ hasText: 'Saved to your reading list' })).toBeInViewport()
  await page.getByRole('button', { name: `Saved: ${article!.title}` }).click()
  await expect(page.getByRole('button', { name: `Save: ${article!.title}` })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Removed from your reading list' })).toBeVisible()
  await context.clearCookies()

  await page.goto(article!.url)
  await page.getByLabel('Name').fill('Nadia Plain')
  await page.getByLabel('Email').fill(`plain-${unique()}@example.com`)
  await page.getByRole('textbox', { name: 'Comment' }).fill(`Posted without scripts ${unique()}`)
  await page.waitForTimeout(3200)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
  await context.close()
})
