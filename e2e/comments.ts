import { expect, type Page } from '@playwright/test'

/** What a writer is told when the database refuses a write; the group is the reason. */
export const writeFailureMessage =
  /The site cannot save changes right now \((.+)\)\. Nothing was saved; please try again in a few minutes\./

/**
 * Fills and posts the comment form of the article `page` shows, and expects the database to
 * refuse it: a 503 with Retry-After, the message naming `reason`, and the form as it was typed.
 */
export async function expectCommentRefused(
  page: Page,
  comment: { name: string; email: string; body: string },
  reason: string,
) {
  await page.getByLabel('Name').fill(comment.name)
  await page.getByLabel('Email').fill(comment.email)
  await page.getByRole('textbox', { name: 'Comment' }).fill(comment.body)
  const refused = page.waitForResponse((r) => r.url().endsWith('/comments/') && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Post comment' }).click()
  const response = await refused
  expect(response.status()).toBe(503)
  expect(response.headers()['retry-after']).toBe('120')
  await expect(page.getByRole('alert')).toHaveText(writeFailureMessage)
  expect((await page.getByRole('alert').textContent())!.match(writeFailureMessage)![1]).toBe(reason)
  await expect(page.getByRole('textbox', { name: 'Comment' })).toHaveValue(comment.body)
  await expect(page.getByLabel('Name')).toHaveValue(comment.name)
}
