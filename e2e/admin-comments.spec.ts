import { expect, type Page, test } from '@playwright/test'
import { articleUrl, testDb } from './db'
import { admin, ensureStaff, signIn } from './staff'

type Candidate = { id: number; name: string; body: string; slug: string; publishedAt: number }

/**
 * A pending top-level comment on a live article, among the 30 newest (page 1 of the queue), whose
 * author has no approved comment on that article, so the name cannot already be on the page.
 * Spam-looking single-word names come first: nothing else on the page can contain them.
 */
async function findPendingComment(): Promise<Candidate> {
  const db = testDb()
  const rows = await db.all<Candidate & { parentId: number | null; articleStatus: string; articleId: number }>(
    `SELECT c.id, c.author_name AS name, c.body, c.parent_id AS parentId, a.slug, a.published_at AS publishedAt,
            a.status AS articleStatus, a.id AS articleId
     FROM comments c JOIN articles a ON a.id = c.article_id
     WHERE c.status = 'pending'
     ORDER BY c.created_at DESC, c.id DESC LIMIT 30`,
  )
  const candidates = []
  for (const r of rows) {
    if (r.parentId !== null || r.articleStatus !== 'published' || r.publishedAt > Date.now()) continue
    const approved = await db.value<number>(
      "SELECT count(*) FROM comments WHERE article_id = ? AND author_name = ? AND status = 'approved'",
      r.articleId,
      r.name,
    )
    if (approved === 0) candidates.push(r)
  }
  const pick = candidates.find((r) => !r.name.includes(' ')) ?? candidates[0]
  if (!pick) throw new Error('The seed has no pending comment to moderate')
  return pick
}

async function tabCounts(page: Page) {
  const tabs = page.getByRole('navigation', { name: 'Comment status' })
  const count = async (label: string) => {
    const text = await tabs.getByRole('link', { name: new RegExp(`^${label} \\(\\d+\\)$`) }).textContent()
    return Number(/\((\d+)\)/.exec(text ?? '')![1])
  }
  return { pending: await count('Pending'), approved: await count('Approved') }
}

const commentsSection = (page: Page) => page.getByRole('region', { name: /^(\d+ )?comments?$/i })

test('an editor approves a pending comment and readers see it on the article', async ({ page, context }) => {
  const comment = await findPendingComment()
  const url = articleUrl(comment.slug, comment.publishedAt)

  const reader = await context.browser()!.newPage()
  await reader.goto(url)
  await expect(commentsSection(reader)).toBeVisible()
  await expect(reader.getByRole('article', { name: `Comment by ${comment.name}` })).toHaveCount(0)
  await expect(commentsSection(reader).getByText(comment.name)).toHaveCount(0)

  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/comments/')
  await expect(page.getByRole('link', { name: /^Pending \(\d+\)$/ })).toHaveAttribute('aria-current', 'page')
  const before = await tabCounts(page)

  // Nothing ticked: the queue explains instead of doing anything.
  await page.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Select' })).toHaveText('Select at least one comment.')

  await page.getByLabel(`Select comment by ${comment.name}`).check()
  await page.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('1 comment approved.')
  await expect(page.getByLabel(`Select comment by ${comment.name}`)).toHaveCount(0)
  expect(await tabCounts(page)).toEqual({ pending: before.pending - 1, approved: before.approved + 1 })

  await page.getByRole('link', { name: /^Approved \(\d+\)$/ }).click()
  await expect(page.getByLabel(`Select comment by ${comment.name}`)).toHaveCount(1)

  await reader.goto(url)
  const approved = reader.getByRole('article', { name: `Comment by ${comment.name}` })
  await expect(approved).toHaveCount(1)
  await expect(approved).toContainText(comment.name)
  await expect(approved).toContainText(comment.body)

  const action = await testDb().value(
    "SELECT action FROM audit_log WHERE entity_type = 'comment' AND entity_id = ? ORDER BY id DESC",
    comment.id,
  )
  expect(action).toBe('comment:pending->approved')
})

test('an author cannot open the moderation queue', async ({ page }) => {
  const author = await ensureStaff('author', 'author-comments-e2e@example.com', 'author-comments-password')
  await signIn(page, author.email, author.password)
  const response = await page.goto('/admin/comments/')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0)
})
